//! `HookContext::db()` is the connection or transaction the write runs on.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::DatabaseConnection;
use sea_orm::{ActiveModelTrait, EntityTrait, PaginatorTrait, TransactionTrait};

async fn hooks_query_through_the_context_connection(db: DatabaseConnection) {
    new_note("a").insert(&db).await.unwrap();
    new_note("b").insert(&db).await.unwrap();
    // The hook runs after the INSERT, on the same connection, so it counts its own row.
    assert_eq!(
        log(&db).await,
        ["after_create:count_notes:1", "after_create:count_notes:2"]
    );
}

async fn hook_writes_commit_and_roll_back_with_the_callers_transaction(db: DatabaseConnection) {
    let txn = db.begin().await.unwrap();
    new_note("inside").insert(&txn).await.unwrap();
    // Inside the transaction the hook saw the uncommitted row.
    assert_eq!(log(&txn).await, ["after_create:count_notes:1"]);
    txn.rollback().await.unwrap();
    assert_eq!(note::Entity::find().count(&db).await.unwrap(), 0);
    assert!(log(&db).await.is_empty());

    let txn = db.begin().await.unwrap();
    new_note("kept").insert(&txn).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(note::Entity::find().count(&db).await.unwrap(), 1);
    assert_eq!(log(&db).await, ["after_create:count_notes:1"]);
}

async fn an_after_hook_error_in_a_transaction_rolls_back_the_write(db: DatabaseConnection) {
    let saved = insert_counter(&db, 1).await;

    let txn = db.begin().await.unwrap();
    let mut change: counter::ActiveModel = saved.clone().into();
    change.value = Set(-1);
    let err = change.update(&txn).await.unwrap_err();
    assert!(HookError::from_db_err(&err).is_some());
    txn.rollback().await.unwrap();

    assert_eq!(
        counter::Entity::find_by_id(saved.id)
            .one(&db)
            .await
            .unwrap(),
        Some(saved)
    );
}

/// SeaORM runs `after_save` after the statement has been executed; without a
/// transaction there is nothing to roll back. The caller still gets the error.
async fn an_after_hook_error_outside_a_transaction_leaves_the_write_in_place(
    db: DatabaseConnection,
) {
    let saved = insert_counter(&db, 1).await;

    let mut change: counter::ActiveModel = saved.clone().into();
    change.value = Set(-1);
    assert!(change.update(&db).await.is_err());

    let stored = counter::Entity::find_by_id(saved.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((stored.value, stored.updates), (-1, 1));
}

on_every_backend!(
    hooks_query_through_the_context_connection,
    hook_writes_commit_and_roll_back_with_the_callers_transaction,
    an_after_hook_error_in_a_transaction_rolls_back_the_write,
    an_after_hook_error_outside_a_transaction_leaves_the_write_in_place,
);
