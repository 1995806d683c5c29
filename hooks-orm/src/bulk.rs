//! The hooked bulk operations: many rows, per-row hooks, bulk statements.
//!
//! SeaORM's `insert_many`, `update_many`, `delete_many` and `delete_by_id`
//! never call `ActiveModelBehavior`. These run every row's hooks, as the
//! single-row operations of [`ops`](crate::ops) do, and write the rows in a
//! number of statements that does not grow with the rows beyond chunking:
//!
//! - **insert**: the `before_*` hooks of every row, in order; one multi-row
//!   `INSERT ... RETURNING` per chunk; the `after_*` hooks of every row with
//!   its stored row (ids, defaults).
//! - **update**: one `SELECT ... FOR UPDATE` reads the old rows; the change
//!   and the `before_*` hooks are applied to each row; the rows are grouped
//!   by the set of columns they change, and each group is one `UPDATE` per
//!   chunk: a column every row of the chunk sets to the same value is a plain
//!   `SET col = value`; the columns whose values differ are joined from a
//!   list of the rows' keys and values ([`values`]: `UPDATE .. FROM (VALUES
//!   ..)`, on MySQL/MariaDB `UPDATE .. JOIN (SELECT .. UNION ALL ..)`); a
//!   chunk with none of those picks its rows by `key IN (..)`. The stored
//!   rows come back by `RETURNING` (a `SELECT` per chunk on MySQL/MariaDB,
//!   which have no `UPDATE ... RETURNING`).
//! - **delete**: one `SELECT ... FOR UPDATE`; the `before_delete` hooks of
//!   every row; one `DELETE ... WHERE key IN (..)` per chunk for the rows no
//!   hook kept; the `after_delete` hooks of every deleted row.
//!
//! Chunks keep rows × bound values under the backend's limit on bind
//! parameters ([`max_binds`]).
//!
//! Each runs in a transaction of its own (a savepoint inside the caller's):
//! a hook error at any row, or a database error, leaves nothing written, and
//! a hook's error names the row ([`HookError::row_key`]).
//!
//! `INSERT ... RETURNING` per backend: SeaORM uses it on PostgreSQL and on
//! SQLite (with its `sqlite-use-returning-for-3_35` feature). On MySQL and
//! MariaDB SeaORM never does, unless its `mariadb-use-returning` feature is
//! on, and its `insert_many(..).exec_with_returning(..)` then fails with
//! `BackendNotSupported`. MariaDB has had `INSERT ... RETURNING` since 10.5,
//! so there the library asks the server its version (one `SELECT VERSION()`
//! per bulk insert) and appends the `RETURNING` clause itself. MySQL proper
//! has none and no reliable way to map a multi-row insert to its ids, so
//! there each row is inserted on its own (SeaORM's `INSERT` + `SELECT`): the
//! hooks run as promised, the statement count grows with the rows.

use std::collections::HashMap;
use std::future::Future;

use hooks_core::dispatch::{ActiveModelOf, DeleteDecision, ModelHooks};
use hooks_core::{CommitQueue, CommitScope, HookError, HookEvent, WriteKind, WriteState};
use sea_orm::sea_query::{Expr, IntoCondition, Query, UpdateStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr,
    EntityTrait, FromQueryResult, Iden, Iterable, PrimaryKeyToColumn, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Statement, TransactionSession, TransactionTrait, Value,
};

use crate::behavior::{context, entity_name};
use crate::commit::{self, written};
use crate::db::Caller;
use crate::ops::{atomically, write_caller};
use hooks_core::trace::WriteSpan;

mod values;

/// The most bind parameters one statement may carry on `backend`: SQLite
/// 32766 (`SQLITE_MAX_VARIABLE_NUMBER` since 3.32), PostgreSQL and
/// MySQL/MariaDB 65535.
pub fn max_binds(backend: DbBackend) -> usize {
    match backend {
        DbBackend::Sqlite => 32_766,
        DbBackend::Postgres | DbBackend::MySql => 65_535,
        // A backend SeaORM adds later: SQLite's old default, safe everywhere.
        _ => 999,
    }
}

