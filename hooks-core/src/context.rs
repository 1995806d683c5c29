use core::fmt;
use std::any::{Any, TypeId, type_name};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use sea_orm::{ConnectionTrait, DbBackend, DbErr, ExecResult, QueryResult, Statement};

use crate::commit::CommitScope;
use crate::{HookError, HookEvent};

/// What a hook gets besides the row: the connection the write runs on, the
/// caller's data, state shared with the other hooks of the same write, and
/// which event and entity it runs for.
///
/// A context is made by the library for each event of a write; hooks take it
/// as `&HookContext` (or `&HookContext<'_>`).
///
/// ```
/// use hooks_core::{HookContext, HookResult};
///
/// struct Actor(&'static str);
///
/// async fn count_users(cx: &HookContext<'_>) -> HookResult {
///     use sea_orm::ConnectionTrait;
///     let backend = cx.db().get_database_backend();
///     let actor = cx.require::<Actor>()?;
///     println!("{} on {} by {} ({backend:?})", cx.event(), cx.entity(), actor.0);
///     Ok(())
/// }
/// ```
#[derive(Clone, Copy)]
pub struct HookContext<'a> {
    db: HookConnection<'a>,
    state: &'a WriteState,
    event: HookEvent,
    entity: &'static str,
}

impl<'a> HookContext<'a> {
    #[doc(hidden)]
    pub fn new(
        db: HookConnection<'a>,
        state: &'a WriteState,
        event: HookEvent,
        entity: &'static str,
    ) -> Self {
        Self {
            db,
            state,
            event,
            entity,
        }
    }

    /// The same context for another event of the same write.
    #[doc(hidden)]
    #[inline]
    pub fn at(self, event: HookEvent) -> Self {
        Self { event, ..self }
    }

    /// The connection or transaction the write runs on.
    ///
    /// It implements [`ConnectionTrait`], so every SeaORM query API takes it:
    /// `Entity::find().one(cx.db())`, `model.insert(cx.db())`. Inside a caller's
    /// transaction it is that transaction: what a hook writes commits or rolls
    /// back with the row. It carries the caller's data on: the hooks of a
    /// write made through it see the same [`get`](Self::get) values.
    pub fn db(&self) -> &HookConnection<'a> {
        &self.db
    }

    /// The value of type `T` that the caller attached to the write
    /// (`HookDb::with`), or `None` if there is none: a write on a bare
    /// `DatabaseConnection` or `DatabaseTransaction` carries nothing.
    ///
    /// When the caller attached several values of type `T`, the newest wins.
    pub fn get<T: Any>(&self) -> Option<&'a T> {
        self.db.data.get::<T>()
    }

    /// Like [`get`](Self::get), but a missing value is a
    /// [`HookError::forbidden`] that names the type, so that a permission
    /// check fails closed in one line: `let actor = cx.require::<Actor>()?;`.
    ///
    /// The message reads ``no `my_app::Actor` was attached to this write (`HookDb::with`)``.
    /// For another kind of error, use `get` and `ok_or_else`.
    pub fn require<T: Any>(&self) -> Result<&'a T, HookError> {
        self.get::<T>().ok_or_else(|| {
            HookError::forbidden(format!(
                "no `{}` was attached to this write (`HookDb::with`)",
                type_name::<T>()
            ))
        })
    }

    /// State shared by the hooks of one write: what a `before_update` hook
    /// stores there, an `after_update` hook of the same write can read.
    ///
    /// Through the hooked operations every event of the write shares it.
    /// Through SeaORM's own API it is shared within `before_save` (the
    /// `before_save` and `before_create` / `before_update` events) and within
    /// `after_save` (`after_create` / `after_update` and `after_save`), not
    /// across the SQL statement; see the README.
    pub fn state(&self) -> &'a WriteState {
        self.state
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
            .field("data", &self.db.data)
            .finish()
    }
}

/// Typed values a caller attaches to its writes: the acting user, a request
/// id, a tenant. Hooks read them with [`HookContext::get`].
///
/// An immutable list, newest value first: [`with`](Self::with) allocates one
/// node that points at the values already there, so a handle that adds a value
/// copies nothing, and clones of one handle share their values.
///
/// ```
/// use hooks_core::CallerData;
///
/// struct Actor(u32);
/// struct RequestId(&'static str);
///
/// let base = CallerData::new().with(RequestId("r-1"));
/// let alice = base.with(Actor(1));
/// let bob = base.with(Actor(2));
/// assert_eq!(alice.get::<Actor>().map(|a| a.0), Some(1));
/// assert_eq!(bob.get::<Actor>().map(|a| a.0), Some(2));
/// assert_eq!(bob.get::<RequestId>().map(|r| r.0), Some("r-1"));
/// assert!(base.get::<Actor>().is_none());
/// ```
#[derive(Clone, Default)]
pub struct CallerData {
    head: Option<Link>,
}

type Link = Arc<Node<dyn Any + Send + Sync>>;

