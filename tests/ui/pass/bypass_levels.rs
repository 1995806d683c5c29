#![deny(warnings)]

// `#[hooked(bypass = ..)]`: an entity that denies or warns about SeaORM's
// skipping paths is used as any other, with no warning, as long as those
// paths are not called by name; the trait's fn, named in full, is the way to
// skip the hooks on purpose; `warn` is silenced by `allow(deprecated)`.

mod denied {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[hooked(bypass = "deny")]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {
        #[before_delete]
        fn keep_all(&self) -> HookResult<Deletion> {
            Ok(Deletion::Keep)
        }
    }
}

mod warned {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    /// A documented entity: the generated fns are documented too.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[hooked(crate = "hooks_orm", bypass = "warn")]
    #[sea_orm(table_name = "notes")]
    pub struct Model {
        /// The key.
        #[sea_orm(primary_key)]
        pub id: i32,
        /// The text.
        pub text: String,
    }

    /// No relations.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {}
}

mod allowed {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[hooked(bypass = "allow")]
    #[sea_orm(table_name = "tags")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {}
}

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

async fn normal_use(db: &HookDb) -> Result<(), HookError> {
    let am = denied::ActiveModel {
        title: Set("a".to_owned()),
        ..Default::default()
    };
    let post = am.clone().insert(db).await?;
    let _ = denied::Entity::find().filter(denied::Column::Title.eq("a")).all(db).await?;
    let _ = denied::Entity::find_by_id(post.id).one(db).await?;
    let _ = denied::Entity::insert_many_hooked([am.clone()], db).await?;
    let change = denied::ActiveModel { title: Set("b".to_owned()), ..Default::default() };
    let _ = denied::Entity::update_many_hooked(denied::Column::Id.eq(post.id), change, db).await?;
    let _ = denied::Entity::delete_many_hooked(denied::Column::Id.eq(post.id), db).await?;
    post.delete_hooked(db).await?;
    Ok(())
}

async fn on_purpose(db: &DatabaseConnection) -> Result<(), DbErr> {
    // The escape hatch: SeaORM's trait fn, named in full.
    <denied::Entity as EntityTrait>::delete_many()
        .filter(denied::Column::Id.eq(1))
        .exec(db)
        .await?;
    <warned::Entity as EntityTrait>::delete_by_id(1).exec(db).await?;
    #[allow(deprecated)]
    warned::Entity::delete_many().exec(db).await?;
    // Generic code reaches the trait's fns: nothing to see for the derive.
    wipe::<denied::Entity>(db).await?;
    allowed::Entity::delete_many().exec(db).await?;
    Ok(())
}

async fn wipe<E: EntityTrait>(db: &DatabaseConnection) -> Result<(), DbErr> {
    E::delete_many().exec(db).await?;
    Ok(())
}

fn main() {
    let _ = (normal_use, on_purpose);
}