/// What [`delete_many_hooked`](HookedEntityTrait::delete_many_hooked) did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteManyOutcome<M> {
    /// The deleted rows, as they were stored, in primary key order of the read.
    pub deleted: Vec<M>,
    /// The rows a `before_delete` hook kept (`Deletion::Keep`), each with the
    /// name of the hook fn that kept it; they are still there.
    pub kept: Vec<(M, &'static str)>,
}

impl<M> DeleteManyOutcome<M> {
    /// How many rows were deleted.
    pub fn deleted_count(&self) -> usize {
        self.deleted.len()
    }

    /// How many rows hooks kept.
    pub fn kept_count(&self) -> usize {
        self.kept.len()
    }

    /// How many rows the hook fn `hook` kept.
    pub fn kept_by(&self, hook: &str) -> usize {
        self.kept.iter().filter(|(_, by)| *by == hook).count()
    }
}

/// The hooked bulk operations on an entity that derives `Hooked`:
/// `post::Entity::insert_many_hooked(rows, &db)` beside SeaORM's
/// `post::Entity::insert_many(rows)`, which runs no hook.
///
/// Each one runs every row's hooks in a transaction of its own (a savepoint
/// inside the caller's), in a number of statements that does not grow with
/// the rows beyond chunking, and returns a [`HookError`]: the first failing
/// hook's error, which names the row ([`HookError::row_key`]), or
/// [`HookErrorKind::Db`](crate::HookErrorKind::Db) for the database's. On
/// any error nothing is written. Caller data, skipping
/// ([`HookDb::skip_hooks`](crate::HookDb::skip_hooks)), `after_commit` and
/// the old row work as for the single-row operations; each row's hooks share
/// one [`WriteState`], as a single write's do.
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
///     pub published: bool,
/// }
///
/// #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
/// pub enum Relation {}
///
/// #[hooks]
/// impl Model {
///     #[before_delete]
///     fn keep_published(&self) -> HookResult<Deletion> {
///         Ok(if self.published { Deletion::Keep } else { Deletion::Proceed })
///     }
/// }
///
/// async fn demo(db: &HookDb) -> Result<(), HookError> {
///     let rows = ["a", "b"].map(|title| ActiveModel {
///         title: Set(title.into()),
///         published: Set(false),
///         ..Default::default()
///     });
///     let posts = Entity::insert_many_hooked(rows, db).await?;
///     assert_eq!(posts.len(), 2);
///     let change = ActiveModel { published: Set(true), ..Default::default() };
///     Entity::update_many_hooked(Column::Title.eq("a"), change, db).await?;
///     let outcome = Entity::delete_many_hooked(Column::Id.is_in([posts[0].id, posts[1].id]), db).await?;
///     assert_eq!((outcome.deleted_count(), outcome.kept_by("keep_published")), (1, 1));
///     Ok(())
/// }
/// ```
pub trait HookedEntityTrait: EntityTrait {
    /// Inserts the rows: `before_save` and `before_create` of each row, in
    /// order; one multi-row `INSERT` per chunk; `after_create` and
    /// `after_save` of each row with its stored row. Returns the stored rows
    /// in input order. The rows set the same columns (SeaORM's rule for
    /// `insert_many`). No rows: nothing is written and no hook runs.
    fn insert_many_hooked<C, I>(
        rows: I,
        db: &C,
    ) -> impl Future<Output = Result<Vec<Self::Model>, HookError>> + Send
    where
        I: IntoIterator<Item = Self::ActiveModel>,
        C: ConnectionTrait + TransactionTrait;

    /// Updates the rows that match `filter`: reads them (`SELECT ... FOR
    /// UPDATE`: the old rows), sets on each the columns that `change` sets,
    /// runs `before_save` and `before_update` of each row (each may alter its
    /// own row), writes the rows in as few `UPDATE`s as their changes allow,
    /// then runs `after_update` (with the old row) and `after_save`. Returns
    /// the stored rows, in the order read. A change or hook that alters a
    /// primary key is an error, and so is a row that the database does not
    /// write after all (a trigger that ignores its update): SeaORM's
    /// `DbErr::RecordNotUpdated`, as for a single row.
    fn update_many_hooked<C, F>(
        filter: F,
        change: Self::ActiveModel,
        db: &C,
    ) -> impl Future<Output = Result<Vec<Self::Model>, HookError>> + Send
    where
        F: IntoCondition,
        C: ConnectionTrait + TransactionTrait;

