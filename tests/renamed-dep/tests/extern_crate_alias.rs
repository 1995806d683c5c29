//! The one-line alternative to `crate = "..."`: `extern crate hooks as hooks_orm;`
//! at the crate root puts the renamed dependency back under the name that the
//! generated code uses by default.

extern crate hooks as hooks_orm;

mod post {
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
        fn no_drafts(post: &mut ActiveModel) -> HookResult {
            match &post.title {
                Set(title) if title.starts_with("draft") => {
                    Err(HookError::forbidden("drafts stay unsaved"))
                }
                _ => Ok(()),
            }
        }
    }
}

use hooks_orm::prelude::*;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, EntityTrait, PaginatorTrait, Schema};

#[tokio::test]
async fn hooks_run_under_the_extern_crate_alias() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    let schema = Schema::new(db.get_database_backend());
    db.execute(&schema.create_table_from_entity(post::Entity))
        .await
        .unwrap();

    let draft = post::ActiveModel {
        title: Set("draft: later".to_owned()),
        ..Default::default()
    };
    let err = draft.insert(&db).await.unwrap_err();
    assert!(HookError::from_db_err(&err).is_some_and(|e| e.is_forbidden()));
    assert_eq!(post::Entity::find().count(&db).await.unwrap(), 0);
}
