//! `after_commit` and `after_rollback`: never a side effect for a write that
//! rolled back, never one lost for a write that committed.
//!
//! The ticket and badge hooks log through `cx.db()`; after the end of a
//! transaction that is the pool, so the log holds exactly what ran.

use hooks_orm::prelude::*;
use hooks_tests::capture::{capture, captured};
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, ModelTrait, PaginatorTrait, TransactionTrait,
};

fn ticket(name: &str) -> ticket::ActiveModel {
    ticket::ActiveModel {
        name: Set(name.to_owned()),
        ..Default::default()
    }
}

fn badge(label: &str) -> badge::ActiveModel {
    badge::ActiveModel {
        label: Set(label.to_owned()),
        ..Default::default()
    }
}

/// The log entries of the commit events, in order.
async fn commit_log(db: &impl sea_orm::ConnectionTrait) -> Vec<String> {
    log(db)
        .await
        .into_iter()
        .filter(|entry| entry.starts_with("after_commit") || entry.starts_with("after_rollback"))
        .collect()
}

async fn after_commit_runs_once_after_the_outermost_commit_in_write_order(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone()).with(Actor::new("ada"));
    let txn = hook_db.begin().await.unwrap();
    let a = ticket("a").insert(&txn).await.unwrap();
    let x = badge("x").insert(&txn).await.unwrap();
    let mut change: ticket::ActiveModel = a.into();
    change.name = Set("a2".to_owned());
    change.update(&txn).await.unwrap();
    x.delete(&txn).await.unwrap();
    // A savepoint that is released hands its writes to the transaction.
    let savepoint = txn.begin().await.unwrap();
    ticket("b").insert(&savepoint).await.unwrap();
    savepoint.commit().await.unwrap();
    assert!(
        commit_log(&txn).await.is_empty(),
        "nothing before the commit"
    );

    txn.commit().await.unwrap();
    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:tickets:a:create:ada",
            "after_commit:badges:x:create",
            "after_commit:tickets:a2:update:ada",
            "after_commit:badges:x:delete",
            "after_commit:tickets:b:create:ada",
        ]
    );
}

async fn a_rollback_runs_after_rollback_with_the_rolled_back_rows(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone());
    let kept = ticket("kept").insert(&hook_db).await.unwrap();
    clear_log(&hook_db).await;
    let txn = hook_db.begin().await.unwrap();
    ticket("a").insert(&txn).await.unwrap();
    badge("x").insert(&txn).await.unwrap();
    txn.rollback().await.unwrap();

    assert_eq!(
        commit_log(&db).await,
        [
            "after_rollback:tickets:a:create",
            "after_rollback:badges:x:create"
        ]
    );
    assert_eq!(ticket::Entity::find().all(&db).await.unwrap(), [kept]);
    assert_eq!(badge::Entity::find().count(&db).await.unwrap(), 0);
}

async fn a_savepoint_that_rolls_back_drops_only_its_own_writes(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone());
    let txn = hook_db.begin().await.unwrap();
    ticket("before").insert(&txn).await.unwrap();
    let savepoint = txn.begin().await.unwrap();
    ticket("inside").insert(&savepoint).await.unwrap();
    let inner = savepoint.begin().await.unwrap();
    badge("deeper").insert(&inner).await.unwrap();
    inner.commit().await.unwrap();
    savepoint.rollback().await.unwrap();
    ticket("after").insert(&txn).await.unwrap();
    txn.commit().await.unwrap();

    // The rolled-back writes get their after_rollback hooks, at the end of
    // the outermost transaction, in write order among the others.
    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:tickets:before:create:-",
            "after_rollback:tickets:inside:create",
            "after_rollback:badges:deeper:create",
            "after_commit:tickets:after:create:-",
        ]
    );
    let names: Vec<String> = ticket::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["before", "after"]);
}

async fn outside_a_transaction_after_commit_runs_right_after_the_write(db: DatabaseConnection) {
    // On a HookDb, and on a bare connection: each statement commits on its own.
    let hook_db = HookDb::new(db.clone()).with(Actor::new("bo"));
    let a = ticket("a").insert(&hook_db).await.unwrap();
    assert_eq!(commit_log(&db).await, ["after_commit:tickets:a:create:bo"]);
    a.delete(&db).await.unwrap();
    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:tickets:a:create:bo",
            "after_commit:tickets:a:delete:-"
        ]
    );
}