    /// Deletes the rows that match `filter`: reads them (`SELECT ... FOR
    /// UPDATE`), runs `before_delete` of each row, deletes the rows that no
    /// hook kept in one `DELETE` per chunk, then runs `after_delete` of each
    /// deleted row. Says which rows were deleted and which were kept, by
    /// which hook.
    fn delete_many_hooked<C, F>(
        filter: F,
        db: &C,
    ) -> impl Future<Output = Result<DeleteManyOutcome<Self::Model>, HookError>> + Send
    where
        F: IntoCondition,
        C: ConnectionTrait + TransactionTrait;
}

impl<E, M> HookedEntityTrait for E
where
    E: EntityTrait<Model = M>,
    M: ModelHooks<Entity = E> + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
{
    fn insert_many_hooked<C, I>(
        rows: I,
        db: &C,
    ) -> impl Future<Output = Result<Vec<M>, HookError>> + Send
    where
        I: IntoIterator<Item = E::ActiveModel>,
        C: ConnectionTrait + TransactionTrait,
    {
        insert_many::<M, C>(rows.into_iter().collect(), db)
    }

    fn update_many_hooked<C, F>(
        filter: F,
        change: E::ActiveModel,
        db: &C,
    ) -> impl Future<Output = Result<Vec<M>, HookError>> + Send
    where
        F: IntoCondition,
        C: ConnectionTrait + TransactionTrait,
    {
        update_many::<M, C>(filter.into_condition(), change, db)
    }

    fn delete_many_hooked<C, F>(
        filter: F,
        db: &C,
    ) -> impl Future<Output = Result<DeleteManyOutcome<M>, HookError>> + Send
    where
        F: IntoCondition,
        C: ConnectionTrait + TransactionTrait,
    {
        delete_many::<M, C>(filter.into_condition(), db)
    }
}

async fn insert_many<M, C>(rows: Vec<ActiveModelOf<M>>, db: &C) -> Result<Vec<M>, HookError>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let span = WriteSpan::bulk(entity_name::<M>(), WriteKind::Create);
    span.record_rows(rows.len());
    span.instrument(async {
        atomically!(db, |txn, queue| insert_many_in::<M, _>(
            rows,
            &txn,
            Caller::of(db).scope,
            &queue
        ))
    })
    .await
}

async fn update_many<M, C>(
    filter: Condition,
    change: ActiveModelOf<M>,
    db: &C,
) -> Result<Vec<M>, HookError>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    let span = WriteSpan::bulk(entity_name::<M>(), WriteKind::Update);
    span.instrument(async {
        atomically!(db, |txn, queue| update_many_in::<M, _>(
            filter,
            change,
            &txn,
            Caller::of(db).scope,
            &queue,
            &span
        ))
    })
    .await
}

async fn delete_many<M, C>(filter: Condition, db: &C) -> Result<DeleteManyOutcome<M>, HookError>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    C: ConnectionTrait + TransactionTrait,
{
    let span = WriteSpan::bulk(entity_name::<M>(), WriteKind::Delete);
    span.instrument(async {
        atomically!(db, |txn, queue| delete_many_in::<M, _>(
            filter,
            &txn,
            Caller::of(db).scope,
            &queue,
            &span
        ))
    })
    .await
}

/// The primary key columns of `M`'s entity.
fn key_columns<M: ModelHooks>() -> Vec<<M::Entity as EntityTrait>::Column> {
    <M::Entity as EntityTrait>::PrimaryKey::iter()
        .map(|key| key.into_column())
        .collect()
}

/// The row key a bulk error names: `id=5`, or `a=1, b=2`.
fn row_key<M: ModelHooks>(row: &M) -> String {
    let mut key = String::new();
    for column in key_columns::<M>() {
        if !key.is_empty() {
            key.push_str(", ");
        }
        key.push_str(&format!("{}={}", column.to_string(), row.get(column)));
    }
    key
}

