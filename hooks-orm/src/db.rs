//! [`HookDb`] and [`HookTransaction`]: a SeaORM connection plus the caller's
//! data, and the one place that recognises them behind SeaORM's generic `C`.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use hooks_core::{CallerData, CommitQueue, CommitScope, HookConnection, Queued};

use crate::commit;
use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    ExecResult, IsolationLevel, QueryResult, Statement, TransactionError, TransactionOptions,
    TransactionSession, TransactionTrait,
};

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A SeaORM [`DatabaseConnection`] plus typed caller data that hooks read.
///
/// It implements [`ConnectionTrait`] and [`TransactionTrait`], so every SeaORM
/// API takes it. A write through it, by SeaORM's own API (`am.insert(&db)`,
/// `am.update(&db)`, `am.delete(&db)`, `model.delete(&db)`) or by the hooked
/// operations (`am.insert_hooked(&db)`, ...), hands its hooks the values
/// attached with [`with`](Self::with): `cx.get::<Actor>()`. Its transactions
/// ([`HookTransaction`]) carry the same values.
///
/// Cloning it is cheap: the pool and the values are shared, not copied.
///
/// ```
/// use hooks_orm::HookDb;
/// # async fn demo(conn: sea_orm::DatabaseConnection) {
/// #[derive(Debug, PartialEq)]
/// struct Actor(u32);
///
/// let db = HookDb::new(conn);
/// let as_alice = db.with(Actor(1));
/// assert_eq!(as_alice.get::<Actor>(), Some(&Actor(1)));
/// assert_eq!(db.get::<Actor>(), None);
/// # }
/// ```
#[derive(Clone)]
pub struct HookDb {
    conn: DatabaseConnection,
    data: CallerData,
    skip: Option<Skip>,
}

/// A transaction of a [`HookDb`], with the same caller data (and, for a
/// [`HookDb::skip_hooks`] handle, the same reason to skip hooks).
///
/// Its `begin` opens a savepoint. Dropping it without
/// [`commit`](Self::commit) rolls it back, as SeaORM's `DatabaseTransaction` does.
pub struct HookTransaction {
    txn: DatabaseTransaction,
    data: CallerData,
    skip: Option<Skip>,
    /// The pool the transaction came from: `after_commit` hooks run on it.
    conn: DatabaseConnection,
    queue: Queue,
}

/// The writes of a transaction whose `after_commit` / `after_rollback` hooks
/// wait for its end, and, for a savepoint, the queue it joins on release.
struct Queue {
    own: Arc<CommitQueue>,
    parent: Option<Arc<CommitQueue>>,
}

impl Queue {
    /// At the end of the transaction: a savepoint hands its writes to the
    /// enclosing transaction (marked rolled back unless it `committed`); the
    /// outermost one runs their `after_commit` or `after_rollback` hooks now,
    /// on the pool.
    async fn end(
        &self,
        writes: Vec<Queued>,
        committed: bool,
        conn: &DatabaseConnection,
        data: &CallerData,
    ) {
        match &self.parent {
            Some(parent) => parent.append(writes, !committed),
            None => {
                let db = HookConnection::new(conn, data, CommitScope::Autocommit);
                commit::finish(writes, committed, db).await;
            }
        }
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        // `commit` and `rollback` take the writes first: anything left means
        // the transaction was dropped, which SeaORM rolls back on its own.
        let left = self.own.take();
        if !left.is_empty() {
            tracing::warn!(
                target: "hooks_orm::after_rollback",
                writes = left.len(),
                "a HookTransaction was dropped without commit or rollback: SeaORM rolls it \
                 back, and the after_rollback hooks of its {} write(s) do not run",
                left.len()
            );
        }
    }
}

/// Why a handle writes without hooks.
#[derive(Clone)]
struct Skip(Arc<str>);

impl HookDb {
    /// Wraps `conn`, with no caller data.
    pub fn new(conn: DatabaseConnection) -> Self {
        Self {
            conn,
            data: CallerData::new(),
            skip: None,
        }
    }

    /// A handle on the same connection whose writes also carry `value`; hooks
    /// read it with `cx.get::<T>()`. Values of different types stack; a value
    /// of a type already attached shadows the older one.
    ///
    /// It costs one small allocation: the values already attached are shared.
    pub fn with<T: Any + Send + Sync>(&self, value: T) -> Self {
        Self {
            conn: self.conn.clone(),
            data: self.data.with(value),
            skip: self.skip.clone(),
        }
    }

