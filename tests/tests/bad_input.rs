//! Writes that break a database constraint (unique, not null, foreign key):
//! the caller gets the database's own error, no `after_*` hook runs, and the
//! row is not written. The `before_*` hooks have run by then; their writes
//! roll back with the caller's transaction (and, outside one, stay, as
//! `atomicity.rs` spells out).

use hooks_orm::HookEvent::{self, *};
use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, ModelTrait, PaginatorTrait,
    QueryOrder, SqlErr, TransactionTrait,
};

/// The event of each hook-log entry, in order.
async fn events_logged(db: &DatabaseConnection) -> Vec<HookEvent> {
    log(db)
        .await
        .iter()
        .map(|entry| {
            let name = entry.split(':').next().unwrap();
            *HookEvent::ALL.iter().find(|e| e.as_str() == name).unwrap()
        })
        .collect()
}

async fn jobs(db: &DatabaseConnection) -> Vec<job::Model> {
    job::Entity::find()
        .order_by_asc(job::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// The database's error, as SeaORM reports it: not wrapped as a hook error.
fn assert_database_error(err: &DbErr) {
    assert!(HookError::from_db_err(err).is_none(), "{err}");
    assert!(matches!(err, DbErr::Exec(_) | DbErr::Query(_)), "{err:?}");
}

async fn a_duplicate_insert_fails_before_the_after_hooks(db: DatabaseConnection) {
    new_job("nightly").insert(&db).await.unwrap();
    let before = jobs(&db).await;
    clear_log(&db).await;

    let err = new_job("nightly").insert(&db).await.unwrap_err();
    assert_database_error(&err);
    assert!(
        matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))),
        "{err}"
    );
    assert_eq!(events_logged(&db).await, [BeforeSave, BeforeCreate]);
    assert_eq!(jobs(&db).await, before);
}

async fn a_duplicate_update_leaves_the_row_as_it_was(db: DatabaseConnection) {
    new_job("nightly").insert(&db).await.unwrap();
    let weekly = new_job("weekly").insert(&db).await.unwrap();
    let before = jobs(&db).await;
    clear_log(&db).await;

    let mut change: job::ActiveModel = weekly.into();
    change.name = Set("nightly".to_owned());
    let err = change.update(&db).await.unwrap_err();
    assert_database_error(&err);
    assert!(
        matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))),
        "{err}"
    );
    assert_eq!(events_logged(&db).await, [BeforeSave, BeforeUpdate]);
    assert_eq!(jobs(&db).await, before);
}

async fn a_missing_required_column_is_the_databases_error(db: DatabaseConnection) {
    let nameless = job::ActiveModel {
        fail_at: Set(String::new()),
        ..Default::default()
    };
    let err = nameless.insert(&db).await.unwrap_err();
    assert_database_error(&err);
    assert_eq!(events_logged(&db).await, [BeforeSave, BeforeCreate]);
    assert!(jobs(&db).await.is_empty());
}

async fn a_dangling_reference_is_rejected_on_insert_and_update(db: DatabaseConnection) {
    let mut orphan = new_job("orphan");
    orphan.author_id = Set(Some(404));
    let err = orphan.insert(&db).await.unwrap_err();
    assert_database_error(&err);
    assert!(
        matches!(
            err.sql_err(),
            Some(SqlErr::ForeignKeyConstraintViolation(_))
        ),
        "{err}"
    );
    assert!(jobs(&db).await.is_empty());

    let saved = new_job("adopted").insert(&db).await.unwrap();
    clear_log(&db).await;
    let mut change: job::ActiveModel = saved.clone().into();
    change.author_id = Set(Some(404));
    let err = change.update(&db).await.unwrap_err();
    assert!(
        matches!(
            err.sql_err(),
            Some(SqlErr::ForeignKeyConstraintViolation(_))
        ),
        "{err}"
    );
    assert_eq!(events_logged(&db).await, [BeforeSave, BeforeUpdate]);
    assert_eq!(jobs(&db).await, [saved]);
}

