//! 32 transactions update the same row at once; an `after_update` hook audits
//! each change as (old, new). The old row is read under a row lock
//! (`SELECT ... FOR UPDATE`), so each writer waits for the one before it and
//! sees its value: the audit forms one chain through every value.
//!
//! SQLite has no row locks; it allows one write transaction at a time for the
//! whole database. Its in-memory database is a single connection, so there
//! the transactions queue for it (the shared test below, which therefore
//! cannot tell a missing lock on SQLite). With several connections to a file,
//! a deferred transaction starts as a reader; when it then wants to write
//! while another writer holds the lock, SQLite fails it with `database is
//! locked` rather than let it write from a stale read, so the committed
//! changes still chain. `BEGIN IMMEDIATE` takes the write lock up front, and
//! then every writer waits its turn, up to the connection's busy timeout (the
//! two SQLite-only tests at the end).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use hooks_orm::prelude::*;
use hooks_tests::backend::unique_name;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, ConnectOptions, Database, DatabaseConnection, DbErr, EntityTrait, QueryOrder,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use tokio::sync::Barrier;

const WRITERS: usize = 32;

fn value(writer: usize) -> String {
    format!("v{writer}")
}

async fn insert_setting(db: &DatabaseConnection) -> setting::Model {
    setting::ActiveModel {
        value: Set(value(0)),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

/// Sets the setting to writer `n`'s value in a transaction of its own. The
/// caller's model is stale on purpose: the hook must see the stored row.
async fn write(
    db: DatabaseConnection,
    setting: setting::Model,
    n: usize,
    mode: Option<SqliteTransactionMode>,
) -> Result<(), DbErr> {
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: mode,
            ..Default::default()
        })
        .await?;
    let mut change: setting::ActiveModel = setting.into();
    change.value = Set(value(n));
    change.update(&txn).await?;
    txn.commit().await
}

/// Starts all writers together; returns each writer's number and result.
async fn race(
    db: &DatabaseConnection,
    setting: &setting::Model,
    mode: Option<SqliteTransactionMode>,
) -> Vec<(usize, Result<(), DbErr>)> {
    let start = Arc::new(Barrier::new(WRITERS));
    let writers: Vec<_> = (1..=WRITERS)
        .map(|n| {
            let (db, setting, start) = (db.clone(), setting.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                (n, write(db, setting, n, mode).await)
            })
        })
        .collect();
    let mut results = Vec::new();
    for writer in writers {
        results.push(writer.await.unwrap());
    }
    results
}

/// Checks that the audit rows, in insertion order, form one chain from `v0`
/// through exactly the values of `committed`, ending at the stored value.
async fn assert_one_chain(db: &DatabaseConnection, setting_id: i32, committed: &BTreeSet<String>) {
    let changes = setting_change::Entity::find()
        .order_by_asc(setting_change::Column::Id)
        .all(db)
        .await
        .unwrap();
    let mut current = value(0);
    for change in &changes {
        assert_eq!(change.setting_id, setting_id);
        assert_eq!(
            change.old_value, current,
            "a writer saw a stale old row: {changes:#?}"
        );
        current = change.new_value.clone();
    }
    let written: BTreeSet<String> = changes.iter().map(|c| c.new_value.clone()).collect();
    assert_eq!(written.len(), changes.len(), "a value was audited twice");
    assert_eq!(&written, committed);
    let stored = setting::Entity::find_by_id(setting_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.value, current,
        "the last audited value is the stored one"
    );
}

async fn concurrent_updates_audit_one_chain(db: DatabaseConnection) {
    let setting = insert_setting(&db).await;
    let mut committed = BTreeSet::new();
    for (n, result) in race(&db, &setting, None).await {
        result.unwrap_or_else(|err| panic!("writer {n}: {err}"));
        committed.insert(value(n));
    }
    assert_eq!(committed.len(), WRITERS);
    assert_one_chain(&db, setting.id, &committed).await;
}

on_every_backend!(concurrent_updates_audit_one_chain);

/// A SQLite database file with several connections, deleted when dropped.
struct SqliteFile {
    path: std::path::PathBuf,
    db: DatabaseConnection,
}

impl SqliteFile {
    async fn open(name: &str) -> SqliteFile {
        let path = std::env::temp_dir().join(format!("{}_{name}.sqlite", unique_name()));
        let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
        options
            .max_connections(8)
            .sqlx_logging(false)
            // Long enough that a waiting writer is never the one that gives up.
            .map_sqlx_sqlite_opts(|opts| opts.busy_timeout(Duration::from_secs(60)));
        let file = SqliteFile {
            db: Database::connect(options).await.unwrap(),
            path,
        };
        create_tables(&file.db).await.unwrap();
        file
    }
}

impl Drop for SqliteFile {
    fn drop(&mut self) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

/// `database is locked` (SQLITE_BUSY), possibly from inside a hook's write.
fn is_busy(err: &DbErr) -> bool {
    let inner = HookError::from_db_err(err).and_then(|hook_err| hook_err.db_err().cloned());
    inner
        .as_ref()
        .unwrap_or(err)
        .to_string()
        .contains("database is locked")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_deferred_writers_commit_in_one_chain_or_fail_busy() {
    let file = SqliteFile::open("deferred").await;
    let setting = insert_setting(&file.db).await;
    let mut committed = BTreeSet::new();
    for (n, result) in race(&file.db, &setting, Some(SqliteTransactionMode::Deferred)).await {
        match result {
            Ok(()) => {
                committed.insert(value(n));
            }
            Err(err) => assert!(is_busy(&err), "writer {n}: {err}"),
        }
    }
    assert!(!committed.is_empty());
    assert_one_chain(&file.db, setting.id, &committed).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_immediate_writers_queue_and_audit_one_chain() {
    let file = SqliteFile::open("immediate").await;
    let setting = insert_setting(&file.db).await;
    let mut committed = BTreeSet::new();
    for (n, result) in race(&file.db, &setting, Some(SqliteTransactionMode::Immediate)).await {
        result.unwrap_or_else(|err| panic!("writer {n}: {err}"));
        committed.insert(value(n));
    }
    assert_one_chain(&file.db, setting.id, &committed).await;
}