    /// The newest attached value of type `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.data.get::<T>()
    }

    /// A handle whose writes run no hooks, for backfills and data fixes.
    ///
    /// Each write through it (SeaORM's API or the hooked operations, on it or
    /// on its transactions) emits one `tracing` event at `WARN`, target
    /// `hooks_orm::skip`, with the `reason`, the entity and the operation, so
    /// a skip always leaves a trace. No other handle skips hooks.
    ///
    /// ```
    /// use hooks_orm::HookDb;
    /// # async fn demo(db: HookDb) {
    /// let backfill = db.skip_hooks("backfill of legacy rows, ticket OPS-12");
    /// assert_eq!(backfill.skip_reason(), Some("backfill of legacy rows, ticket OPS-12"));
    /// assert_eq!(db.skip_reason(), None);
    /// # }
    /// ```
    pub fn skip_hooks(&self, reason: impl Into<String>) -> Self {
        Self {
            conn: self.conn.clone(),
            data: self.data.clone(),
            skip: Some(Skip(Arc::from(reason.into()))),
        }
    }

    /// Why this handle skips hooks; `None` when it runs them.
    pub fn skip_reason(&self) -> Option<&str> {
        self.skip.as_ref().map(|skip| &*skip.0)
    }

    /// The caller data this handle carries.
    pub fn data(&self) -> &CallerData {
        &self.data
    }

    /// The wrapped connection.
    pub fn connection(&self) -> &DatabaseConnection {
        &self.conn
    }

    fn wrap(&self, txn: DatabaseTransaction) -> HookTransaction {
        HookTransaction {
            txn,
            data: self.data.clone(),
            skip: self.skip.clone(),
            conn: self.conn.clone(),
            queue: Queue {
                own: Arc::default(),
                parent: None,
            },
        }
    }
}

impl HookTransaction {
    /// The newest attached value of type `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.data.get::<T>()
    }

    /// Why this transaction skips hooks; `None` when it runs them.
    pub fn skip_reason(&self) -> Option<&str> {
        self.skip.as_ref().map(|skip| &*skip.0)
    }

    /// The caller data this transaction carries.
    pub fn data(&self) -> &CallerData {
        &self.data
    }

    /// Commits the transaction (a savepoint: releases it).
    ///
    /// When the outermost transaction commits, the `after_commit` hooks of
    /// its writes run, in write order, on the pool (`cx.db()` is no longer
    /// the transaction); if the `COMMIT` fails, their `after_rollback` hooks
    /// run instead. A released savepoint hands its writes to the enclosing
    /// transaction. An error of these hooks is logged (target
    /// `hooks_orm::after_commit`) and does not change this result: `Ok` means
    /// the write committed.
    pub async fn commit(self) -> Result<(), DbErr> {
        let writes = self.queue.own.take();
        let result = self.txn.commit().await;
        self.queue
            .end(writes, result.is_ok(), &self.conn, &self.data)
            .await;
        result
    }

    /// Rolls the transaction back (a savepoint: rolls back to it). The
    /// `after_rollback` hooks of the writes made in it run on the pool once
    /// the outermost transaction has ended: now for the outermost one, at
    /// its end for a savepoint (whose `after_commit` hooks are dropped).
    pub async fn rollback(self) -> Result<(), DbErr> {
        let writes = self.queue.own.take();
        let result = self.txn.rollback().await;
        self.queue.end(writes, false, &self.conn, &self.data).await;
        result
    }

    fn wrap(&self, txn: DatabaseTransaction) -> HookTransaction {
        HookTransaction {
            txn,
            data: self.data.clone(),
            skip: self.skip.clone(),
            conn: self.conn.clone(),
            queue: Queue {
                own: Arc::default(),
                parent: Some(self.queue.own.clone()),
            },
        }
    }

    /// Runs `callback` in this transaction, then commits it on `Ok` and rolls
    /// it back on `Err` (SeaORM's `transaction` contract).
    async fn run<F, T, E>(self, callback: F) -> Result<T, TransactionError<E>>
    where
        F: for<'c> FnOnce(&'c HookTransaction) -> BoxFuture<'c, Result<T, E>> + Send,
        T: Send,
        E: fmt::Display + fmt::Debug + Send,
    {
        let result = callback(&self).await.map_err(TransactionError::Transaction);
        if result.is_ok() {
            self.commit().await.map_err(TransactionError::Connection)?;
        } else {
            self.rollback()
                .await
                .map_err(TransactionError::Connection)?;
        }
        result
    }
}