/// One value; `value` is last so that `Arc<Node<T>>` coerces to `Link` and
/// the node and its value share one allocation.
struct Node<V: ?Sized> {
    next: Option<Link>,
    type_name: &'static str,
    value: V,
}

impl CallerData {
    /// No values.
    pub const fn new() -> Self {
        Self { head: None }
    }

    /// These values plus `value`; a value of the same type already there is
    /// shadowed, not removed.
    pub fn with<T: Any + Send + Sync>(&self, value: T) -> Self {
        let node: Link = Arc::new(Node {
            next: self.head.clone(),
            type_name: type_name::<T>(),
            value,
        });
        Self { head: Some(node) }
    }

    /// The newest value of type `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.nodes().find_map(|node| node.value.downcast_ref::<T>())
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.head.is_none()
    }

    fn nodes(&self) -> impl Iterator<Item = &Node<dyn Any + Send + Sync>> {
        std::iter::successors(self.head.as_deref(), |node| node.next.as_deref())
    }
}

impl fmt::Debug for CallerData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.nodes().map(|node| node.type_name))
            .finish()
    }
}

/// State that the hooks of one write share, typed by the value's type: a
/// `before_update` hook stores a diff, the `after_update` hook of the same
/// write publishes it. Reached through [`HookContext::state`].
///
/// ```
/// use hooks_core::WriteState;
///
/// #[derive(Clone, Debug, PartialEq)]
/// struct Diff(Vec<&'static str>);
///
/// let state = WriteState::new();
/// assert_eq!(state.set(Diff(vec!["title"])), None);
/// assert_eq!(state.get::<Diff>(), Some(Diff(vec!["title"])));
/// assert_eq!(state.take::<Diff>(), Some(Diff(vec!["title"])));
/// assert!(!state.contains::<Diff>());
/// ```
#[derive(Default)]
pub struct WriteState {
    // Hooks hold `&HookContext` across `.await` in `Send` futures, so this is
    // `Sync`; a lock held only inside these methods (never across user code
    // but `Clone`) and a handful of entries make a `Vec` the right map. Made
    // on first `set`: most writes store nothing, and the glue makes a state
    // for each of SeaORM's calls, so creating and dropping an unused one
    // costs next to nothing.
    values: OnceLock<Mutex<Values>>,
}

type Values = Vec<(TypeId, Box<dyn Any + Send>)>;

impl WriteState {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores `value`, returning the value of type `T` it replaces.
    pub fn set<T: Any + Send>(&self, value: T) -> Option<T> {
        let previous = self.take::<T>();
        let values = self.values.get_or_init(Mutex::default);
        Self::locked(values).push((TypeId::of::<T>(), Box::new(value)));
        previous
    }

    /// A copy of the value of type `T`.
    pub fn get<T: Any + Send + Clone>(&self) -> Option<T> {
        self.lock()?
            .iter()
            .find_map(|(_, value)| value.downcast_ref::<T>())
            .cloned()
    }

    /// Removes and returns the value of type `T`.
    pub fn take<T: Any + Send>(&self) -> Option<T> {
        let mut values = self.lock()?;
        let at = values.iter().position(|(id, _)| *id == TypeId::of::<T>())?;
        let (_, value) = values.swap_remove(at);
        value.downcast::<T>().ok().map(|value| *value)
    }

    /// Whether a value of type `T` is stored.
    pub fn contains<T: Any + Send>(&self) -> bool {
        self.lock()
            .is_some_and(|values| values.iter().any(|(id, _)| *id == TypeId::of::<T>()))
    }

    /// The values, if any was ever set.
    fn lock(&self) -> Option<MutexGuard<'_, Values>> {
        self.values.get().map(Self::locked)
    }

    fn locked(values: &Mutex<Values>) -> MutexGuard<'_, Values> {
        // A panicking `Clone` cannot leave the list half-changed: recover it.
        values.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for WriteState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WriteState")
            .field("values", &self.lock().map_or(0, |values| values.len()))
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
///
/// It carries the caller's data (the values of `HookDb::with`), so the hooks
/// of a write that a hook makes through it see the same values.
#[derive(Clone, Copy)]
pub struct HookConnection<'a> {
    inner: &'a dyn ErasedConnection,
    data: &'a CallerData,
    scope: CommitScope<'a>,
}

impl<'a> HookConnection<'a> {
    #[doc(hidden)]
    pub fn new<C: ConnectionTrait>(
        db: &'a C,
        data: &'a CallerData,
        scope: CommitScope<'a>,
    ) -> Self {
        Self {
            inner: db,
            data,
            scope,
        }
    }

    /// Where the `after_commit` hooks of writes made through this connection go.
    #[doc(hidden)]
    pub fn commit_scope(&self) -> CommitScope<'a> {
        self.scope
    }

    /// The caller's data that this connection carries.
    pub fn data(&self) -> &'a CallerData {
        self.data
    }
}

impl fmt::Debug for HookConnection<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookConnection")
            .field("backend", &self.inner.backend())
            .field("data", &self.data)
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
