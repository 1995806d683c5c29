//! The hooked operations (`insert_hooked`, `update_hooked`, `save_hooked`,
//! `delete_hooked`): all-or-nothing on their own and inside a caller's
//! transaction, the old row in one extra statement, typed outcomes, and
//! clear errors for bad input.
//!
//! Sequences and auto-increment counters are not transactional, so a
//! rolled-back insert may use up an id; the rows are what these tests compare.

use std::sync::atomic::Ordering;

use hooks_orm::HookEvent;
use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    TransactionSession, TransactionTrait,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Write {
    Insert,
    Update,
    Delete,
}

use HookEvent::*;
use Write::*;

/// Every event, each on a write that reaches it (the save events on both).
const CASES: [(Write, HookEvent); 10] = [
    (Insert, BeforeSave),
    (Insert, BeforeCreate),
    (Insert, AfterCreate),
    (Insert, AfterSave),
    (Update, BeforeSave),
    (Update, BeforeUpdate),
    (Update, AfterUpdate),
    (Update, AfterSave),
    (Delete, BeforeDelete),
    (Delete, AfterDelete),
];

/// The committed row an update or delete case works on; a delete's hooks
/// see the stored row, so its `fail_at` is set here.
async fn subject(
    db: &impl ConnectionTrait,
    write: Write,
    event: HookEvent,
    tag: &str,
) -> Option<job::Model> {
    let fail_at = match write {
        Insert => return None,
        Update => "",
        Delete => event.as_str(),
    };
    let job = job::ActiveModel {
        name: Set(format!("{write:?}-{event}{tag}")),
        fail_at: Set(fail_at.to_owned()),
        ..Default::default()
    };
    Some(job.insert(db).await.unwrap())
}

/// Runs the case's operation on `db` and checks that it fails with the error
/// of the hook at `event`.
async fn failing_operation<C>(db: &C, write: Write, event: HookEvent, subject: Option<job::Model>)
where
    C: ConnectionTrait + TransactionTrait,
{
    let result: Result<(), HookError> = match (write, subject) {
        (Insert, None) => job::ActiveModel {
            name: Set(format!("inserted-{event}")),
            fail_at: Set(event.to_string()),
            ..Default::default()
        }
        .insert_hooked(db)
        .await
        .map(drop),
        (Update, Some(subject)) => {
            let name = format!("{}-renamed", subject.name);
            let mut change: job::ActiveModel = subject.into();
            change.name = Set(name);
            change.fail_at = Set(event.to_string());
            change.update_hooked(db).await.map(drop)
        }
        (Delete, Some(subject)) => job::ActiveModel {
            id: Set(subject.id),
            ..Default::default()
        }
        .delete_hooked(db)
        .await
        .map(drop),
        (write, subject) => unreachable!("{write:?} with {subject:?}"),
    };
    let err = result.expect_err("the hook fails");
    assert!(err.is_validation(), "{err}");
    assert_eq!(err.event(), Some(event), "{err}");
    assert_eq!(err.hook(), Some(format!("log_{event}").as_str()));
}

/// Outside a transaction, on a bare connection and on a `HookDb`: a failing
/// hook at any position leaves the database exactly as it was, the row and
/// every hook's log write.
async fn a_failing_hook_anywhere_leaves_the_database_as_it_was(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone()).with(Actor::new("ada"));
    for (write, event) in CASES {
        let case = format!("{write:?} failing at {event}");
        let subject = subject(&db, write, event, "").await;
        let before = JobsAndLog::read(&db).await;
        failing_operation(&db, write, event, subject.clone()).await;
        assert_eq!(
            JobsAndLog::read(&db).await,
            before,
            "{case} on a connection"
        );
        failing_operation(&hook_db, write, event, subject).await;
        assert_eq!(JobsAndLog::read(&db).await, before, "{case} on a HookDb");
    }
}

