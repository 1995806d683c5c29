//! SeaORM's `ActiveModelBehavior`, driven by an entity's [`ModelHooks`].
//!
//! SeaORM calls four methods around a write: `before_save(am, insert)`,
//! `after_save(model, insert)`, `before_delete(am)` and `after_delete(am)`.
//! The eight events map onto them; what does not fit is done here:
//!
//! - **The old row of an update.** `after_save` gets only the new `Model`, and
//!   nothing flows from `before_save` to `after_save` but the `ActiveModel`
//!   that SeaORM writes. So when an `after_update` hook takes the old row,
//!   `before_save` runs the whole hooked update itself: it reads the old row
//!   (`SELECT ... FOR UPDATE` where the backend locks rows), runs the
//!   `before_*` hooks, executes the `UPDATE`, runs the `after_update` hooks with
//!   both rows, and hands SeaORM the new row with every column `Unchanged`.
//!   SeaORM turns an update with no changed column into a re-select of the
//!   row, so the caller still gets the stored row, and `after_save` runs as
//!   usual. That costs one extra `SELECT`; the alternatives were global or
//!   task-local state keyed by the row (fragile across nested writes, and
//!   wrong when SeaORM's future is polled on another task) or re-reading the
//!   row in `after_save` (too late: it is already the new row). When only
//!   `before_update` hooks take the old row, it is read in `before_save` and
//!   SeaORM writes as usual. When no hook takes it, nothing is read: the
//!   update is SeaORM's one statement.
//! - **The whole row on delete.** A caller may delete by key alone. If the
//!   `ActiveModel` does not hold every column, `before_delete` loads the row
//!   (again with a row lock where there is one) and returns it to SeaORM, so
//!   SeaORM deletes by the same key and passes the full row on to
//!   `after_delete`. If no such row exists, no hook runs and SeaORM deletes
//!   nothing (`rows_affected == 0`).
//! - **After the commit.** A write's `after_commit` / `after_rollback` hooks
//!   are queued on the `HookTransaction` it runs in once its statement ran
//!   (in `after_save` / `after_delete`), or run right there outside a
//!   transaction; `before_save` / `before_delete` refuse the write in a
//!   transaction whose end the library cannot see (see `commit`).
//! - **Keeping a row.** SeaORM's `before_delete` can only go on or fail, so
//!   `Deletion::Keep` becomes an error for which `Deletion::was_kept` is true.
//! - **The caller.** `C` may be a [`HookDb`](crate::HookDb), its transaction
//!   or a hook's [`HookConnection`]; [`Caller::of`] finds its data (and a
//!   reason to skip hooks) behind the generic type. Any other connection
//!   carries no data.
//! - **Spans.** SeaORM runs its statement between two of these calls, so
//!   no span covers a write on this door: each call is a `hooks_orm.write`
//!   span of its own (`phase` names the call), around the hooks it runs.
//! - **Shared state.** Each of the four calls makes one [`WriteState`] for
//!   the events it runs: `before_save` for `before_save` and
//!   `before_create`/`before_update` (and `after_update` when it runs the
//!   whole update), `after_save` for `after_create`/`after_update` and
//!   `after_save`. Nothing else flows from one call to the next.

use crate::commit::{refuse_unseen, written};
use crate::db::{Caller, skipped};
use crate::trace::{active_key, row_key};
use hooks_core::dispatch::{ActiveModelOf, DeleteDecision, ModelHooks, OldRow};
use hooks_core::trace::WriteSpan;
use hooks_core::{
    Deletion, HookConnection, HookContext, HookError, HookEvent, HookResult, WriteKind, WriteState,
};
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, ConnectionTrait, DbErr, EntityName, EntityTrait,
    FromQueryResult, Iterable, PrimaryKeyToColumn, QueryFilter, QuerySelect, TryIntoModel,
};

/// What SeaORM's `async_trait` methods return. The generated
/// `ActiveModelBehavior` impl spells out `async_trait`'s signatures and
/// returns the box of the glue fn it calls as it is: an `async fn` there
/// would wrap each in one more future, moved (bytes and all) into the box on
/// every write. Each glue fn boxes its own future, so that `Send` is proven
/// once, here, and not for every entity in the crate that declares it.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// `future`, boxed for SeaORM's `ActiveModelBehavior`.
#[inline]
fn boxed<'a, F: Future + Send + 'a>(future: F) -> BoxFuture<'a, F::Output> {
    Box::pin(future)
}

/// The table name, for contexts and errors.
pub(crate) fn entity_name<M: ModelHooks>() -> &'static str {
    M::Entity::default().table_name()
}