impl fmt::Debug for HookDb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookDb")
            .field("backend", &self.conn.get_database_backend())
            .field("data", &self.data)
            .field("skip_hooks", &self.skip_reason())
            .finish()
    }
}

impl fmt::Debug for HookTransaction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookTransaction")
            .field("backend", &self.txn.get_database_backend())
            .field("data", &self.data)
            .field("skip_hooks", &self.skip_reason())
            .finish()
    }
}

/// `ConnectionTrait` by forwarding, written out the way `async_trait`
/// desugars it so each call hands back the inner connection's own future.
macro_rules! forward_connection {
    ($ty:ty, $field:ident) => {
        impl ConnectionTrait for $ty {
            fn get_database_backend(&self) -> DbBackend {
                self.$field.get_database_backend()
            }

            fn execute_raw<'s, 'f>(
                &'s self,
                stmt: Statement,
            ) -> BoxFuture<'f, Result<ExecResult, DbErr>>
            where
                's: 'f,
                Self: 'f,
            {
                self.$field.execute_raw(stmt)
            }

            fn execute_unprepared<'s, 'q, 'f>(
                &'s self,
                sql: &'q str,
            ) -> BoxFuture<'f, Result<ExecResult, DbErr>>
            where
                's: 'f,
                'q: 'f,
                Self: 'f,
            {
                self.$field.execute_unprepared(sql)
            }

            fn query_one_raw<'s, 'f>(
                &'s self,
                stmt: Statement,
            ) -> BoxFuture<'f, Result<Option<QueryResult>, DbErr>>
            where
                's: 'f,
                Self: 'f,
            {
                self.$field.query_one_raw(stmt)
            }

            fn query_all_raw<'s, 'f>(
                &'s self,
                stmt: Statement,
            ) -> BoxFuture<'f, Result<Vec<QueryResult>, DbErr>>
            where
                's: 'f,
                Self: 'f,
            {
                self.$field.query_all_raw(stmt)
            }

            fn support_returning(&self) -> bool {
                self.$field.support_returning()
            }

            fn is_mock_connection(&self) -> bool {
                self.$field.is_mock_connection()
            }
        }
    };
}

forward_connection!(HookDb, conn);
forward_connection!(HookTransaction, txn);

/// `TransactionTrait` for a handle whose inner connection's `begin*` gives a
/// `DatabaseTransaction`, which `wrap` turns into a [`HookTransaction`].
macro_rules! transactions {
    ($ty:ty, $field:ident) => {
        #[async_trait::async_trait]
        impl TransactionTrait for $ty {
            type Transaction = HookTransaction;

            async fn begin(&self) -> Result<HookTransaction, DbErr> {
                Ok(self.wrap(self.$field.begin().await?))
            }

            async fn begin_with_config(
                &self,
                isolation_level: Option<IsolationLevel>,
                access_mode: Option<AccessMode>,
            ) -> Result<HookTransaction, DbErr> {
                let txn = self
                    .$field
                    .begin_with_config(isolation_level, access_mode)
                    .await?;
                Ok(self.wrap(txn))
            }

            async fn begin_with_options(
                &self,
                options: TransactionOptions,
            ) -> Result<HookTransaction, DbErr> {
                Ok(self.wrap(self.$field.begin_with_options(options).await?))
            }

            async fn transaction<F, T, E>(&self, callback: F) -> Result<T, TransactionError<E>>
            where
                F: for<'c> FnOnce(&'c HookTransaction) -> BoxFuture<'c, Result<T, E>> + Send,
                T: Send,
                E: fmt::Display + fmt::Debug + Send,
            {
                let txn = self.begin().await.map_err(TransactionError::Connection)?;
                txn.run(callback).await
            }

            async fn transaction_with_config<F, T, E>(
                &self,
                callback: F,
                isolation_level: Option<IsolationLevel>,
                access_mode: Option<AccessMode>,
            ) -> Result<T, TransactionError<E>>
            where
                F: for<'c> FnOnce(&'c HookTransaction) -> BoxFuture<'c, Result<T, E>> + Send,
                T: Send,
                E: fmt::Display + fmt::Debug + Send,
            {
                let txn = self
                    .begin_with_config(isolation_level, access_mode)
                    .await
                    .map_err(TransactionError::Connection)?;
                txn.run(callback).await
            }
        }
    };
}

