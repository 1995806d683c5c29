// Two hooked entities in modules; a hook of one reads the other through the context.

pub mod post {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
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
        #[after_create]
        async fn count_comments(&self, cx: &HookContext<'_>) -> HookResult {
            super::comment::Entity::find().all(cx.db()).await?;
            Ok(())
        }
    }
}

pub mod comment {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "comments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {
        #[before_create]
        fn check(comment: &mut ActiveModel) {
            let _ = comment;
        }
    }
}

fn main() {}