async fn deleting_a_referenced_row_keeps_it_and_skips_after_delete(db: DatabaseConnection) {
    let author = author::ActiveModel::builder()
        .set_name("Ursula")
        .save(&db)
        .await
        .unwrap();
    let author_id = author.id.clone().unwrap();
    let mut job = new_job("edit");
    job.author_id = Set(Some(author_id));
    job.insert(&db).await.unwrap();
    clear_log(&db).await;

    let author = author::Entity::find_by_id(author_id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let err = author.clone().delete(&db).await.unwrap_err();
    assert!(
        matches!(
            err.sql_err(),
            Some(SqlErr::ForeignKeyConstraintViolation(_))
        ),
        "{err}"
    );
    assert_eq!(log(&db).await, ["author:before_delete:Ursula"]);
    assert_eq!(
        author::Entity::find_by_id(author_id)
            .one(&db)
            .await
            .unwrap(),
        Some(author)
    );
    assert_eq!(job::Entity::find().count(&db).await.unwrap(), 1);
}

/// Inside a transaction the `before_*` hooks' writes go with the rollback.
async fn a_rejected_write_in_a_transaction_leaves_nothing(db: DatabaseConnection) {
    new_job("nightly").insert(&db).await.unwrap();
    let before = (jobs(&db).await, log(&db).await);

    let txn = db.begin().await.unwrap();
    let err = new_job("nightly").insert(&txn).await.unwrap_err();
    assert!(matches!(
        err.sql_err(),
        Some(SqlErr::UniqueConstraintViolation(_))
    ));
    txn.rollback().await.unwrap();

    assert_eq!((jobs(&db).await, log(&db).await), before);
}

fn new_member(email: &str) -> member::ActiveModel {
    member::ActiveModel {
        email: Set(email.to_owned()),
        ..Default::default()
    }
}

/// The error of `queue_welcome`, whose insert broke `jobs.name`'s uniqueness.
fn assert_welcome_was_a_duplicate(err: &DbErr) {
    let hook_err = HookError::from_db_err(err).expect("the hook's error");
    assert_eq!(hook_err.hook(), Some("queue_welcome"));
    assert_eq!(hook_err.event(), Some(AfterCreate));
    let db_err = hook_err.db_err().expect("the database's error");
    assert!(
        matches!(db_err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))),
        "{db_err}"
    );
}

/// A hook's own write that breaks a constraint fails the hook: the caller
/// gets a hook error that names the hook and carries the database's error,
/// and the later hooks (`after_save`) do not run.
async fn a_hook_write_that_breaks_a_constraint_fails_the_hook(db: DatabaseConnection) {
    new_job("welcome ada@example.com")
        .insert(&db)
        .await
        .unwrap();
    new_job("welcome bo@example.com").insert(&db).await.unwrap();
    clear_log(&db).await;
    let before = (jobs(&db).await, log(&db).await);

    let txn = db.begin().await.unwrap();
    let err = new_member("ada@example.com")
        .insert(&txn)
        .await
        .unwrap_err();
    assert_welcome_was_a_duplicate(&err);
    txn.rollback().await.unwrap();
    assert_eq!(member::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!((jobs(&db).await, log(&db).await), before);

    // Outside a transaction the member's INSERT, which ran before the hook,
    // stays, and so do the log rows of the job's own `before_*` hooks.
    let err = new_member("bo@example.com").insert(&db).await.unwrap_err();
    assert_welcome_was_a_duplicate(&err);
    assert_eq!(member::Entity::find().count(&db).await.unwrap(), 1);
    assert_eq!(
        log(&db).await,
        [
            "before_save:welcome bo@example.com",
            "before_create:welcome bo@example.com"
        ]
    );
    assert_eq!(jobs(&db).await, before.0);
}

on_every_backend!(
    a_duplicate_insert_fails_before_the_after_hooks,
    a_duplicate_update_leaves_the_row_as_it_was,
    a_missing_required_column_is_the_databases_error,
    a_dangling_reference_is_rejected_on_insert_and_update,
    deleting_a_referenced_row_keeps_it_and_skips_after_delete,
    a_rejected_write_in_a_transaction_leaves_nothing,
    a_hook_write_that_breaks_a_constraint_fails_the_hook,
);