/// Inside a caller's transaction the operation is a savepoint: its failure
/// takes back only its own writes, the caller goes on with the same
/// transaction (on PostgreSQL too) and commits its earlier and later writes.
async fn a_failing_hook_inside_a_transaction_leaves_the_callers_writes(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone());
    for (write, event) in CASES {
        let case = format!("{write:?} failing at {event}");
        // The subject is committed first: an in-memory SQLite database has one connection.
        let row = subject(&db, write, event, "-seaorm").await;
        let committed = JobsAndLog::read(&db).await;
        let txn = db.begin().await.unwrap();
        let label = format!("{case} (DatabaseTransaction)");
        inside_a_transaction(&db, txn, write, event, row, committed, &label).await;

        let row = subject(&db, write, event, "-hookdb").await;
        let committed = JobsAndLog::read(&db).await;
        let txn = hook_db.begin().await.unwrap();
        let label = format!("{case} (HookTransaction)");
        inside_a_transaction(&db, txn, write, event, row, committed, &label).await;
    }
}

async fn inside_a_transaction<T>(
    db: &DatabaseConnection,
    txn: T,
    write: Write,
    event: HookEvent,
    subject: Option<job::Model>,
    committed: JobsAndLog,
    case: &str,
) where
    T: ConnectionTrait + TransactionTrait + TransactionSession,
{
    let earlier = new_job(&format!("earlier {case}"))
        .insert(&txn)
        .await
        .unwrap();
    let before = JobsAndLog::read(&txn).await;
    failing_operation(&txn, write, event, subject).await;
    assert_eq!(JobsAndLog::read(&txn).await, before, "{case}");
    let later = new_job(&format!("later {case}"))
        .insert_hooked(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();

    let after = JobsAndLog::read(db).await;
    let mut jobs = committed.jobs;
    jobs.extend([earlier, later]);
    assert_eq!(after.jobs, jobs, "{case}");
    assert_eq!(after.log[..before.log.len()], before.log[..], "{case}");
    assert_eq!(
        events_of(&after.log[before.log.len()..]),
        [BeforeSave, BeforeCreate, AfterCreate, AfterSave],
        "{case}"
    );
}

/// The old row costs one `SELECT ... FOR UPDATE`, and the `UPDATE` returns
/// the row (MariaDB has no `RETURNING`: SeaORM selects it after the update,
/// as it does for every update there; `write_statements` counts that).
/// SeaORM's own path needs one more `SELECT` when an `after_update` hook
/// takes the old row. SeaORM's metric callback reports statements, not the
/// `BEGIN`/`COMMIT` (or `SAVEPOINT`/`RELEASE`) that frame each operation.
async fn the_old_row_costs_one_statement(mut db: DatabaseConnection) {
    let statements = count_statements(&mut db);
    let db = HookDb::new(db);
    let write = write_statements(&db);
    let count = |expected: usize, what: &str| {
        assert_eq!(statements.swap(0, Ordering::SeqCst), expected, "{what}");
    };

    // No hook takes the old row: nothing is read.
    let saved = insert_counter(&db, 1).await;
    statements.store(0, Ordering::SeqCst);
    let mut change: counter::ActiveModel = saved.into();
    change.value = Set(2);
    change.update_hooked(&db).await.unwrap();
    count(write, "counter: no old row");

    // A before_update hook takes it.
    let saved = new_note("first").insert_hooked(&db).await.unwrap();
    statements.store(0, Ordering::SeqCst);
    let mut change: note::ActiveModel = saved.into();
    change.text = Set("second".to_owned());
    let updated = change.update_hooked(&db).await.unwrap();
    assert_eq!(updated.previous, "first");
    count(1 + write, "note: before_update takes the old row");

    // An after_update hook takes it, and writes one audit row.
    let saved = setting::ActiveModel {
        value: Set("a".to_owned()),
        ..Default::default()
    }
    .insert_hooked(&db)
    .await
    .unwrap();
    statements.store(0, Ordering::SeqCst);
    let mut change: setting::ActiveModel = saved.clone().into();
    change.value = Set("b".to_owned());
    change.update_hooked(&db).await.unwrap();
    count(1 + write + write, "setting through the operation");

    let mut change: setting::ActiveModel = saved.into();
    change.value = Set("c".to_owned());
    change.update(&db).await.unwrap();
    count(1 + write + 1 + write, "setting through SeaORM's update");

    // A delete reads the whole row (locked) and deletes it.
    let saved = insert_counter(&db, 3).await;
    statements.store(0, Ordering::SeqCst);
    saved.delete_hooked(&db).await.unwrap();
    count(2, "counter: delete");
}

async fn save_says_whether_it_inserted_or_updated(db: DatabaseConnection) {
    let saved = new_note("v1").save_hooked(&db).await.unwrap();
    let SaveOutcome::Inserted(inserted) = saved.clone() else {
        panic!("expected an insert: {saved:?}");
    };
    assert!(saved.was_inserted());
    assert_eq!(saved.model(), &inserted);

    let mut change: note::ActiveModel = inserted.clone().into();
    change.text = Set("v2".to_owned());
    let saved = change.save_hooked(&db).await.unwrap();
    assert!(!saved.was_inserted());
    let updated = saved.into_model();
    assert_eq!((updated.id, updated.previous.as_str()), (inserted.id, "v1"));
    assert_eq!(note::Entity::find().all(&db).await.unwrap(), [updated]);
    // The stored row, with what hooks and the database filled in.
    let job = new_job("saved")
        .save_hooked(&db)
        .await
        .unwrap()
        .into_model();
    assert_eq!(job.state, "queued");
}

/// A kept row is an outcome, not an error, and what the keeping hook wrote
/// (a soft delete) is committed; a deleted row comes back as it was stored.
async fn delete_says_deleted_or_kept(db: DatabaseConnection) {
    let published = post::ActiveModel {
        published: Set(true),
        ..new_post("kept")
    }
    .insert_hooked(&db)
    .await
    .unwrap();
    let draft = new_post("draft").insert_hooked(&db).await.unwrap();
    clear_log(&db).await;

    let outcome = published.clone().delete_hooked(&db).await.unwrap();
    assert_eq!(outcome, DeleteOutcome::Kept { by: "delete_check" });
    assert_eq!(outcome.kept_by(), Some("delete_check"));
    let by_key = post::ActiveModel {
        id: Set(draft.id),
        ..Default::default()
    };
    let outcome = by_key.delete_hooked(&db).await.unwrap();
    assert_eq!(outcome.deleted(), Some(&draft));
    assert_eq!(post::Entity::find().all(&db).await.unwrap(), [published]);
    assert_eq!(
        log(&db).await,
        [
            "before_delete:delete_check:kept",
            "before_delete:delete_check:draft",
            "after_delete:deleted:draft",
        ]
    );

    // The design's soft delete: kept, and marked in the same transaction.
    let ada = user::ActiveModel {
        email: Set("ada@example.com".to_owned()),
        is_admin: Set(false),
        ..Default::default()
    }
    .insert_hooked(&db)
    .await
    .unwrap();
    let outcome = ada.clone().delete_hooked(&db).await.unwrap();
    assert_eq!(outcome, DeleteOutcome::Kept { by: "soft_delete" });
    let stored = user::Entity::find_by_id(ada.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.deleted_at.is_some());
}

/// Deleting or updating a row that does not exist: a clear error, no hook
/// runs, nothing is written.
async fn a_missing_row_is_a_clear_error(db: DatabaseConnection) {
    let gone = new_doc("gone", "").insert_hooked(&db).await.unwrap();
    doc::Entity::delete_by_id(gone.id).exec(&db).await.unwrap();
    let before = (log(&db).await, revisions(&db).await);

    let err = gone.clone().delete_hooked(&db).await.unwrap_err();
    assert!(
        matches!(err.db_err(), Some(DbErr::RecordNotFound(what)) if what.contains("docs")),
        "{err}"
    );
    assert_eq!(err.hook(), None);

    let mut change: doc::ActiveModel = gone.into();
    change.title = Set("again".to_owned());
    let err = change.update_hooked(&db).await.unwrap_err();
    assert!(
        matches!(err.db_err(), Some(DbErr::RecordNotUpdated)),
        "{err}"
    );

    let no_key: doc::ActiveModel = Default::default();
    let err = no_key.delete_hooked(&db).await.unwrap_err();
    assert!(
        matches!(err.db_err(), Some(DbErr::PrimaryKeyNotSet { .. })),
        "{err}"
    );

    assert_eq!((log(&db).await, revisions(&db).await), before);
    assert_eq!(doc::Entity::find().count(&db).await.unwrap(), 0);
}

/// A handle that never had the type a hook requires, or has a value of
/// another type: the hook's error names the type it wanted; nothing is written.
async fn a_missing_or_mistyped_value_names_the_type(db: DatabaseConnection) {
    let never = HookDb::new(db.clone()).with(RequestId(1));
    let mistyped = HookDb::new(db.clone())
        .with("ada")
        .with(String::from("ada"));
    for handle in [&never, &mistyped] {
        let err = secret::ActiveModel {
            owner: Set("ada".to_owned()),
            text: Set("x".to_owned()),
            ..Default::default()
        }
        .insert_hooked(handle)
        .await
        .unwrap_err();
        assert!(err.is_forbidden(), "{err}");
        assert_eq!(
            err.message(),
            "no `hooks_tests::Actor` was attached to this write (`HookDb::with`)"
        );
        assert_eq!(err.hook(), Some("owner_writes"));
    }
    assert_eq!(mistyped.get::<String>().map(String::as_str), Some("ada"));
    assert_eq!(mistyped.get::<Actor>(), None);
    assert_eq!(secret::Entity::find().count(&db).await.unwrap(), 0);
}

/// A constraint violation of the row write itself rolls back what the
/// `before_*` hooks wrote (PostgreSQL included), and is the database's error.
async fn a_constraint_violation_rolls_back_the_hooks_writes(db: DatabaseConnection) {
    new_job("taken").insert_hooked(&db).await.unwrap();
    let before = JobsAndLog::read(&db).await;
    let err = new_job("taken").insert_hooked(&db).await.unwrap_err();
    assert!(err.is_db(), "{err}");
    assert_eq!(err.hook(), None);
    assert!(err.db_err().unwrap().sql_err().is_some(), "{err}");
    assert_eq!(JobsAndLog::read(&db).await, before);

    // Inside a caller's transaction only the savepoint is lost: on
    // PostgreSQL the failed statement does not abort the caller's transaction.
    let txn = db.begin().await.unwrap();
    let earlier = new_job("earlier").insert_hooked(&txn).await.unwrap();
    let err = new_job("taken").insert_hooked(&txn).await.unwrap_err();
    assert!(err.db_err().unwrap().sql_err().is_some(), "{err}");
    let later = new_job("later").insert_hooked(&txn).await.unwrap();
    txn.commit().await.unwrap();
    let mut jobs = before.jobs;
    jobs.extend([earlier, later]);
    assert_eq!(hooks_tests::jobs(&db).await, jobs);
}

on_every_backend!(
    a_failing_hook_anywhere_leaves_the_database_as_it_was,
    a_failing_hook_inside_a_transaction_leaves_the_callers_writes,
    the_old_row_costs_one_statement,
    save_says_whether_it_inserted_or_updated,
    delete_says_deleted_or_kept,
    a_missing_row_is_a_clear_error,
    a_missing_or_mistyped_value_names_the_type,
    a_constraint_violation_rolls_back_the_hooks_writes,
);
