use core::fmt;
use std::future::Future;
use std::pin::Pin;

use sea_orm::{ConnectionTrait, DbBackend, DbErr, ExecResult, QueryResult, Statement};

use crate::HookEvent;

/// What a hook gets besides the row: the connection the write runs on, and
/// which event and entity it runs for.
///
/// A context is made by the library for each event of a write; hooks take it
/// as `&HookContext` (or `&HookContext<'_>`).
///
/// ```
/// use hooks_core::{HookContext, HookResult};
///
/// async fn count_users(cx: &HookContext<'_>) -> HookResult {
///     use sea_orm::ConnectionTrait;
///     let backend = cx.db().get_database_backend();
///     println!("{} on {} ({backend:?})", cx.event(), cx.entity());
///     Ok(())
/// }
/// ```
#[derive(Clone, Copy)]
pub struct HookContext<'a> {
    db: HookConnection<'a>,
    event: HookEvent,
    entity: &'static str,
}

impl<'a> HookContext<'a> {
    #[doc(hidden)]
    pub fn new(db: HookConnection<'a>, event: HookEvent, entity: &'static str) -> Self {
        Self { db, event, entity }
    }

    /// The connection or transaction the write runs on.
    ///
    /// It implements [`ConnectionTrait`], so every SeaORM query API takes it:
    /// `Entity::find().one(cx.db())`, `model.insert(cx.db())`. Inside a caller's
    /// transaction it is that transaction: what a hook writes commits or rolls
    /// back with the row.
    pub fn db(&self) -> &HookConnection<'a> {
        &self.db
    }

    /// The event the hook runs for.
    pub fn event(&self) -> HookEvent {
        self.event
    }

    /// The table name of the entity being written.
    pub fn entity(&self) -> &'static str {
        self.entity
    }
}

impl fmt::Debug for HookContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookContext")
            .field("event", &self.event)
            .field("entity", &self.entity)
            .field("backend", &self.db.get_database_backend())
            .finish()
    }
}

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The connection a write runs on, with its type erased, so that hook fns need
/// not be generic over SeaORM's connection types.
///
/// It implements [`ConnectionTrait`] by forwarding to the caller's connection
/// (a `DatabaseConnection`, a `DatabaseTransaction`, ...). It does not
/// implement `TransactionTrait`: a hook runs inside whatever the caller runs.
#[derive(Clone, Copy)]
pub struct HookConnection<'a> {
    inner: &'a dyn ErasedConnection,
}

impl<'a> HookConnection<'a> {
    #[doc(hidden)]
    pub fn new<C: ConnectionTrait>(db: &'a C) -> Self {
        Self { inner: db }
    }
}

impl fmt::Debug for HookConnection<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("HookConnection")
            .field(&self.inner.backend())
            .finish()
    }
}

/// The object-safe part of [`ConnectionTrait`] (its generic methods have
/// default bodies over these).
trait ErasedConnection: Sync {
    fn backend(&self) -> DbBackend;
    fn execute_raw(&self, stmt: Statement) -> BoxFuture<'_, Result<ExecResult, DbErr>>;
    fn execute_unprepared<'a>(&'a self, sql: &'a str) -> BoxFuture<'a, Result<ExecResult, DbErr>>;
    fn query_one_raw(&self, stmt: Statement) -> BoxFuture<'_, Result<Option<QueryResult>, DbErr>>;
    fn query_all_raw(&self, stmt: Statement) -> BoxFuture<'_, Result<Vec<QueryResult>, DbErr>>;
    fn support_returning(&self) -> bool;
    fn is_mock_connection(&self) -> bool;
}

impl<C: ConnectionTrait> ErasedConnection for C {
    fn backend(&self) -> DbBackend {
        ConnectionTrait::get_database_backend(self)
    }
    fn execute_raw(&self, stmt: Statement) -> BoxFuture<'_, Result<ExecResult, DbErr>> {
        ConnectionTrait::execute_raw(self, stmt)
    }
    fn execute_unprepared<'a>(&'a self, sql: &'a str) -> BoxFuture<'a, Result<ExecResult, DbErr>> {
        ConnectionTrait::execute_unprepared(self, sql)
    }
    fn query_one_raw(&self, stmt: Statement) -> BoxFuture<'_, Result<Option<QueryResult>, DbErr>> {
        ConnectionTrait::query_one_raw(self, stmt)
    }
    fn query_all_raw(&self, stmt: Statement) -> BoxFuture<'_, Result<Vec<QueryResult>, DbErr>> {
        ConnectionTrait::query_all_raw(self, stmt)
    }
    fn support_returning(&self) -> bool {
        ConnectionTrait::support_returning(self)
    }
    fn is_mock_connection(&self) -> bool {
        ConnectionTrait::is_mock_connection(self)
    }
}

// Written out the way `async_trait` desugars the trait, so each call hands back
// the caller connection's own boxed future instead of boxing it again.
impl ConnectionTrait for HookConnection<'_> {
    fn get_database_backend(&self) -> DbBackend {
        self.inner.backend()
    }

    fn execute_raw<'s, 'f>(&'s self, stmt: Statement) -> BoxFuture<'f, Result<ExecResult, DbErr>>
    where
        's: 'f,
        Self: 'f,
    {
        self.inner.execute_raw(stmt)
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
        self.inner.execute_unprepared(sql)
    }

    fn query_one_raw<'s, 'f>(
        &'s self,
        stmt: Statement,
    ) -> BoxFuture<'f, Result<Option<QueryResult>, DbErr>>
    where
        's: 'f,
        Self: 'f,
    {
        self.inner.query_one_raw(stmt)
    }

    fn query_all_raw<'s, 'f>(
        &'s self,
        stmt: Statement,
    ) -> BoxFuture<'f, Result<Vec<QueryResult>, DbErr>>
    where
        's: 'f,
        Self: 'f,
    {
        self.inner.query_all_raw(stmt)
    }

    fn support_returning(&self) -> bool {
        self.inner.support_returning()
    }

    fn is_mock_connection(&self) -> bool {
        self.inner.is_mock_connection()
    }
}
