// A `post` hook takes the `ActiveModel` of another entity, `comment`.

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
        #[before_create]
        fn stamp(comment: &mut super::comment::ActiveModel) {
            let _ = comment;
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
    impl Model {}
}

fn main() {}