/// The row key of a row to insert: its key if it has one, else `#index`.
fn new_row_key<M: ModelHooks>(am: &ActiveModelOf<M>, index: usize) -> String {
    let mut key = String::new();
    for column in key_columns::<M>() {
        match am.get(column) {
            ActiveValue::Set(value) | ActiveValue::Unchanged(value) => {
                if !key.is_empty() {
                    key.push_str(", ");
                }
                key.push_str(&format!("{}={value}", column.to_string()));
            }
            ActiveValue::NotSet => return format!("#{index}"),
        }
    }
    key
}

/// The rows whose primary key is one of `rows`' keys: `key IN (..)`, or
/// `(a, b) IN ((..), ..)` for a composite key. One flat list either way: an
/// `OR` of the keys nests one level per row, and building its SQL overflows
/// the stack at a few thousand rows.
fn keys_condition<'r, M: ModelHooks + 'r>(rows: impl IntoIterator<Item = &'r M>) -> Condition {
    use sea_orm::sea_query::ExprTrait;
    let columns = key_columns::<M>();
    if let [column] = columns[..] {
        return Condition::all().add(column.is_in(rows.into_iter().map(|row| row.get(column))));
    }
    let key = |row: &M| {
        let values = columns.iter().map(|&c| c.save_as(Expr::val(row.get(c))));
        Expr::tuple(values)
    };
    let columns_expr = Expr::tuple(columns.iter().map(|&c| c.into_expr()));
    Condition::all().add(columns_expr.is_in(rows.into_iter().map(key)))
}

/// The rows that match `filter`, in primary key order, locked for the rest
/// of the transaction where the backend has row locks (SQLite locks the
/// whole database for a write transaction). Writers that lock overlapping
/// rows take the locks in the same order, so they wait for each other
/// rather than deadlock.
async fn locked<M, X>(filter: Condition, txn: &X) -> Result<Vec<M>, DbErr>
where
    M: ModelHooks + FromQueryResult,
    X: ConnectionTrait,
{
    let mut select = M::Entity::find().filter(filter);
    for column in key_columns::<M>() {
        select = select.order_by_asc(column);
    }
    select.lock_exclusive().all(txn).await
}

/// The rows per statement when each row carries `per_row` bound values.
fn chunk_rows(backend: DbBackend, per_row: usize, fixed: usize) -> usize {
    (max_binds(backend).saturating_sub(fixed) / per_row.max(1)).max(1)
}

/// How a bulk insert gets its rows back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Returning {
    /// SeaORM's `exec_with_returning`: PostgreSQL, SQLite.
    SeaOrm,
    /// MariaDB 10.5+: `RETURNING` appended to SeaORM's MySQL statement.
    MariaDb,
    /// MySQL: one insert per row.
    None,
}

async fn insert_returning<X: ConnectionTrait>(txn: &X) -> Result<Returning, DbErr> {
    if txn.support_returning() {
        return Ok(Returning::SeaOrm);
    }
    if txn.get_database_backend() != DbBackend::MySql {
        return Ok(Returning::None);
    }
    let version = Statement::from_string(DbBackend::MySql, "SELECT VERSION()");
    let version: String = match txn.query_one_raw(version).await? {
        Some(row) => row.try_get_by_index(0)?,
        None => return Ok(Returning::None),
    };
    Ok(if mariadb_returns(&version) {
        Returning::MariaDb
    } else {
        Returning::None
    })
}

