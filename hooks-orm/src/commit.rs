//! `after_commit` and `after_rollback`: queued on the [`HookTransaction`]
//! (crate::HookTransaction) a write runs in, run right after a write outside
//! a transaction, and refused where the library cannot see the commit.
//!
//! The principle: never a side effect for a write that rolled back, never one
//! lost for a write that committed. A write's statement queues the write (its
//! row, what it did, and the state its hooks left); the outermost commit runs
//! the queued `after_commit` hooks in write order, a rollback runs the
//! `after_rollback` hooks instead, and a savepoint that rolls back does so for
//! its own writes only. Every one of them runs on the pool, once the
//! outermost transaction has ended (a savepoint's rolled-back writes wait for
//! that too: the transaction around them still holds its connection). A plain SeaORM `DatabaseTransaction` gives no signal
//! of its end, so a write there of an entity with such hooks is refused before
//! anything is written.
//!
//! Errors of these hooks cannot undo anything: the commit (or the rollback)
//! has happened. They are logged, at `ERROR`, target `hooks_orm::after_commit`
//! (or `hooks_orm::after_rollback`), with the hook, event and entity, and the
//! caller's `commit` still returns `Ok`: a failed side effect is never
//! reported as a failed write.

use hooks_core::dispatch::{ModelHooks, Pending};
use hooks_core::{CommitScope, HookConnection, HookError, Queued, WriteKind, WriteState};

use crate::behavior::entity_name;

/// After a write's statement: queues its `after_commit` / `after_rollback`
/// hooks on the transaction, or, outside one, runs its `after_commit` hooks.
pub(crate) async fn written<M: ModelHooks>(
    scope: CommitScope<'_>,
    db: HookConnection<'_>,
    row: &M,
    kind: WriteKind,
    state: WriteState,
) {
    if !M::COMMIT_HOOKS {
        return;
    }
    let pending = Box::new(Pending {
        row: row.clone(),
        kind,
        state,
    });
    match scope {
        CommitScope::Queue(queue) => queue.push(pending),
        CommitScope::Autocommit => {
            let queued = Queued {
                write: pending,
                rolled_back: false,
            };
            finish(vec![queued], true, db).await;
        }
        // `refuse_unseen` stopped the write before its statement.
        CommitScope::Unseen => tracing::error!(
            target: "hooks_orm::after_commit",
            entity = entity_name::<M>(),
            "hooks_orm bug: a write in an unseen transaction reached its commit hooks"
        ),
    }
}

/// Refuses a write, before anything is written, whose `after_commit` /
/// `after_rollback` hooks could neither run at its commit nor be dropped at
/// its rollback.
pub(crate) fn refuse_unseen<M: ModelHooks>(scope: CommitScope<'_>) -> Result<(), HookError> {
    if !M::COMMIT_HOOKS || !matches!(scope, CommitScope::Unseen) {
        return Ok(());
    }
    Err(HookError::other(format!(
        "`{}` has `after_commit` / `after_rollback` hooks, and this write runs in a \
         transaction whose end hooks-orm cannot see (a plain SeaORM `DatabaseTransaction`, \
         or a connection type it does not know); begin the transaction from a `HookDb` \
         (`db.begin()`, `db.transaction(..)`) so that the hooks run when it commits or \
         rolls back",
        entity_name::<M>()
    )))
}

/// At the end of the outermost transaction: runs the `after_commit` hooks of
/// `writes` if it `committed` (the `after_rollback` hooks of those a
/// savepoint rolled back), else their `after_rollback` hooks; in write order,
/// on `db`. An error is logged and the rest still run.
pub(crate) async fn finish(writes: Vec<Queued>, committed: bool, db: HookConnection<'_>) {
    for Queued { write, rolled_back } in writes {
        let entity = write.entity();
        let committed = committed && !rolled_back;
        if let Err(err) = write.finish(committed, db).await {
            log(&err, entity, committed);
        }
    }
}

fn log(err: &HookError, entity: &'static str, committed: bool) {
    let hook = err.hook().unwrap_or("?");
    if committed {
        tracing::error!(
            target: "hooks_orm::after_commit",
            hook,
            entity,
            error = %err,
            "after_commit hook `{hook}` of `{entity}` failed; the write is committed"
        );
    } else {
        tracing::error!(
            target: "hooks_orm::after_rollback",
            hook,
            entity,
            error = %err,
            "after_rollback hook `{hook}` of `{entity}` failed; the write is rolled back"
        );
    }
}