/// A context for one event of a write.
pub(crate) fn context<'a, M: ModelHooks>(
    db: HookConnection<'a>,
    state: &'a WriteState,
    event: HookEvent,
) -> HookContext<'a> {
    HookContext::new(db, state, event, entity_name::<M>())
}

/// `ActiveModelBehavior::before_save`: `before_save` and `before_create` or
/// `before_update` hooks (and, with [`OldRow::AfterUpdate`], the whole update).
///
/// The future is what SeaORM boxes, and moves, for every insert and update,
/// so each entity gets the smallest that can run its hooks, chosen at compile
/// time (`OLD_ROW` and `SYNC_SAVE` are constants):
/// - an update that reads the old row awaits SeaORM's queries (their futures
///   are kilobytes): `update_with_old_row`;
/// - an entity whose save hooks are all sync fns needs no state machine at
///   all: `before_save_now` runs them when the future is first polled, and
///   the future holds nothing but the arguments;
/// - otherwise `before_save_hooks`, an `async fn` awaiting the hooks.
pub fn before_save<'a, M, C>(
    am: ActiveModelOf<M>,
    db: &'a C,
    insert: bool,
) -> BoxFuture<'a, Result<ActiveModelOf<M>, DbErr>>
where
    // What the compiler cannot see through the associated types in a generic
    // `Send` check: true of every entity SeaORM derives.
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait,
{
    let span = move |am: &ActiveModelOf<M>| {
        let span = write_span::<M>(insert, "before_save");
        span.record_key(|| active_key::<M>(am));
        span
    };
    if !insert && M::OLD_ROW != OldRow::Unused {
        boxed(span(&am).instrument(update_with_old_row::<M, C>(am, db)))
    } else if M::SYNC_SAVE {
        // The span is made when the future runs, so the future holds only
        // the arguments (it never awaits, so nothing else crosses a poll).
        boxed(async move {
            let span = span(&am);
            let _entered = span.enter();
            before_save_now::<M, C>(am, db, insert)
        })
    } else {
        boxed(span(&am).instrument(before_save_hooks::<M, C>(am, db, insert)))
    }
}

/// The `hooks_orm.write` span of one of SeaORM's calls into the glue.
fn write_span<M: ModelHooks>(insert: bool, phase: &'static str) -> WriteSpan {
    let kind = if insert {
        WriteKind::Create
    } else {
        WriteKind::Update
    };
    WriteSpan::seaorm(entity_name::<M>(), kind, phase)
}

/// Whether the caller of this write skips hooks; a skip leaves its trace.
fn skips<M: ModelHooks>(caller: Caller<'_>, insert: bool) -> bool {
    let Some(reason) = caller.skip else {
        return false;
    };
    skipped(
        reason,
        entity_name::<M>(),
        if insert { "insert" } else { "update" },
    );
    true
}

/// The output of a hook future that is ready when first polled: a `#[hooks]`
/// method whose hooks are all sync fns has no `.await` ([`ModelHooks::SYNC_SAVE`]).
#[inline(always)]
fn now<T>(future: impl Future<Output = HookResult<T>>) -> HookResult<T> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => Err(HookError::other(
            "hooks_orm bug: a sync hook's future was not ready",
        )),
    }
}

/// [`before_save`] of an insert, or of an update without the old row, when
/// every save hook is sync.
fn before_save_now<M, C>(
    mut am: ActiveModelOf<M>,
    db: &C,
    insert: bool,
) -> Result<ActiveModelOf<M>, DbErr>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if skips::<M>(caller, insert) {
        return Ok(am);
    }
    refuse_unseen::<M>(caller.scope)?;
    let state = WriteState::new();
    let mut cx = context::<M>(caller.connection(db), &state, HookEvent::BeforeSave);
    now(M::before_save(&mut am, &cx))?;
    if insert {
        cx = cx.at(HookEvent::BeforeCreate);
        now(M::before_create(&mut am, &cx))?;
    } else {
        cx = cx.at(HookEvent::BeforeUpdate);
        now(M::before_update(&mut am, None, &cx))?;
    }
    Ok(am)
}

