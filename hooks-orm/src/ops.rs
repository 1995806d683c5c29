//! The hooked operations: `hooks-orm`'s own single-row writes, the second
//! door beside SeaORM's `ActiveModelBehavior`.
//!
//! Each operation runs in a transaction of its own: `db.begin()`, which on a
//! connection opens a transaction and on a transaction opens a savepoint. It
//! calls the entity's hooks directly (not through `ActiveModelBehavior`,
//! which SeaORM's `Entity::insert(..)`, `Entity::update(..)` and
//! `Entity::delete(..)` executors never call), commits on success and rolls
//! back on any error, so the hooks' writes and the row write stand or fall
//! together, and a caller's transaction stays usable after a failed
//! operation (PostgreSQL included: only the savepoint is rolled back).

use std::future::Future;

use hooks_core::dispatch::{ActiveModelOf, DeleteDecision, ModelHooks, OldRow};
use hooks_core::{CommitQueue, CommitScope, HookError, HookEvent, WriteKind, WriteState};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, Iterable,
    PrimaryKeyToColumn, TransactionSession, TransactionTrait,
};

use crate::behavior::{context, entity_name, load_row};
use crate::commit::{self, refuse_unseen, written};
use crate::db::{Caller, skipped};
use crate::trace::{active_key, row_key};
use hooks_core::trace::WriteSpan;

/// The `Model` of an `ActiveModel`.
type ModelOf<A> = <<A as ActiveModelTrait>::Entity as EntityTrait>::Model;

/// What [`save_hooked`](HookedActiveModelTrait::save_hooked) did, with the
/// row as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome<M> {
    /// The primary key was not set: the row was inserted.
    Inserted(M),
    /// The primary key was set: the row was updated.
    Updated(M),
}

impl<M> SaveOutcome<M> {
    /// The stored row.
    pub fn model(&self) -> &M {
        match self {
            SaveOutcome::Inserted(model) | SaveOutcome::Updated(model) => model,
        }
    }

    /// The stored row, by value.
    pub fn into_model(self) -> M {
        match self {
            SaveOutcome::Inserted(model) | SaveOutcome::Updated(model) => model,
        }
    }

    /// Whether the row was inserted.
    pub fn was_inserted(&self) -> bool {
        matches!(self, SaveOutcome::Inserted(_))
    }
}

/// What [`delete_hooked`](HookedActiveModelTrait::delete_hooked) did.
///
/// A row that a `before_delete` hook kept is an outcome, not an error: what
/// the hooks wrote (a soft delete's mark) is committed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeleteOutcome<M> {
    /// The row was deleted; this is the row as it was stored.
    Deleted(M),
    /// A `before_delete` hook returned `Deletion::Keep`; the row is still there.
    Kept {
        /// The name of the hook fn that kept the row.
        by: &'static str,
    },
}

impl<M> DeleteOutcome<M> {
    /// The deleted row, if the row was deleted.
    pub fn deleted(&self) -> Option<&M> {
        match self {
            DeleteOutcome::Deleted(model) => Some(model),
            DeleteOutcome::Kept { .. } => None,
        }
    }

    /// The hook that kept the row, if one did.
    pub fn kept_by(&self) -> Option<&'static str> {
        match self {
            DeleteOutcome::Deleted(_) => None,
            DeleteOutcome::Kept { by } => Some(by),
        }
    }
}