transactions!(HookDb, conn);
transactions!(HookTransaction, txn);

#[async_trait::async_trait]
impl TransactionSession for HookTransaction {
    async fn commit(self) -> Result<(), DbErr> {
        HookTransaction::commit(self).await
    }

    async fn rollback(self) -> Result<(), DbErr> {
        HookTransaction::rollback(self).await
    }
}

/// What the caller attached to a write: its data, whether it skips hooks,
/// and where the write's `after_commit` hooks go.
#[derive(Clone, Copy)]
pub(crate) struct Caller<'a> {
    pub(crate) data: &'a CallerData,
    pub(crate) skip: Option<&'a str>,
    pub(crate) scope: CommitScope<'a>,
}

/// The one trace a write without hooks leaves: a `WARN` event, target
/// `hooks_orm::skip`, with the reason, the entity and the operation.
pub(crate) fn skipped(reason: &str, entity: &'static str, operation: &'static str) {
    tracing::warn!(
        target: "hooks_orm::skip",
        reason,
        entity,
        operation,
        "hooks skipped: {operation} on `{entity}` ({reason})"
    );
}

/// The data of a bare SeaORM connection: none.
static NO_DATA: CallerData = CallerData::new();

impl<'a> Caller<'a> {
    /// The caller behind the connection SeaORM hands the glue (or the
    /// operations are given). A bare SeaORM connection or transaction, or any
    /// other `ConnectionTrait`, carries no data and skips nothing.
    ///
    /// Outside a transaction (a `HookDb`, a bare `DatabaseConnection`) a write
    /// commits with its statement; a `HookTransaction` queues it; a bare
    /// `DatabaseTransaction` or any other connection type is a transaction
    /// whose end the library cannot see.
    pub(crate) fn of<C: ConnectionTrait>(db: &'a C) -> Self {
        match recognise(db) {
            Some(Handle::Db(db)) => Caller {
                data: &db.data,
                skip: db.skip_reason(),
                scope: CommitScope::Autocommit,
            },
            Some(Handle::Transaction(txn)) => Caller {
                data: &txn.data,
                skip: txn.skip_reason(),
                scope: CommitScope::Queue(&txn.queue.own),
            },
            Some(Handle::Hook(conn)) => Caller {
                data: conn.data(),
                skip: None,
                scope: conn.commit_scope(),
            },
            None => Caller {
                data: &NO_DATA,
                skip: None,
                scope: if typeid::of::<C>() == typeid::of::<DatabaseConnection>() {
                    CommitScope::Autocommit
                } else {
                    CommitScope::Unseen
                },
            },
        }
    }

    /// For a hooked operation's own transaction begun on `outer`: a bare
    /// `DatabaseTransaction` begun on a connection outside any transaction is
    /// the operation's own, which keeps its writes' commit hooks in `own`.
    pub(crate) fn in_own_transaction(
        mut self,
        outer: CommitScope<'a>,
        own: &'a CommitQueue,
    ) -> Self {
        if matches!(
            (outer, self.scope),
            (CommitScope::Autocommit, CommitScope::Unseen)
        ) {
            self.scope = CommitScope::Queue(own);
        }
        self
    }

