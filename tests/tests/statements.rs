//! Statements per write, for each door (SeaORM's own API on a bare
//! connection, the same on a `HookDb`, the hooked operations) and each kind of
//! entity (no hooks, hooks that never take the old row, a `before_update` or
//! an `after_update` hook that takes it), on every backend. The counts are
//! asserted, so an extra query fails the suite.
//!
//! SeaORM's metric callback reports statements, not the `BEGIN`/`COMMIT` (or
//! `SAVEPOINT`/`RELEASE`) that frame each hooked operation. An insert or
//! update that returns the row is one statement with `RETURNING`, and two
//! without it (MariaDB/MySQL: the write, then a `SELECT`).
//!
//! With `HOOKS_STATEMENTS_TABLE=DIR`, each backend's table is also written to
//! `DIR/<backend>.md`, for BENCHMARKS.md.

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hooks_orm::prelude::*;
use hooks_tests::{count_statements, on_every_backend, write_statements};
use hooks_tests::{stmt_after_old, stmt_before_old, stmt_hooks, stmt_none};
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbBackend, ModelTrait};

/// Where a write comes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Door {
    /// `am.insert(&conn)` and the rest, on a bare `DatabaseConnection`.
    Bare,
    /// The same on a `HookDb`.
    HookDb,
    /// `insert_hooked` and the rest, on a `HookDb`.
    Hooked,
}

impl Door {
    const ALL: [Door; 3] = [Door::Bare, Door::HookDb, Door::Hooked];

    fn label(self) -> &'static str {
        match self {
            Door::Bare => "SeaORM API, bare connection",
            Door::HookDb => "SeaORM API, `HookDb`",
            Door::Hooked => "hooked operations (`*_hooked`)",
        }
    }
}

/// The kinds of entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    NoHooks,
    Hooks,
    BeforeUpdateOld,
    AfterUpdateOld,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::NoHooks,
        Kind::Hooks,
        Kind::BeforeUpdateOld,
        Kind::AfterUpdateOld,
    ];

    fn label(self) -> &'static str {
        match self {
            Kind::NoHooks => "no hooks",
            Kind::Hooks => "hooks, no old row",
            Kind::BeforeUpdateOld => "`before_update` takes the old row",
            Kind::AfterUpdateOld => "`after_update` takes the old row",
        }
    }
}

/// Statements of one insert, update, delete of a loaded row, and delete by key alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Counts {
    insert: usize,
    update: usize,
    delete: usize,
    delete_by_key: usize,
}

/// What each write costs. `write` is SeaORM's insert or update that returns
/// the row (1 with `RETURNING`, else 2); `read` is the library's read of the
/// stored row, `SELECT ... FOR UPDATE` where the backend locks rows.
fn expected(door: Door, kind: Kind, write: usize) -> Counts {
    let read = 1;
    let update = match kind {
        Kind::NoHooks | Kind::Hooks => write,
        Kind::BeforeUpdateOld => read + write,
        // SeaORM's path: the glue's read and update, then SeaORM re-selects
        // the row it was handed with nothing changed. The hooked operation
        // runs the update itself.
        Kind::AfterUpdateOld if door == Door::Hooked => read + write,
        Kind::AfterUpdateOld => read + write + 1,
    };
    Counts {
        insert: write,
        update,
        // SeaORM's path deletes a loaded row as it is, and reads a key alone
        // first, so that `before_delete` and `after_delete` get the whole
        // row. The hooked operation always reads (and locks) the stored row:
        // the hooks see it as it is, not as the caller last loaded it.
        delete: if door == Door::Hooked { read + 1 } else { 1 },
        delete_by_key: read + 1,
    }
}

/// Runs the four writes of one entity through one door, counting statements.
macro_rules! measure {
    ($entity:ident, $door:expr, $bare:expr, $db:expr, $statements:expr) => {{
        let (bare, db, statements): (&DatabaseConnection, &HookDb, &Arc<AtomicUsize>) =
            ($bare, $db, $statements);
        let take = || statements.swap(0, Ordering::SeqCst);
        let new = || $entity::ActiveModel {
            value: Set(1),
            ..Default::default()
        };
        take();
        let row = match $door {
            Door::Bare => new().insert(bare).await,
            Door::HookDb => new().insert(db).await,
            Door::Hooked => new().insert_hooked(db).await.map_err(Into::into),
        }
        .expect("insert");
        let insert = take();
        let mut change: $entity::ActiveModel = row.into();
        change.value = Set(2);
        let row = match $door {
            Door::Bare => change.update(bare).await,
            Door::HookDb => change.update(db).await,
            Door::Hooked => change.update_hooked(db).await.map_err(Into::into),
        }
        .expect("update");
        assert_eq!(row.value, 2);
        let update = take();
        match $door {
            Door::Bare => row.delete(bare).await.map(drop),
            Door::HookDb => row.delete(db).await.map(drop),
            Door::Hooked => row.delete_hooked(db).await.map(drop).map_err(Into::into),
        }
        .expect("delete");
        let delete = take();
        let row = new().insert(bare).await.expect("insert");
        take();
        let key = $entity::ActiveModel {
            id: Set(row.id),
            ..Default::default()
        };
        match $door {
            Door::Bare => key.delete(bare).await.map(drop),
            Door::HookDb => key.delete(db).await.map(drop),
            Door::Hooked => key.delete_hooked(db).await.map(drop).map_err(Into::into),
        }
        .expect("delete by key");
        let delete_by_key = take();
        Counts {
            insert,
            update,
            delete,
            delete_by_key,
        }
    }};
}

async fn statements_per_write(mut bare: DatabaseConnection) {
    let statements = count_statements(&mut bare);
    let db = HookDb::new(bare.clone());
    let backend = bare.get_database_backend();
    let write = write_statements(&bare);
    let mut table = format!(
        "| {} | kind of entity | insert | update | delete (row) | delete (key) |\n|---|---|---:|---:|---:|---:|\n",
        name(backend)
    );
    let mut wrong = Vec::new();
    for door in Door::ALL {
        for kind in Kind::ALL {
            let counts = match kind {
                Kind::NoHooks => measure!(stmt_none, door, &bare, &db, &statements),
                Kind::Hooks => measure!(stmt_hooks, door, &bare, &db, &statements),
                Kind::BeforeUpdateOld => measure!(stmt_before_old, door, &bare, &db, &statements),
                Kind::AfterUpdateOld => measure!(stmt_after_old, door, &bare, &db, &statements),
            };
            let Counts {
                insert,
                update,
                delete,
                delete_by_key,
            } = counts;
            writeln!(
                table,
                "| {} | {} | {insert} | {update} | {delete} | {delete_by_key} |",
                door.label(),
                kind.label()
            )
            .unwrap();
            let expected = expected(door, kind, write);
            if counts != expected {
                wrong.push(format!(
                    "{door:?} {kind:?}: {counts:?}, expected {expected:?}"
                ));
            }
        }
    }
    println!("{table}");
    if let Some(dir) = std::env::var_os("HOOKS_STATEMENTS_TABLE") {
        let path = std::path::Path::new(&dir).join(format!("{}.md", name(backend)));
        std::fs::write(&path, &table).expect("write the statements table");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn name(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Sqlite => "sqlite",
        DbBackend::Postgres => "postgres",
        DbBackend::MySql => "mysql",
        _ => "other",
    }
}

on_every_backend!(statements_per_write);
