//! Writes that break a database constraint (unique, not null, foreign key):
//! the caller gets the database's own error, no `after_*` hook runs, and the
//! row is not written. The `before_*` hooks have run by then; their writes
//! roll back with the caller's transaction (and, outside one, stay, as
//! `atomicity.rs` spells out).

use hooks_orm::HookEvent::{self, *};
use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, ModelTrait,
    PaginatorTrait, SqlErr, TransactionTrait,
};

#[derive(Clone, Copy, Debug)]
enum Violation {
    Unique,
    NotNull,
    ForeignKey,
}

use Violation::*;

impl Violation {
    /// A new job that breaks this constraint, next to an existing job "nightly".
    fn new_job(self) -> job::ActiveModel {
        match self {
            Unique => new_job("nightly"),
            NotNull => job::ActiveModel {
                name: NotSet,
                ..new_job("")
            },
            ForeignKey => job::ActiveModel {
                author_id: Set(Some(404)),
                ..new_job("orphan")
            },
        }
    }

    /// An update of `job` that breaks this constraint (the typed API cannot
    /// write `NULL` to a non-optional column, so there is no `NotNull` update).
    fn change(self, job: job::Model) -> job::ActiveModel {
        let mut change: job::ActiveModel = job.into();
        match self {
            Unique => change.name = Set("nightly".to_owned()),
            ForeignKey => change.author_id = Set(Some(404)),
            NotNull => unreachable!("no NULL through the typed API"),
        }
        change
    }

    /// Whether `err` is the database's own report of this violation, as
    /// SeaORM returns it: not wrapped as a hook error.
    fn reported_by(self, err: &DbErr, backend: DbBackend) -> bool {
        if HookError::from_db_err(err).is_some() {
            return false;
        }
        match (self, err.sql_err()) {
            (Unique, Some(SqlErr::UniqueConstraintViolation(_))) => true,
            (ForeignKey, Some(SqlErr::ForeignKeyConstraintViolation(_))) => true,
            // SeaORM has no `SqlErr` for it; each backend says it its own way.
            (NotNull, _) => {
                let message = err.to_string();
                match backend {
                    DbBackend::Postgres => message.contains("violates not-null constraint"),
                    DbBackend::MySql => message.contains("doesn't have a default value"),
                    _ => message.contains("NOT NULL constraint failed"),
                }
            }
            _ => false,
        }
    }
}

/// Checks that `err` reports `violation`, that the hooks that ran were
/// `before_save` and `then` (no `after_*`), and that the jobs are `before`.
async fn assert_rejected(
    db: &DatabaseConnection,
    violation: Violation,
    err: &DbErr,
    then: HookEvent,
    before: &[job::Model],
) {
    assert!(
        violation.reported_by(err, db.get_database_backend()),
        "{violation:?}: {err}"
    );
    assert_eq!(
        events_of(&log(db).await),
        [BeforeSave, then],
        "{violation:?}"
    );
    assert_eq!(jobs(db).await, before, "{violation:?}");
}

async fn a_rejected_insert_runs_no_after_hooks(db: DatabaseConnection) {
    new_job("nightly").insert(&db).await.unwrap();
    for violation in [Unique, NotNull, ForeignKey] {
        let before = jobs(&db).await;
        clear_log(&db).await;

        let err = violation.new_job().insert(&db).await.unwrap_err();
        assert_rejected(&db, violation, &err, BeforeCreate, &before).await;
    }
}

async fn a_rejected_update_leaves_the_row_as_it_was(db: DatabaseConnection) {
    new_job("nightly").insert(&db).await.unwrap();
    let weekly = new_job("weekly").insert(&db).await.unwrap();
    for violation in [Unique, ForeignKey] {
        let before = jobs(&db).await;
        clear_log(&db).await;

        let err = violation
            .change(weekly.clone())
            .update(&db)
            .await
            .unwrap_err();
        assert_rejected(&db, violation, &err, BeforeUpdate, &before).await;
    }
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
    let before = JobsAndLog::read(&db).await;
    for violation in [Unique, NotNull, ForeignKey] {
        let txn = db.begin().await.unwrap();
        let err = violation.new_job().insert(&txn).await.unwrap_err();
        assert!(
            violation.reported_by(&err, db.get_database_backend()),
            "{violation:?}: {err}"
        );
        txn.rollback().await.unwrap();
        assert_eq!(JobsAndLog::read(&db).await, before, "{violation:?}");
    }
}

/// A caller that catches the error and commits anyway: PostgreSQL has marked
/// the transaction failed and turns the `COMMIT` into a rollback; MySQL and
/// SQLite undo only the failed statement, so the `before_*` hooks' writes
/// are committed.
async fn committing_after_a_rejected_write(db: DatabaseConnection) {
    new_job("nightly").insert(&db).await.unwrap();
    let before = JobsAndLog::read(&db).await;

    let txn = db.begin().await.unwrap();
    new_job("nightly").insert(&txn).await.unwrap_err();
    txn.commit().await.unwrap();

    let after = JobsAndLog::read(&db).await;
    assert_eq!(after.jobs, before.jobs);
    let added = events_of(&after.log[before.log.len()..]);
    match db.get_database_backend() {
        DbBackend::Postgres => assert_eq!(added, []),
        _ => assert_eq!(added, [BeforeSave, BeforeCreate]),
    }
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
    let before = JobsAndLog::read(&db).await;

    let txn = db.begin().await.unwrap();
    let err = new_member("ada@example.com")
        .insert(&txn)
        .await
        .unwrap_err();
    assert_welcome_was_a_duplicate(&err);
    txn.rollback().await.unwrap();
    assert_eq!(member::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(JobsAndLog::read(&db).await, before);

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
    assert_eq!(jobs(&db).await, before.jobs);
}

on_every_backend!(
    a_rejected_insert_runs_no_after_hooks,
    a_rejected_update_leaves_the_row_as_it_was,
    deleting_a_referenced_row_keeps_it_and_skips_after_delete,
    a_rejected_write_in_a_transaction_leaves_nothing,
    committing_after_a_rejected_write,
    a_hook_write_that_breaks_a_constraint_fails_the_hook,
);