/// The hooked operations on an `ActiveModel` of an entity that derives
/// `Hooked`: `am.insert_hooked(&db)` beside SeaORM's `am.insert(&db)`.
///
/// Each one is all-or-nothing (its own transaction on a connection, a
/// savepoint inside a transaction), reads the old row of an update in one
/// `SELECT ... FOR UPDATE` (only if a hook takes it), shares one
/// [`WriteState`] between all hooks of the write, and returns a
/// [`HookError`]: the hook's own error, or [`HookErrorKind::Db`](crate::HookErrorKind::Db)
/// for the database's.
///
/// `db` is any connection that can begin a transaction: a [`HookDb`](crate::HookDb)
/// (hooks then see its data) or its [`HookTransaction`](crate::HookTransaction),
/// or a bare `DatabaseConnection` / `DatabaseTransaction`.
///
/// ```
/// use hooks_orm::prelude::*;
/// use sea_orm::entity::prelude::*;
///
/// #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
/// #[sea_orm(table_name = "posts")]
/// pub struct Model {
///     #[sea_orm(primary_key)]
///     pub id: i32,
///     pub title: String,
/// }
///
/// #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
/// pub enum Relation {}
///
/// #[hooks]
/// impl Model {
///     #[before_delete]
///     fn keep_the_first(&self) -> HookResult<Deletion> {
///         Ok(if self.id == 1 { Deletion::Keep } else { Deletion::Proceed })
///     }
/// }
///
/// async fn demo(db: &HookDb) -> Result<(), HookError> {
///     let post = ActiveModel { title: Set("hello".into()), ..Default::default() }
///         .insert_hooked(db)
///         .await?;
///     match post.delete_hooked(db).await? {
///         DeleteOutcome::Deleted(row) => println!("deleted {}", row.id),
///         DeleteOutcome::Kept { by } => println!("kept by {by}"),
///     }
///     Ok(())
/// }
/// ```
pub trait HookedActiveModelTrait: ActiveModelTrait + Sized {
    /// Inserts the row: `before_save`, `before_create`, `INSERT`,
    /// `after_create`, `after_save`; returns the stored row.
    fn insert_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<ModelOf<Self>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait;

    /// Updates the row by its primary key: (the old row, if a hook takes it),
    /// `before_save`, `before_update`, `UPDATE`, `after_update`, `after_save`;
    /// returns the stored row. No such row: `DbErr::RecordNotUpdated`.
    fn update_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<ModelOf<Self>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait;

    /// Inserts if a primary key column is `NotSet`, updates otherwise (the
    /// rule of SeaORM's `save`), and says which.
    fn save_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<SaveOutcome<ModelOf<Self>>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait;

    /// Deletes the row with this primary key: reads it (`SELECT ... FOR
    /// UPDATE`), `before_delete`, `DELETE`, `after_delete`. No such row:
    /// `DbErr::RecordNotFound`, and no hook runs.
    fn delete_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<DeleteOutcome<ModelOf<Self>>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait;
}

impl<A, E, M> HookedActiveModelTrait for A
where
    A: ActiveModelTrait<Entity = E> + Send + Sync,
    E: EntityTrait<ActiveModel = A, Model = M>,
    M: ModelHooks<Entity = E> + FromQueryResult,
{
    fn insert_hooked<C>(self, db: &C) -> impl Future<Output = Result<M, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait,
    {
        insert::<M, C>(self, db)
    }

    fn update_hooked<C>(self, db: &C) -> impl Future<Output = Result<M, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait,
    {
        update::<M, C>(self, db)
    }

    fn save_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<SaveOutcome<M>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait,
    {
        save::<M, C>(self, db)
    }

    fn delete_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<DeleteOutcome<M>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait,
    {
        delete::<M, C>(self, db)
    }
}

/// The hooked delete on a `Model` of an entity that derives `Hooked`:
/// `model.delete_hooked(&db)` beside SeaORM's `model.delete(&db)`. See
/// [`HookedActiveModelTrait::delete_hooked`]; the hooks get the row as
/// stored, not the caller's copy.
pub trait HookedModelTrait: Sized {
    /// Deletes this row; see [`HookedActiveModelTrait::delete_hooked`].
    fn delete_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<DeleteOutcome<Self>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait;
}

impl<M> HookedModelTrait for M
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
{
    fn delete_hooked<C>(
        self,
        db: &C,
    ) -> impl Future<Output = Result<DeleteOutcome<M>, HookError>> + Send
    where
        C: ConnectionTrait + TransactionTrait,
    {
        delete::<M, C>(self.into_active_model(), db)
    }
}