/// [`before_save`] of an insert, or of an update without the old row, when
/// some save hook is `async`.
async fn before_save_hooks<M, C>(
    mut am: ActiveModelOf<M>,
    db: &C,
    insert: bool,
) -> Result<ActiveModelOf<M>, DbErr>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if skips::<M>(caller, insert) {
        return Ok(am);
    }
    refuse_unseen::<M>(caller.scope)?;
    let state = WriteState::new();
    let mut cx = context::<M>(caller.connection(db), &state, HookEvent::BeforeSave);
    M::before_save(&mut am, &cx).await?;
    if insert {
        cx = cx.at(HookEvent::BeforeCreate);
        M::before_create(&mut am, &cx).await?;
    } else {
        cx = cx.at(HookEvent::BeforeUpdate);
        M::before_update(&mut am, None, &cx).await?;
    }
    Ok(am)
}

/// [`before_save`] of an update when some hook takes the old row: reads it,
/// runs the `before_*` hooks, and with [`OldRow::AfterUpdate`] also the
/// `UPDATE` and the `after_update` hooks.
async fn update_with_old_row<M, C>(
    mut am: ActiveModelOf<M>,
    db: &C,
) -> Result<ActiveModelOf<M>, DbErr>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if skips::<M>(caller, false) {
        return Ok(am);
    }
    refuse_unseen::<M>(caller.scope)?;
    let old = load_row::<M, C>(&am, db)
        .await?
        .ok_or(DbErr::RecordNotUpdated)?;
    let conn = caller.connection(db);
    let state = WriteState::new();
    let cx = |event| context::<M>(conn, &state, event);
    M::before_save(&mut am, &cx(HookEvent::BeforeSave)).await?;
    M::before_update(&mut am, Some(&old), &cx(HookEvent::BeforeUpdate)).await?;
    if M::OLD_ROW != OldRow::AfterUpdate {
        return Ok(am);
    }
    let new = M::Entity::update(am).exec(db).await?;
    M::after_update(&new, Some(&old), &cx(HookEvent::AfterUpdate)).await?;
    Ok(new.into_active_model())
}

/// `ActiveModelBehavior::after_save`: `after_create` or `after_update`, then
/// `after_save` hooks; like [`before_save`], without a state machine when
/// every save hook is sync.
pub fn after_save<'a, M, C>(model: M, db: &'a C, insert: bool) -> BoxFuture<'a, Result<M, DbErr>>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let span = move |model: &M| {
        let span = write_span::<M>(insert, "after_save");
        span.record_key(|| Some(row_key(model)));
        span
    };
    // Commit hooks may run right after the write (outside a transaction),
    // and they are async: such an entity takes the async path.
    if M::SYNC_SAVE && !M::COMMIT_HOOKS {
        // As in `before_save`: the span is made when the future runs.
        boxed(async move {
            let span = span(&model);
            let _entered = span.enter();
            after_save_now::<M, C>(model, db, insert)
        })
    } else {
        let span = span(&model);
        boxed(span.instrument(after_save_hooks::<M, C>(model, db, insert)))
    }
}

/// [`after_save`] when every save hook is sync.
fn after_save_now<M, C>(model: M, db: &C, insert: bool) -> Result<M, DbErr>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if caller.skip.is_some() {
        // `before_save` left the trace of this write.
        return Ok(model);
    }
    let state = WriteState::new();
    let mut cx = context::<M>(caller.connection(db), &state, HookEvent::AfterCreate);
    if insert {
        now(M::after_create(&model, &cx))?;
    } else if M::OLD_ROW != OldRow::AfterUpdate {
        // With `OldRow::AfterUpdate` the after_update hooks ran in `before_save`.
        cx = cx.at(HookEvent::AfterUpdate);
        now(M::after_update(&model, None, &cx))?;
    }
    cx = cx.at(HookEvent::AfterSave);
    now(M::after_save(&model, &cx))?;
    Ok(model)
}

/// [`after_save`] when some save hook is `async`, or the entity has commit hooks.
async fn after_save_hooks<M, C>(model: M, db: &C, insert: bool) -> Result<M, DbErr>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if caller.skip.is_some() {
        // `before_save` left the trace of this write.
        return Ok(model);
    }
    let conn = caller.connection(db);
    let state = WriteState::new();
    let after = after_hooks(&model, insert, conn, &state).await;
    // The row is written whatever the `after_*` hooks said: its commit hooks
    // are queued (or, outside a transaction, run) all the same.
    let kind = if insert {
        WriteKind::Create
    } else {
        WriteKind::Update
    };
    written(caller.scope, conn, &model, kind, state).await;
    after?;
    Ok(model)
}

