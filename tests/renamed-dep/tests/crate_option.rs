//! The `crate = "hooks"` option: every generated path goes through `::hooks`.

mod post {
    use hooks::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[hooked(crate = "hooks")]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks(crate = "hooks")]
    impl Model {
        #[before_create]
        fn trim(post: &mut ActiveModel) {
            if let Set(title) = &post.title {
                post.title = Set(title.trim().to_owned());
            }
        }

        #[hooks::before_update]
        fn no_empty_titles(post: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
            let _ = cx.entity();
            match &post.title {
                Set(title) if title.is_empty() => Err(HookError::validation("title is empty")),
                _ => Ok(()),
            }
        }
    }
}

use hooks::prelude::*;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, Schema};

#[tokio::test]
async fn hooks_run_through_a_renamed_dependency() {
    let db = Database::connect("sqlite::memory:").await.unwrap();
    let schema = Schema::new(db.get_database_backend());
    db.execute(&schema.create_table_from_entity(post::Entity))
        .await
        .unwrap();

    let saved = post::ActiveModel {
        title: Set("  hello  ".to_owned()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(saved.title, "hello");

    let mut change: post::ActiveModel = saved.into();
    change.title = Set(String::new());
    let err = change.update(&db).await.unwrap_err();
    let err = HookError::from_db_err(&err).expect("a hook error");
    assert_eq!(err.hook(), Some("no_empty_titles"));
    assert!(err.is_validation());
}