async fn a_plain_transaction_is_refused_before_anything_is_written(db: DatabaseConnection) {
    let saved = ticket("stored").insert(&db).await.unwrap();
    clear_log(&db).await;

    let txn = db.begin().await.unwrap();
    let err = ticket("a").insert(&txn).await.unwrap_err();
    let err = HookError::from_db_err(&err).expect("a hook error");
    assert!(
        err.message()
            .contains("begin the transaction from a `HookDb`"),
        "{err}"
    );
    assert!(saved.clone().delete(&txn).await.is_err());
    // An entity without commit hooks writes there as usual.
    new_note("plain").insert(&txn).await.unwrap();
    txn.commit().await.unwrap();

    assert_eq!(ticket::Entity::find().all(&db).await.unwrap(), [saved]);
    assert!(commit_log(&db).await.is_empty());
    // The hooked operations refuse too, inside a plain transaction.
    let txn = db.begin().await.unwrap();
    let err = ticket("b").insert_hooked(&txn).await.unwrap_err();
    assert!(err.message().contains("`HookDb`"), "{err}");
    txn.rollback().await.unwrap();
    assert_eq!(ticket::Entity::find().count(&db).await.unwrap(), 1);
}

async fn a_failing_after_commit_hook_is_logged_and_the_write_stands(db: DatabaseConnection) {
    capture();
    let hook_db = HookDb::new(db.clone());
    let txn = hook_db.begin().await.unwrap();
    ticket("fail-commit").insert(&txn).await.unwrap();
    ticket("next").insert(&txn).await.unwrap();
    // The commit succeeded: that is what `Ok` says, whatever a side effect did.
    txn.commit().await.unwrap();

    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:tickets:fail-commit:create:-",
            "after_commit:tickets:next:create:-",
        ]
    );
    assert_eq!(ticket::Entity::find().count(&db).await.unwrap(), 2);
    let logged = captured().into_iter().any(|event| {
        event.target == "hooks_orm::after_commit"
            && event.level == tracing::Level::ERROR
            && event.fields.get("hook").map(String::as_str) == Some("announce")
            && event.fields.get("entity").map(String::as_str) == Some("tickets")
            && event.fields["error"].contains("the notification service is down")
    });
    assert!(logged, "no ERROR event for the failed after_commit hook");
}

async fn after_the_commit_the_hook_gets_the_pool(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone());
    let txn = hook_db.begin().await.unwrap();
    ticket("counted").insert(&txn).await.unwrap();
    txn.commit().await.unwrap();
    // `cx.db()` is the pool: it sees the committed row, and the hook's own
    // write (the log entry) commits on its own.
    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:tickets:counted:create:-",
            "after_commit:tickets:counted:visible=1",
        ]
    );
}

async fn writes_made_by_hooks_join_the_transaction_of_their_write(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone());
    let txn = hook_db.begin().await.unwrap();
    ticket("with-badge").insert(&txn).await.unwrap();
    txn.commit().await.unwrap();
    // The badge was written by the ticket's after_create hook, inside the
    // transaction, before the ticket's own commit hooks were queued.
    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:badges:badge of with-badge:create",
            "after_commit:tickets:with-badge:create:-",
        ]
    );

    let txn = hook_db.begin().await.unwrap();
    ticket("with-badge-2").insert(&txn).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(
        commit_log(&db).await[2..],
        [
            "after_rollback:badges:badge of with-badge-2:create",
            "after_rollback:tickets:with-badge-2:create",
        ]
    );
}

async fn the_hooked_operations_run_commit_hooks_at_their_own_end(db: DatabaseConnection) {
    // On a bare connection the operation's transaction is its own.
    ticket("bare").insert_hooked(&db).await.unwrap();
    // On a HookDb, and in a caller's HookTransaction (a savepoint).
    let hook_db = HookDb::new(db.clone()).with(Actor::new("cy"));
    ticket("handle").insert_hooked(&hook_db).await.unwrap();
    let txn = hook_db.begin().await.unwrap();
    ticket("in-txn").insert_hooked(&txn).await.unwrap();
    // An after_create hook fails: the operation's savepoint rolls back.
    let err = ticket("fail-after").insert_hooked(&txn).await.unwrap_err();
    assert!(err.is_validation());
    assert!(
        !commit_log(&txn).await.iter().any(|e| e.contains("in-txn")),
        "in-txn waits for the caller's commit"
    );
    txn.commit().await.unwrap();

    assert_eq!(
        commit_log(&db).await,
        [
            "after_commit:tickets:bare:create:-",
            "after_commit:tickets:handle:create:cy",
            "after_commit:tickets:in-txn:create:cy",
            "after_rollback:tickets:fail-after:create",
        ]
    );
    let names: Vec<String> = ticket::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["bare", "handle", "in-txn"]);
}

on_every_backend!(
    after_commit_runs_once_after_the_outermost_commit_in_write_order,
    a_rollback_runs_after_rollback_with_the_rolled_back_rows,
    a_savepoint_that_rolls_back_drops_only_its_own_writes,
    outside_a_transaction_after_commit_runs_right_after_the_write,
    a_plain_transaction_is_refused_before_anything_is_written,
    a_failing_after_commit_hook_is_logged_and_the_write_stands,
    after_the_commit_the_hook_gets_the_pool,
    writes_made_by_hooks_join_the_transaction_of_their_write,
    the_hooked_operations_run_commit_hooks_at_their_own_end,
);
