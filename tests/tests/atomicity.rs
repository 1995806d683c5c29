//! A hook that fails part-way through a write, at each of the eight events,
//! after earlier hooks of the same write have logged to `hook_log`. Inside a
//! transaction the rollback takes everything back; outside one, what is left
//! is exactly what SeaORM's `ActiveModelBehavior` contract leaves.
//!
//! Sequences and auto-increment counters are not transactional on any
//! backend, so a rolled-back insert may still use up an id; the rows are what
//! these tests compare.

use hooks_orm::HookEvent;
use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, TransactionTrait};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Write {
    Insert,
    Update,
    Delete,
}

use HookEvent::*;
use Write::*;

impl Write {
    /// The events this write fires, in order.
    fn events(self) -> &'static [HookEvent] {
        match self {
            Insert => &[BeforeSave, BeforeCreate, AfterCreate, AfterSave],
            Update => &[BeforeSave, BeforeUpdate, AfterUpdate, AfterSave],
            Delete => &[BeforeDelete, AfterDelete],
        }
    }

    /// The events fired up to and including `last`.
    fn events_through(self, last: HookEvent) -> Vec<HookEvent> {
        let events = self.events();
        let at = events.iter().position(|&event| event == last).unwrap();
        events[..=at].to_vec()
    }
}

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

fn runs_after_the_sql(event: HookEvent) -> bool {
    event.as_str().starts_with("after_")
}

/// The committed row that an update or delete case works on. A delete's
/// hooks see the stored row, so its `fail_at` is set here.
async fn subject(db: &DatabaseConnection, write: Write, event: HookEvent) -> Option<job::Model> {
    let fail_at = match write {
        Insert => return None,
        Update => "",
        Delete => event.as_str(),
    };
    let job = job::ActiveModel {
        name: Set(format!("{write:?}-{event}")),
        fail_at: Set(fail_at.to_owned()),
        ..Default::default()
    };
    Some(job.insert(db).await.unwrap())
}

fn inserted_name(event: HookEvent) -> String {
    format!("inserted-{event}")
}

fn renamed(subject: &job::Model) -> String {
    format!("{}-renamed", subject.name)
}

/// Runs the case's write on `db` and checks that it fails with the error of
/// the hook at `event`.
async fn failing_write<C>(db: &C, write: Write, event: HookEvent, subject: Option<job::Model>)
where
    C: ConnectionTrait,
{
    let result: Result<(), DbErr> = match (write, subject) {
        (Insert, None) => job::ActiveModel {
            name: Set(inserted_name(event)),
            fail_at: Set(event.to_string()),
            ..Default::default()
        }
        .insert(db)
        .await
        .map(drop),
        (Update, Some(subject)) => {
            let name = renamed(&subject);
            let mut change: job::ActiveModel = subject.into();
            change.name = Set(name);
            change.fail_at = Set(event.to_string());
            change.update(db).await.map(drop)
        }
        (Delete, Some(subject)) => job::ActiveModel {
            id: Set(subject.id),
            ..Default::default()
        }
        .delete(db)
        .await
        .map(drop),
        (write, subject) => unreachable!("{write:?} with {subject:?}"),
    };
    let err = result.expect_err("the hook fails");
    let hook_err = HookError::from_db_err(&err).expect("the hook's error");
    assert_eq!(hook_err.event(), Some(event), "{err}");
    assert_eq!(hook_err.hook(), Some(format!("log_{event}").as_str()));
}

async fn a_failing_hook_rolls_back_with_the_callers_transaction(db: DatabaseConnection) {
    for (write, event) in CASES {
        let case = format!("{write:?} failing at {event}");
        let subject = subject(&db, write, event).await;
        let before = JobsAndLog::read(&db).await;

        let txn = db.begin().await.unwrap();
        failing_write(&txn, write, event, subject).await;
        // Every hook up to the failing one wrote its log row in the transaction.
        let inside = JobsAndLog::read(&txn).await;
        assert_eq!(
            events_of(&inside.log[before.log.len()..]),
            write.events_through(event),
            "{case}"
        );
        txn.rollback().await.unwrap();

        assert_eq!(JobsAndLog::read(&db).await, before, "{case}");
    }
}

/// Without a transaction each statement stands on its own: the log rows of
/// the hooks that ran stay, and the row write stands if the failing hook runs
/// after the SQL (SeaORM runs `after_save` / `after_delete` after it).
async fn a_failing_hook_outside_a_transaction_leaves_what_ran_before_it(db: DatabaseConnection) {
    for (write, event) in CASES {
        let case = format!("{write:?} failing at {event}");
        let subject = subject(&db, write, event).await;
        let before = JobsAndLog::read(&db).await;

        failing_write(&db, write, event, subject.clone()).await;
        let after = JobsAndLog::read(&db).await;

        assert_eq!(
            events_of(&after.log[before.log.len()..]),
            write.events_through(event),
            "{case}"
        );
        let mut expected = before.jobs;
        if runs_after_the_sql(event) {
            match (write, subject) {
                (Insert, _) => {
                    let inserted = after.jobs.last().unwrap();
                    assert_eq!(inserted.name, inserted_name(event), "{case}");
                    expected.push(inserted.clone());
                }
                (Update, Some(subject)) => {
                    let stored = expected.iter_mut().find(|j| j.id == subject.id).unwrap();
                    stored.name = renamed(&subject);
                    stored.fail_at = event.to_string();
                }
                (Delete, Some(subject)) => expected.retain(|j| j.id != subject.id),
                (write, subject) => unreachable!("{write:?} with {subject:?}"),
            }
        }
        assert_eq!(after.jobs, expected, "{case}");
    }
}

on_every_backend!(
    a_failing_hook_rolls_back_with_the_callers_transaction,
    a_failing_hook_outside_a_transaction_leaves_what_ran_before_it,
);
