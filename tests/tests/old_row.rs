//! The row as it was, read only when a hook asks for it.

use std::sync::atomic::Ordering;

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait};

async fn an_update_without_old_row_hooks_costs_nothing_extra(mut db: DatabaseConnection) {
    let saved = insert_counter(&db, 1).await;

    let statements = count_statements(&mut db);
    let mut change: counter::ActiveModel = saved.into();
    change.value = Set(2);
    let updated = change.update(&db).await.unwrap();

    let seaorm_update = write_statements(&db);
    assert_eq!(statements.load(Ordering::SeqCst), seaorm_update);
    assert_eq!((updated.value, updated.updates), (2, 1));
}

async fn a_before_update_old_row_costs_one_select(mut db: DatabaseConnection) {
    let saved = new_note("first").insert(&db).await.unwrap();

    let statements = count_statements(&mut db);
    let mut change: note::ActiveModel = saved.into();
    change.text = Set("second".to_owned());
    let updated = change.update(&db).await.unwrap();

    assert_eq!(updated.previous, "first");
    let seaorm_update = write_statements(&db);
    assert_eq!(statements.load(Ordering::SeqCst), 1 + seaorm_update);
}

async fn an_after_update_old_row_runs_the_update_in_before_save(mut db: DatabaseConnection) {
    let saved = new_post("a").insert(&db).await.unwrap();
    clear_log(&db).await;

    let statements = count_statements(&mut db);
    let mut change: post::ActiveModel = saved.into();
    change.title = Set("b".to_owned());
    change.update(&db).await.unwrap();

    // SELECT old, the update, SeaORM's re-select, and one log insert from each
    // of the four logging hooks.
    let write = write_statements(&db);
    assert_eq!(statements.load(Ordering::SeqCst), 1 + write + 1 + 4 * write);
}

async fn save_on_an_existing_row_sees_the_old_row(db: DatabaseConnection) {
    let saved = new_note("v1").save(&db).await.unwrap();
    let mut change = saved;
    change.text = Set("v2".to_owned());
    let saved = change.save(&db).await.unwrap();
    assert_eq!(saved.previous, Unchanged("v1".to_owned()));
}

/// SeaORM's `update_without_returning` calls `before_save` but not `after_save`.
async fn update_without_returning_runs_the_before_hooks_only(db: DatabaseConnection) {
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
async fn update_without_returning_with_old_row_after_hooks(db: DatabaseConnection) {
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

on_every_backend!(
    an_update_without_old_row_hooks_costs_nothing_extra,
    a_before_update_old_row_costs_one_select,
    an_after_update_old_row_runs_the_update_in_before_save,
    save_on_an_existing_row_sees_the_old_row,
    update_without_returning_runs_the_before_hooks_only,
    update_without_returning_with_old_row_after_hooks,
);