/// Whether a server of this `VERSION()` is MariaDB 10.5 or later.
fn mariadb_returns(version: &str) -> bool {
    if !version.contains("MariaDB") {
        return false;
    }
    // Older servers prefix `5.5.5-` for the replication protocol.
    let version = version.strip_prefix("5.5.5-").unwrap_or(version);
    let mut parts = version
        .split(['.', '-'])
        .map(|part| part.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (10, 5)
}

async fn insert_rows<M, X>(rows: Vec<ActiveModelOf<M>>, txn: &X) -> Result<Vec<M>, DbErr>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    let backend = txn.get_database_backend();
    let returning = insert_returning(txn).await?;
    let per_chunk = chunk_rows(
        backend,
        <M::Entity as EntityTrait>::Column::iter().count(),
        0,
    );
    let mut models = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(per_chunk).collect();
        let expected = chunk.len();
        let stored = match returning {
            Returning::SeaOrm => {
                M::Entity::insert_many(chunk)
                    .exec_with_returning(txn)
                    .await?
            }
            Returning::MariaDb => {
                let mut statement = backend.build(&M::Entity::insert_many(chunk).into_query());
                let columns: Vec<String> = <M::Entity as EntityTrait>::Column::iter()
                    .map(|column| format!("`{}`", column.to_string().replace('`', "``")))
                    .collect();
                statement.sql.push_str(" RETURNING ");
                statement.sql.push_str(&columns.join(", "));
                M::find_by_statement(statement).all(txn).await?
            }
            Returning::None => {
                let mut stored = Vec::with_capacity(expected);
                for row in chunk {
                    stored.push(M::Entity::insert(row).exec_with_returning(txn).await?);
                }
                stored
            }
        };
        if stored.len() != expected {
            return Err(DbErr::Custom(format!(
                "hooks_orm: a bulk insert of {expected} `{}` rows returned {}",
                entity_name::<M>(),
                stored.len()
            )));
        }
        models.extend(stored);
    }
    Ok(models)
}

async fn insert_many_in<M, X>(
    mut rows: Vec<ActiveModelOf<M>>,
    txn: &X,
    outer: CommitScope<'_>,
    own: &CommitQueue,
) -> Result<Vec<M>, HookError>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    let (caller, hooks) = write_caller::<M, X>(txn, outer, own, "insert_many")?;
    let conn = caller.connection(txn);
    let states: Vec<WriteState> = rows.iter().map(|_| WriteState::new()).collect();
    if hooks {
        for (index, (am, state)) in rows.iter_mut().zip(&states).enumerate() {
            let cx = |event| context::<M>(conn, state, event);
            let before = async {
                M::before_save(am, &cx(HookEvent::BeforeSave)).await?;
                M::before_create(am, &cx(HookEvent::BeforeCreate)).await
            }
            .await;
            before.map_err(|err| err.at_row(new_row_key::<M>(am, index)))?;
        }
    }
    let models = insert_rows::<M, X>(rows, txn).await?;
    if hooks {
        let mut failed = None;
        for (model, state) in models.iter().zip(states) {
            if failed.is_none() {
                let cx = |event| context::<M>(conn, &state, event);
                let after = async {
                    M::after_create(model, &cx(HookEvent::AfterCreate)).await?;
                    M::after_save(model, &cx(HookEvent::AfterSave)).await
                }
                .await;
                failed = after.err().map(|err| err.at_row(row_key(model)));
            }
            // Every row is written: each one's commit hooks are queued.
            written(caller.scope, conn, model, WriteKind::Create, state).await;
        }
        if let Some(err) = failed {
            return Err(err);
        }
    }
    Ok(models)
}

/// The columns that `change` sets, with their values.
fn set_columns<M: ModelHooks>(
    change: &ActiveModelOf<M>,
) -> Vec<(<M::Entity as EntityTrait>::Column, Value)> {
    <M::Entity as EntityTrait>::Column::iter()
        .filter_map(|column| match change.get(column) {
            ActiveValue::Set(value) => Some((column, value)),
            _ => None,
        })
        .collect()
}

/// The columns (by position) and values that `am` sets, taken out of it, or
/// an error if it sets a primary key column (`keys`, by position) to another
/// value than `old`'s.
fn changes<M: ModelHooks>(
    mut am: ActiveModelOf<M>,
    old: &M,
    keys: &[usize],
) -> Result<Changes, DbErr> {
    let mut changes = Changes::default();
    for (position, column) in <M::Entity as EntityTrait>::Column::iter().enumerate() {
        let ActiveValue::Set(value) = am.take(column) else {
            continue;
        };
        if keys.contains(&position) {
            if value != old.get(column) {
                return Err(DbErr::Custom(format!(
                    "hooks_orm: update_many_hooked cannot change the primary key `{}` of `{}` \
                     (row {})",
                    column.to_string(),
                    entity_name::<M>(),
                    row_key(old)
                )));
            }
            continue;
        }
        changes.columns.push(position);
        changes.values.push(value);
    }
    Ok(changes)
}