    /// The connection hooks get: `db` with this caller's data and commit scope.
    pub(crate) fn connection<C: ConnectionTrait>(&self, db: &'a C) -> HookConnection<'a> {
        HookConnection::new(db, self.data, self.scope)
    }
}

/// One of our handles, found behind a generic connection type.
enum Handle<'b> {
    Db(&'b HookDb),
    Transaction(&'b HookTransaction),
    Hook(&'b HookConnection<'b>),
}

/// Which of our handles `db` is, if any.
///
/// SeaORM's `ActiveModelBehavior` hands the glue only `&C` with
/// `C: ConnectionTrait`, and `C` need not be `'static` (a hook's nested write
/// has `C = HookConnection<'x>`), so `std::any::Any` cannot ask. `typeid::of`
/// gives the `TypeId` of a type with its lifetimes erased, so
/// `typeid::of::<C>() == typeid::of::<T>()` means that `C` is `T` up to its
/// lifetime parameters.
///
/// Safety of the casts: `HookDb` and `HookTransaction` have no lifetime
/// parameters, so equal ids mean `C` *is* that type, and the cast of `&'b C`
/// to `&'b T` only renames the type. For `HookConnection`, equal ids mean
/// `C = HookConnection<'x>` for some `'x`; `&'b C` being well-formed implies
/// `'x: 'b`, and `HookConnection<'x>` is covariant in `'x` (it holds only
/// shared references with that lifetime), so `&'b HookConnection<'x>` is a
/// valid `&'b HookConnection<'b>`: the cast only shortens a lifetime. The
/// pointer keeps its provenance and alignment, since it points at a `C`.
fn recognise<'b, C: ConnectionTrait>(db: &'b C) -> Option<Handle<'b>> {
    let id = typeid::of::<C>();
    let ptr: *const C = db;
    if id == typeid::of::<HookDb>() {
        // SAFETY: `C` is `HookDb` (see above).
        Some(Handle::Db(unsafe { &*ptr.cast::<HookDb>() }))
    } else if id == typeid::of::<HookTransaction>() {
        // SAFETY: `C` is `HookTransaction` (see above).
        Some(Handle::Transaction(unsafe {
            &*ptr.cast::<HookTransaction>()
        }))
    } else if id == typeid::of::<HookConnection<'static>>() {
        // SAFETY: `C` is `HookConnection<'x>` with `'x: 'b`, and the type is
        // covariant in `'x` (see above).
        Some(Handle::Hook(unsafe { &*ptr.cast::<HookConnection<'b>>() }))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only while `HookConnection` is covariant in its lifetime,
    /// which the cast in `recognise` relies on.
    #[allow(dead_code)]
    fn hook_connection_is_covariant<'long: 'short, 'short>(
        conn: &'short HookConnection<'long>,
    ) -> &'short HookConnection<'short> {
        conn
    }

    #[tokio::test]
    async fn recognises_each_handle_and_nothing_else() {
        #[derive(Debug, PartialEq)]
        struct Actor(&'static str);

        let conn = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
        assert!(recognise(&conn).is_none());
        let bare_txn = conn.begin().await.unwrap();
        assert!(recognise(&bare_txn).is_none());
        assert!(Caller::of(&bare_txn).data.is_empty());
        let hook_conn = HookConnection::new(&bare_txn, &NO_DATA, CommitScope::Unseen);
        assert!(matches!(recognise(&hook_conn), Some(Handle::Hook(_))));
        bare_txn.rollback().await.unwrap();

        let db = HookDb::new(conn).with(Actor("ada"));
        let caller = Caller::of(&db);
        assert!(matches!(recognise(&db), Some(Handle::Db(_))));
        assert_eq!(caller.data.get::<Actor>(), Some(&Actor("ada")));
        assert_eq!(caller.skip, None);

        let txn = db.begin().await.unwrap();
        assert!(matches!(recognise(&txn), Some(Handle::Transaction(_))));
        let savepoint = txn.begin().await.unwrap();
        assert_eq!(
            Caller::of(&savepoint).data.get::<Actor>(),
            Some(&Actor("ada"))
        );

        let data = CallerData::new().with(Actor("grace"));
        let nested = HookConnection::new(&savepoint, &data, CommitScope::Autocommit);
        assert_eq!(
            Caller::of(&nested).data.get::<Actor>(),
            Some(&Actor("grace"))
        );
        savepoint.rollback().await.unwrap();
        txn.rollback().await.unwrap();

        let skipping = db.skip_hooks("backfill");
        assert_eq!(Caller::of(&skipping).skip, Some("backfill"));
        let txn = skipping.begin().await.unwrap();
        assert_eq!(Caller::of(&txn).skip, Some("backfill"));
        txn.rollback().await.unwrap();
    }
}
