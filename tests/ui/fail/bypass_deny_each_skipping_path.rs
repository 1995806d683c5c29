// `#[hooked(bypass = "deny")]`: every path call of SeaORM's fns that write
// without hooks is a compile error that names the hooked replacement.

mod posts {
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
    impl Model {}
}

use sea_orm::entity::prelude::*;

async fn bypass(db: &DatabaseConnection, am: posts::ActiveModel) -> Result<(), DbErr> {
    posts::Entity::insert(am.clone()).exec(db).await?;
    posts::Entity::insert_many([am.clone()]).exec(db).await?;
    posts::Entity::update(am.clone()).exec(db).await?;
    posts::Entity::update_many().filter(posts::Column::Id.eq(1)).exec(db).await?;
    posts::Entity::delete(am).exec(db).await?;
    posts::Entity::delete_many().filter(posts::Column::Id.eq(1)).exec(db).await?;
    posts::Entity::delete_by_id(1).exec(db).await?;
    Ok(())
}

fn main() {
    let _ = bypass;
}