/// The positions of `M`'s primary key columns among its columns.
fn key_positions<M: ModelHooks>() -> Vec<usize> {
    let keys: Vec<String> = key_columns::<M>().iter().map(Iden::to_string).collect();
    <M::Entity as EntityTrait>::Column::iter()
        .enumerate()
        .filter(|(_, column)| keys.contains(&column.to_string()))
        .map(|(position, _)| position)
        .collect()
}

/// What one row's update sets.
#[derive(Default)]
struct Changes {
    columns: Vec<usize>,
    values: Vec<Value>,
}

async fn update_many_in<M, X>(
    filter: Condition,
    change: ActiveModelOf<M>,
    txn: &X,
    outer: CommitScope<'_>,
    own: &CommitQueue,
    span: &WriteSpan,
) -> Result<Vec<M>, HookError>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    let (caller, hooks) = write_caller::<M, X>(txn, outer, own, "update_many")?;
    let conn = caller.connection(txn);
    let old: Vec<M> = locked::<M, X>(filter, txn).await?;
    span.record_rows(old.len());
    let states: Vec<WriteState> = old.iter().map(|_| WriteState::new()).collect();
    let keys = key_positions::<M>();
    let change = set_columns::<M>(&change);
    let mut rows = Vec::with_capacity(old.len());
    for (old, state) in old.iter().zip(&states) {
        let mut am = old.clone().into_active_model();
        for (column, value) in &change {
            am.set(*column, value.clone());
        }
        if hooks {
            let cx = |event| context::<M>(conn, state, event);
            let before = async {
                M::before_save(&mut am, &cx(HookEvent::BeforeSave)).await?;
                M::before_update(&mut am, Some(old), &cx(HookEvent::BeforeUpdate)).await
            }
            .await;
            before.map_err(|err| err.at_row(row_key(old)))?;
        }
        rows.push(changes::<M>(am, old, &keys)?);
    }
    let new = update_rows::<M, X>(&old, rows, txn).await?;
    if hooks {
        let mut failed = None;
        for ((model, old), state) in new.iter().zip(&old).zip(states) {
            if failed.is_none() {
                let cx = |event| context::<M>(conn, &state, event);
                let after = async {
                    M::after_update(model, Some(old), &cx(HookEvent::AfterUpdate)).await?;
                    M::after_save(model, &cx(HookEvent::AfterSave)).await
                }
                .await;
                failed = after.err().map(|err| err.at_row(row_key(model)));
            }
            written(caller.scope, conn, model, WriteKind::Update, state).await;
        }
        if let Some(err) = failed {
            return Err(err);
        }
    }
    Ok(new)
}

