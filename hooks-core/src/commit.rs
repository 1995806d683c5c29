//! What happens to a write's `after_commit` / `after_rollback` hooks: run
//! right away (outside a transaction), queued on the transaction that will
//! commit or roll back, or refused (a transaction whose end the library
//! cannot see).

use core::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use crate::{HookConnection, HookResult};

/// What a write did to its row: the `after_commit` and `after_rollback`
/// hooks take it to tell a create from an update or a delete.
///
/// ```
/// use hooks_core::WriteKind;
///
/// assert_eq!(WriteKind::Update.as_str(), "update");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WriteKind {
    /// The row was inserted.
    Create,
    /// The row was updated.
    Update,
    /// The row was deleted.
    Delete,
}

impl WriteKind {
    /// `"create"`, `"update"` or `"delete"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            WriteKind::Create => "create",
            WriteKind::Update => "update",
            WriteKind::Delete => "delete",
        }
    }
}

impl fmt::Display for WriteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the `after_commit` / `after_rollback` hooks of a write go.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum CommitScope<'a> {
    /// Outside a transaction: the write is committed once its statement
    /// returns, so its `after_commit` hooks run right after it.
    Autocommit,
    /// Inside a transaction the library ends: queued there until it commits
    /// or rolls back.
    Queue(&'a CommitQueue),
    /// Inside a transaction whose end the library cannot see (a plain
    /// SeaORM `DatabaseTransaction`, or a connection type it does not know):
    /// a write of an entity with such hooks is refused.
    Unseen,
}

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A write whose `after_commit` or `after_rollback` hooks are still to run:
/// its row, what it did, and the entity's hooks.
#[doc(hidden)]
pub trait PendingWrite: Send {
    /// The entity's table name, for logs.
    fn entity(&self) -> &'static str;
    /// Runs the `after_commit` hooks (`committed`) or the `after_rollback`
    /// hooks, with `db` as the hooks' connection.
    fn finish<'a>(
        self: Box<Self>,
        committed: bool,
        db: HookConnection<'a>,
    ) -> BoxFuture<'a, HookResult>;
}

/// The writes of one transaction (or savepoint) whose `after_commit` /
/// `after_rollback` hooks wait for its end, in write order.
#[doc(hidden)]
#[derive(Default)]
pub struct CommitQueue {
    writes: Mutex<Vec<Queued>>,
}

/// A queued write, and whether a savepoint it was made in rolled back (then
/// only its `after_rollback` hooks run, when the outermost transaction ends).
#[doc(hidden)]
pub struct Queued {
    pub write: Box<dyn PendingWrite>,
    pub rolled_back: bool,
}

impl CommitQueue {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, write: Box<dyn PendingWrite>) {
        self.lock().push(Queued {
            write,
            rolled_back: false,
        });
    }

    /// Takes every queued write, oldest first.
    pub fn take(&self) -> Vec<Queued> {
        std::mem::take(&mut *self.lock())
    }

    /// Appends `writes` (a savepoint's, at its end) behind the ones queued
    /// here; `rolled_back` when the savepoint rolled back.
    pub fn append(&self, writes: Vec<Queued>, rolled_back: bool) {
        self.lock().extend(writes.into_iter().map(|queued| Queued {
            rolled_back: queued.rolled_back || rolled_back,
            ..queued
        }));
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Queued>> {
        // A panic while the lock was held left a `Vec` that is still whole.
        self.writes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl fmt::Debug for CommitQueue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommitQueue")
            .field("writes", &self.lock().len())
            .finish()
    }
}