/// Runs `write` in a transaction (a savepoint inside one) of `db`: commits
/// on `Ok`, rolls back on `Err`. A failed rollback is logged; the caller gets
/// the write's error, which is what went wrong first.
///
/// On a bare `DatabaseConnection` the operation's transaction is the
/// outermost one and its own, so it holds its writes' `after_commit` /
/// `after_rollback` hooks itself (`$queue`) and runs them at its end; on a
/// `HookDb` or `HookTransaction` the `HookTransaction` it begins does that.
macro_rules! atomically {
    ($db:expr, |$txn:ident, $queue:ident| $write:expr) => {{
        let outer = Caller::of($db);
        let $queue = CommitQueue::new();
        let $txn = $db.begin().await?;
        let result = $write.await;
        match result {
            Ok(value) => {
                let committed = TransactionSession::commit($txn).await;
                let db = outer.connection($db);
                commit::finish($queue.take(), committed.is_ok(), db).await;
                committed?;
                Ok(value)
            }
            Err(err) => {
                if let Err(rollback) = TransactionSession::rollback($txn).await {
                    tracing::error!(target: "hooks_orm", %rollback, "rolling back a failed hooked write");
                }
                commit::finish($queue.take(), false, outer.connection($db)).await;
                Err(err)
            }
        }
    }};
}
pub(crate) use atomically;

async fn insert<M, C>(am: ActiveModelOf<M>, db: &C) -> Result<M, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    let span = WriteSpan::hooked(entity_name::<M>(), WriteKind::Create);
    span.instrument(async {
        atomically!(db, |txn, queue| insert_in::<M, _>(
            am,
            &txn,
            Caller::of(db).scope,
            &queue,
            &span
        ))
    })
    .await
}

async fn update<M, C>(am: ActiveModelOf<M>, db: &C) -> Result<M, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    let span = WriteSpan::hooked(entity_name::<M>(), WriteKind::Update);
    span.instrument(async {
        atomically!(db, |txn, queue| update_in::<M, _>(
            am,
            &txn,
            Caller::of(db).scope,
            &queue,
            &span
        ))
    })
    .await
}

async fn save<M, C>(am: ActiveModelOf<M>, db: &C) -> Result<SaveOutcome<M>, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    let is_update =
        <M::Entity as EntityTrait>::PrimaryKey::iter().all(|key| !am.is_not_set(key.into_column()));
    if is_update {
        update::<M, C>(am, db).await.map(SaveOutcome::Updated)
    } else {
        insert::<M, C>(am, db).await.map(SaveOutcome::Inserted)
    }
}

async fn delete<M, C>(am: ActiveModelOf<M>, db: &C) -> Result<DeleteOutcome<M>, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    let span = WriteSpan::hooked(entity_name::<M>(), WriteKind::Delete);
    span.instrument(async {
        atomically!(db, |txn, queue| delete_in::<M, _>(
            am,
            &txn,
            Caller::of(db).scope,
            &queue,
            &span
        ))
    })
    .await
}

/// The caller of a hooked operation's write in its transaction `txn` (begun
/// on a connection whose commit scope is `outer`; `own` holds the commit hooks
/// of a transaction that is the operation's own), and whether the write runs
/// hooks. A skipping handle leaves its trace here; a write whose commit hooks
/// could not be honoured is refused here, before anything is written.
pub(crate) fn write_caller<'a, M: ModelHooks, X: ConnectionTrait>(
    txn: &'a X,
    outer: CommitScope<'a>,
    own: &'a CommitQueue,
    operation: &'static str,
) -> Result<(Caller<'a>, bool), HookError> {
    let caller = Caller::of(txn).in_own_transaction(outer, own);
    if let Some(reason) = caller.skip {
        skipped(reason, entity_name::<M>(), operation);
        return Ok((caller, false));
    }
    refuse_unseen::<M>(caller.scope)?;
    Ok((caller, true))
}