/// Writes each row's changes, grouped by the columns they set; returns the
/// stored rows in the order of `old`.
async fn update_rows<M, X>(old: &[M], rows: Vec<Changes>, txn: &X) -> Result<Vec<M>, DbErr>
where
    M: ModelHooks + FromQueryResult,
    X: ConnectionTrait,
{
    let backend = txn.get_database_backend();
    let keys = key_columns::<M>();
    // Rows that set the same columns, in order of first appearance.
    let mut groups: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for (row, changes) in rows.iter().enumerate() {
        match groups.iter_mut().find(|(set, _)| *set == changes.columns) {
            Some((_, members)) => members.push(row),
            None => groups.push((changes.columns.clone(), vec![row])),
        }
    }
    // Each row's place in `old`, by its key, made when the stored rows come
    // back in another order than the chunk's (`RETURNING` promises none).
    let mut place: Option<HashMap<Vec<Value>, usize>> = None;
    let mut stored: Vec<Option<M>> = old.iter().map(|_| None).collect();
    for (set, members) in groups {
        if set.is_empty() {
            continue;
        }
        // Per row, its key and its value of each column whose values differ
        // (in the joined rows, or the key alone in `IN (..)`); per statement,
        // one value of each column whose values are the same for all.
        let differ = (0..set.len())
            .filter(|&slot| !same(&rows, &members, slot))
            .count();
        let per_chunk = chunk_rows(backend, keys.len() + differ, set.len() - differ);
        for chunk in members.chunks(per_chunk) {
            let mut update = chunk_update(old, &rows, chunk, &set, backend);
            let written = if txn.support_returning() {
                // Qualified: the joined rows' columns are in scope too.
                let columns = <M::Entity as EntityTrait>::Column::iter();
                update.returning(
                    Query::returning().exprs(columns.map(|c| c.select_as(c.into_expr()))),
                );
                M::find_by_statement(backend.build(&update))
                    .all(txn)
                    .await?
            } else {
                txn.execute(&update).await?;
                M::Entity::find()
                    .filter(keys_condition(chunk.iter().map(|&row| &old[row])))
                    .all(txn)
                    .await?
            };
            for (n, model) in written.into_iter().enumerate() {
                let at = match chunk.get(n) {
                    Some(&row) if same_key(&model, &old[row], &keys) => Some(row),
                    _ => place
                        .get_or_insert_with(|| places(old, &keys))
                        .get(&key_values(&model, &keys))
                        .copied(),
                };
                if let Some(row) = at {
                    stored[row] = Some(model);
                }
            }
            // The rows are locked, so each is written, unless something
            // beneath the statement skipped it (a trigger that ignores the
            // update); SeaORM's single-row update says so with this error,
            // and the row's `after_*` hooks must not run as if it were written.
            if chunk.iter().any(|&row| stored[row].is_none()) {
                return Err(DbErr::RecordNotUpdated);
            }
        }
    }
    // A row that sets nothing is not written: it stays as it was.
    let stored = old.iter().zip(stored);
    Ok(stored
        .map(|(old, new)| new.unwrap_or_else(|| old.clone()))
        .collect())
}

/// Each of `rows`' place, by its key.
fn places<M: ModelHooks>(
    rows: &[M],
    keys: &[<M::Entity as EntityTrait>::Column],
) -> HashMap<Vec<Value>, usize> {
    let place = |(n, row)| (key_values(row, keys), n);
    rows.iter().enumerate().map(place).collect()
}

/// Whether `a` and `b` have the same primary key (`keys`).
fn same_key<M: ModelHooks>(a: &M, b: &M, keys: &[<M::Entity as EntityTrait>::Column]) -> bool {
    keys.iter().all(|&key| a.get(key) == b.get(key))
}

/// The values of `row`'s primary key `columns`.
fn key_values<M: ModelHooks>(
    row: &M,
    columns: &[<M::Entity as EntityTrait>::Column],
) -> Vec<Value> {
    columns.iter().map(|&column| row.get(column)).collect()
}

/// The `UPDATE` of `chunk`'s rows, which all set the columns `set`: a column
/// that every row sets to one value is `SET col = value`; the others are
/// `SET col = joined.columnN` from the rows' keys and values, joined on the
/// key ([`values`]). With no such column the rows are picked by
/// `key IN (..)`.
fn chunk_update<M: ModelHooks>(
    old: &[M],
    rows: &[Changes],
    chunk: &[usize],
    set: &[usize],
    backend: DbBackend,
) -> UpdateStatement {
    let columns: Vec<_> = <M::Entity as EntityTrait>::Column::iter().collect();
    let keys = key_columns::<M>();
    let mut update = M::Entity::update_many();
    // The columns whose values differ, with their slot in `Changes::values`.
    let mut joined = Vec::new();
    for (slot, &position) in set.iter().enumerate() {
        let column = columns[position];
        let expr = if same(rows, chunk, slot) {
            Expr::val(rows[chunk[0]].values[slot].clone())
        } else {
            joined.push((column, slot));
            values::column(keys.len() + joined.len() - 1)
        };
        // `CAST(.. AS enum)` for an enum column on PostgreSQL.
        update = update.col_expr(column, column.save_as(expr));
    }
    if joined.is_empty() {
        let update = update.filter(keys_condition(chunk.iter().map(|&row| &old[row])));
        return update.into_query();
    }
    let table = chunk
        .iter()
        .map(|&row| {
            let key = keys.iter().map(|&key| bound(key, old[row].get(key)));
            let changed = joined
                .iter()
                .map(|&(column, slot)| bound(column, rows[row].values[slot].clone()));
            key.chain(changed).collect()
        })
        .collect();
    let mut update = update.filter(values::on(&keys)).into_query();
    update.from(values::table(backend, table));
    update
}