/// `after_create` or `after_update`, then `after_save`.
async fn after_hooks<M: ModelHooks>(
    model: &M,
    insert: bool,
    conn: HookConnection<'_>,
    state: &WriteState,
) -> HookResult<()> {
    let mut cx = context::<M>(conn, state, HookEvent::AfterCreate);
    if insert {
        M::after_create(model, &cx).await?;
    } else if M::OLD_ROW != OldRow::AfterUpdate {
        // With `OldRow::AfterUpdate` the after_update hooks ran in `before_save`.
        cx = cx.at(HookEvent::AfterUpdate);
        M::after_update(model, None, &cx).await?;
    }
    cx = cx.at(HookEvent::AfterSave);
    M::after_save(model, &cx).await
}

/// `ActiveModelBehavior::before_delete`: loads the row if needed, runs
/// `before_delete` hooks, in a `hooks_orm.write` span.
pub fn before_delete<'a, M, C>(
    am: ActiveModelOf<M>,
    db: &'a C,
) -> BoxFuture<'a, Result<ActiveModelOf<M>, DbErr>>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: TryIntoModel<M> + Send + Sync,
    C: ConnectionTrait,
{
    let span = WriteSpan::seaorm(entity_name::<M>(), WriteKind::Delete, "before_delete");
    span.record_key(|| active_key::<M>(&am));
    boxed(span.instrument(before_delete_hooks::<M, C>(am, db)))
}

async fn before_delete_hooks<M, C>(am: ActiveModelOf<M>, db: &C) -> Result<ActiveModelOf<M>, DbErr>
where
    M: ModelHooks,
    ActiveModelOf<M>: TryIntoModel<M>,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if let Some(reason) = caller.skip {
        skipped(reason, entity_name::<M>(), "delete");
        return Ok(am);
    }
    refuse_unseen::<M>(caller.scope)?;
    let row = match am.clone().try_into_model() {
        Ok(row) => row,
        Err(_) => match load_row::<M, C>(&am, db).await? {
            Some(row) => row,
            None => return Ok(am),
        },
    };
    let state = WriteState::new();
    let cx = context::<M>(caller.connection(db), &state, HookEvent::BeforeDelete);
    match M::before_delete(&row, &cx).await? {
        DeleteDecision::Proceed => Ok(row.into_active_model()),
        DeleteDecision::KeptBy(hook) => Err(Deletion::into_db_err(hook, entity_name::<M>())),
    }
}

/// `ActiveModelBehavior::after_delete`: `after_delete` hooks with the
/// deleted row, in a `hooks_orm.write` span.
pub fn after_delete<'a, M, C>(
    am: ActiveModelOf<M>,
    db: &'a C,
) -> BoxFuture<'a, Result<ActiveModelOf<M>, DbErr>>
where
    M: ModelHooks,
    ActiveModelOf<M>: TryIntoModel<M> + Send + Sync,
    C: ConnectionTrait,
{
    let span = WriteSpan::seaorm(entity_name::<M>(), WriteKind::Delete, "after_delete");
    span.record_key(|| active_key::<M>(&am));
    boxed(span.instrument(after_delete_hooks::<M, C>(am, db)))
}

async fn after_delete_hooks<M, C>(am: ActiveModelOf<M>, db: &C) -> Result<ActiveModelOf<M>, DbErr>
where
    M: ModelHooks,
    ActiveModelOf<M>: TryIntoModel<M>,
    C: ConnectionTrait,
{
    let caller = Caller::of(db);
    if caller.skip.is_some() {
        return Ok(am);
    }
    // `before_delete` handed SeaORM the whole row; a key alone means no row was found.
    if let Ok(row) = am.clone().try_into_model() {
        let conn = caller.connection(db);
        let state = WriteState::new();
        let cx = context::<M>(conn, &state, HookEvent::AfterDelete);
        let after = M::after_delete(&row, &cx).await;
        written(caller.scope, conn, &row, WriteKind::Delete, state).await;
        after?;
    }
    Ok(am)
}

/// The stored row with the primary key of `am`, locked for the rest of the
/// transaction where the backend has row locks (SQLite has none: it locks
/// the whole database for a write transaction).
pub(crate) async fn load_row<M, C>(am: &ActiveModelOf<M>, db: &C) -> Result<Option<M>, DbErr>
where
    M: ModelHooks,
    C: ConnectionTrait,
{
    let mut select = M::Entity::find();
    for key in <M::Entity as EntityTrait>::PrimaryKey::iter() {
        let column = key.into_column();
        match am.get(column) {
            ActiveValue::Set(value) | ActiveValue::Unchanged(value) => {
                select = select.filter(column.eq(value));
            }
            ActiveValue::NotSet => {
                return Err(DbErr::PrimaryKeyNotSet {
                    ctx: "hooks_orm: reading the stored row",
                });
            }
        }
    }
    select.lock_exclusive().one(db).await
}