async fn insert_in<M, X>(
    mut am: ActiveModelOf<M>,
    txn: &X,
    outer: CommitScope<'_>,
    own: &CommitQueue,
    span: &WriteSpan,
) -> Result<M, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    let (caller, hooks) = write_caller::<M, X>(txn, outer, own, "insert")?;
    let state = WriteState::new();
    let cx = |event| context::<M>(caller.connection(txn), &state, event);
    if hooks {
        M::before_save(&mut am, &cx(HookEvent::BeforeSave)).await?;
        M::before_create(&mut am, &cx(HookEvent::BeforeCreate)).await?;
    }
    let model = M::Entity::insert(am).exec_with_returning(txn).await?;
    span.record_key(|| Some(row_key(&model)));
    if hooks {
        let after = async {
            M::after_create(&model, &cx(HookEvent::AfterCreate)).await?;
            M::after_save(&model, &cx(HookEvent::AfterSave)).await
        }
        .await;
        let conn = caller.connection(txn);
        written(caller.scope, conn, &model, WriteKind::Create, state).await;
        after?;
    }
    Ok(model)
}

async fn update_in<M, X>(
    mut am: ActiveModelOf<M>,
    txn: &X,
    outer: CommitScope<'_>,
    own: &CommitQueue,
    span: &WriteSpan,
) -> Result<M, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    span.record_key(|| active_key::<M>(&am));
    let (caller, hooks) = write_caller::<M, X>(txn, outer, own, "update")?;
    let state = WriteState::new();
    let cx = |event| context::<M>(caller.connection(txn), &state, event);
    let old = match M::OLD_ROW {
        OldRow::BeforeUpdate | OldRow::AfterUpdate if hooks => Some(
            load_row::<M, X>(&am, txn)
                .await?
                .ok_or(DbErr::RecordNotUpdated)?,
        ),
        _ => None,
    };
    if hooks {
        M::before_save(&mut am, &cx(HookEvent::BeforeSave)).await?;
        M::before_update(&mut am, old.as_ref(), &cx(HookEvent::BeforeUpdate)).await?;
    }
    let model = M::Entity::update(am).exec(txn).await?;
    if hooks {
        let after = async {
            M::after_update(&model, old.as_ref(), &cx(HookEvent::AfterUpdate)).await?;
            M::after_save(&model, &cx(HookEvent::AfterSave)).await
        }
        .await;
        let conn = caller.connection(txn);
        written(caller.scope, conn, &model, WriteKind::Update, state).await;
        after?;
    }
    Ok(model)
}

async fn delete_in<M, X>(
    am: ActiveModelOf<M>,
    txn: &X,
    outer: CommitScope<'_>,
    own: &CommitQueue,
    span: &WriteSpan,
) -> Result<DeleteOutcome<M>, HookError>
where
    M: ModelHooks,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    span.record_key(|| active_key::<M>(&am));
    let (caller, hooks) = write_caller::<M, X>(txn, outer, own, "delete")?;
    let state = WriteState::new();
    let cx = |event| context::<M>(caller.connection(txn), &state, event);
    let not_found = || {
        DbErr::RecordNotFound(format!(
            "no `{}` row with this primary key to delete",
            entity_name::<M>()
        ))
    };
    let row = load_row::<M, X>(&am, txn).await?.ok_or_else(not_found)?;
    if hooks {
        let decision = M::before_delete(&row, &cx(HookEvent::BeforeDelete)).await?;
        if let DeleteDecision::KeptBy(by) = decision {
            return Ok(DeleteOutcome::Kept { by });
        }
    }
    let deleted = M::Entity::delete(row.clone().into_active_model())
        .exec(txn)
        .await?;
    // The row is locked (SQLite: the database is) since it was read.
    if deleted.rows_affected == 0 {
        return Err(not_found().into());
    }
    if hooks {
        let after = M::after_delete(&row, &cx(HookEvent::AfterDelete)).await;
        let conn = caller.connection(txn);
        written(caller.scope, conn, &row, WriteKind::Delete, state).await;
        after?;
    }
    Ok(DeleteOutcome::Deleted(row))
}
