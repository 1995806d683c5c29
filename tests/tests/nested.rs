//! SeaORM's nested `ActiveModelEx` saves go through `ActiveModelBehavior`, so
//! every entity in the graph runs its hooks.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::DatabaseConnection;
use sea_orm::{EntityTrait, PaginatorTrait};

async fn a_nested_save_runs_the_hooks_of_every_entity(db: DatabaseConnection) {
    let author = author::ActiveModel::builder()
        .set_name("  Ursula ")
        .add_article(article::ActiveModel::builder().set_title("Earthsea"))
        .save(&db)
        .await
        .unwrap();

    let name = author.name.clone().unwrap();
    assert_eq!(name, "Ursula");
    let id = author.id.clone().unwrap();
    assert_eq!(
        log(&db).await,
        [
            "author:after_create:Ursula".to_owned(),
            format!("article:after_create:Earthsea:author={id}"),
        ]
    );
}

async fn a_failing_hook_in_a_nested_save_rolls_back_the_whole_graph(db: DatabaseConnection) {
    let err = author::ActiveModel::builder()
        .set_name("Ursula")
        .add_article(article::ActiveModel::builder().set_title("   "))
        .save(&db)
        .await
        .unwrap_err();

    let hook_err = HookError::from_db_err(&err).expect("the article hook's error");
    assert_eq!(hook_err.hook(), Some("title_required"));
    assert_eq!(hook_err.entity(), Some("articles"));
    // SeaORM runs the nested save in a transaction: the author is gone too.
    assert_eq!(author::Entity::find().count(&db).await.unwrap(), 0);
    assert!(log(&db).await.is_empty());
}

on_every_backend!(
    a_nested_save_runs_the_hooks_of_every_entity,
    a_failing_hook_in_a_nested_save_rolls_back_the_whole_graph,
);