/// `value` as `column` stores it, where SeaORM changes the value itself
/// (a list of JSON values for a JSON column becomes one JSON array); a cast
/// (an enum's) is left to the joined column.
fn bound<C: ColumnTrait>(column: C, value: Value) -> Value {
    match column.save_as(Expr::val(value.clone())) {
        Expr::Value(stored) => stored,
        _ => value,
    }
}

/// Whether every row of `members` sets the column in `slot` to one value.
fn same(rows: &[Changes], members: &[usize], slot: usize) -> bool {
    let first = &rows[members[0]].values[slot];
    members.iter().all(|&row| rows[row].values[slot] == *first)
}

async fn delete_many_in<M, X>(
    filter: Condition,
    txn: &X,
    outer: CommitScope<'_>,
    own: &CommitQueue,
    span: &WriteSpan,
) -> Result<DeleteManyOutcome<M>, HookError>
where
    M: ModelHooks + FromQueryResult,
    ActiveModelOf<M>: Send + Sync,
    X: ConnectionTrait,
{
    let (caller, hooks) = write_caller::<M, X>(txn, outer, own, "delete_many")?;
    let conn = caller.connection(txn);
    let rows: Vec<M> = locked::<M, X>(filter, txn).await?;
    span.record_rows(rows.len());
    let mut doomed = Vec::with_capacity(rows.len());
    let mut kept = Vec::new();
    for row in rows {
        let state = WriteState::new();
        if hooks {
            let cx = context::<M>(conn, &state, HookEvent::BeforeDelete);
            let decision = M::before_delete(&row, &cx)
                .await
                .map_err(|err| err.at_row(row_key(&row)))?;
            if let DeleteDecision::KeptBy(by) = decision {
                kept.push((row, by));
                continue;
            }
        }
        doomed.push((row, state));
    }
    let backend = txn.get_database_backend();
    for chunk in doomed.chunks(chunk_rows(backend, key_columns::<M>().len(), 0)) {
        let deleted = M::Entity::delete_many()
            .filter(keys_condition(chunk.iter().map(|(row, _)| row)))
            .exec(txn)
            .await?;
        // The rows are locked (SQLite: the database is) since they were read.
        if deleted.rows_affected != chunk.len() as u64 {
            return Err(DbErr::RecordNotFound(format!(
                "hooks_orm: {} of {} `{}` rows to delete were gone",
                chunk.len() as u64 - deleted.rows_affected.min(chunk.len() as u64),
                chunk.len(),
                entity_name::<M>()
            ))
            .into());
        }
    }
    let mut deleted = Vec::with_capacity(doomed.len());
    let mut failed = None;
    for (row, state) in doomed {
        if hooks {
            if failed.is_none() {
                let cx = context::<M>(conn, &state, HookEvent::AfterDelete);
                failed = M::after_delete(&row, &cx)
                    .await
                    .err()
                    .map(|err| err.at_row(row_key(&row)));
            }
            written(caller.scope, conn, &row, WriteKind::Delete, state).await;
        }
        deleted.push(row);
    }
    if let Some(err) = failed {
        return Err(err);
    }
    Ok(DeleteManyOutcome { deleted, kept })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mariadb_from_10_5_returns() {
        assert!(mariadb_returns("10.11.6-MariaDB-0+deb12u1"));
        assert!(mariadb_returns("11.4.2-MariaDB"));
        assert!(mariadb_returns("5.5.5-10.5.1-MariaDB"));
        assert!(!mariadb_returns("10.4.30-MariaDB"));
        assert!(!mariadb_returns("8.0.36"));
    }

    #[test]
    fn chunks_stay_under_the_limit() {
        assert_eq!(chunk_rows(DbBackend::Postgres, 2, 0), 32_767);
        assert_eq!(chunk_rows(DbBackend::Sqlite, 3, 0), 10_922);
        assert_eq!(chunk_rows(DbBackend::MySql, 0, 0), 65_535);
    }
}
