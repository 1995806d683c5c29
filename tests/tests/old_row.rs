//! The row as it was, read only when a hook asks for it.

use std::sync::atomic::Ordering;

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{ActiveModelTrait, EntityTrait};

#[tokio::test]
async fn an_update_without_old_row_hooks_is_one_statement() {
    let mut db = sqlite().await;
    let saved = insert_counter(&db, 1).await;

    let statements = count_statements(&mut db);
    let mut change: counter::ActiveModel = saved.into();
    change.value = Set(2);
    let updated = change.update(&db).await.unwrap();

    assert_eq!(statements.load(Ordering::SeqCst), 1);
    assert_eq!((updated.value, updated.updates), (2, 1));
}

#[tokio::test]
async fn a_before_update_old_row_costs_one_select() {
    let mut db = sqlite().await;
    let saved = new_note("first").insert(&db).await.unwrap();

    let statements = count_statements(&mut db);
    let mut change: note::ActiveModel = saved.into();
    change.text = Set("second".to_owned());
    let updated = change.update(&db).await.unwrap();

    assert_eq!(updated.previous, "first");
    assert_eq!(statements.load(Ordering::SeqCst), 2, "SELECT old, UPDATE");
}

#[tokio::test]
async fn an_after_update_old_row_runs_the_update_in_before_save() {
    let mut db = sqlite().await;
    let saved = new_post("a").insert(&db).await.unwrap();
    clear_log(&db).await;

    let statements = count_statements(&mut db);
    let mut change: post::ActiveModel = saved.into();
    change.title = Set("b".to_owned());
    change.update(&db).await.unwrap();

    // SELECT old, UPDATE, SeaORM's re-select, plus one log INSERT from each of
    // the four logging hooks.
    assert_eq!(statements.load(Ordering::SeqCst), 3 + 4);
}

#[tokio::test]
async fn save_on_an_existing_row_sees_the_old_row() {
    let db = sqlite().await;
    let saved = new_note("v1").save(&db).await.unwrap();
    let mut change = saved;
    change.text = Set("v2".to_owned());
    let saved = change.save(&db).await.unwrap();
    assert_eq!(saved.previous, Unchanged("v1".to_owned()));
}

/// SeaORM's `update_without_returning` calls `before_save` but not `after_save`.
#[tokio::test]
async fn update_without_returning_runs_the_before_hooks_only() {
    let db = sqlite().await;
    let saved = insert_counter(&db, 1).await;

    let mut change: counter::ActiveModel = saved.clone().into();
    change.value = Set(-1);
    // `checked` (after_update) would reject -1; it does not run here.
    let result = change.update_without_returning(&db).await.unwrap();
    assert_eq!(result.rows_affected, 1);
    let stored = counter::Entity::find_by_id(saved.id)
        .one(&db)
        .await
        .unwrap()
        .map(|c| (c.value, c.updates));
    assert_eq!(stored, Some((-1, 1)), "before_update counted the update");
}

/// With an `after_update` hook that takes the old row, the update happens in
/// `before_save`, so those hooks do run; `after_save` does not, and SeaORM
/// sees nothing left to write.
#[tokio::test]
async fn update_without_returning_with_old_row_after_hooks() {
    let db = sqlite().await;
    let saved = new_post("a").insert(&db).await.unwrap();
    clear_log(&db).await;

    let mut change: post::ActiveModel = saved.into();
    change.title = Set("b".to_owned());
    let result = change.update_without_returning(&db).await.unwrap();
    assert_eq!(result.rows_affected, 0);
    assert_eq!(
        log(&db).await,
        [
            "before_save:save_log",
            "before_update:update_check:old=a",
            "after_update:updated:a->b",
        ]
    );
}
