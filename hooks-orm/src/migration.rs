//! Typed hooks around `sea-orm-migration` runs (the `migration` feature).
//!
//! `#[migration_hooks]` goes on a migrator's `impl MigratorTrait for Migrator`
//! block, next to `migrations()`. The hook fns in that block, marked with the
//! phase attributes below, move to an inherent `impl Migrator` (tests can call
//! them directly), and the block gains `up`, `down`, `fresh`, `refresh` and
//! `reset`, which run the migrations one at a time through `sea-orm-migration`'s
//! own API with the hooks in between. `Migrator::up(&db, None)` from an
//! application and `cli::run_cli(Migrator)` in a migration crate both go through
//! them.
//!
//! ```
//! use hooks_orm::migration::prelude::*;
//! use sea_orm::ConnectionTrait;
//! use sea_orm_migration::prelude::*;
//!
//! #[derive(Default)]
//! pub struct Stats {
//!     applied: usize,
//! }
//!
//! pub struct Migrator;
//!
//! #[migration_hooks(state = Stats)]
//! impl MigratorTrait for Migrator {
//!     fn migrations() -> Vec<Box<dyn MigrationTrait>> {
//!         vec![]
//!     }
//!
//!     #[before_run]
//!     async fn reachable(_plan: &MigrationPlan, cx: &mut MigrationContext<'_, Stats>) -> HookResult {
//!         cx.db().execute_unprepared("SELECT 1").await?;
//!         Ok(())
//!     }
//!
//!     #[after_migration]
//!     fn count(_step: &MigrationStep, cx: &mut MigrationContext<'_, Stats>) {
//!         cx.state_mut().applied += 1;
//!     }
//!
//!     #[after_run]
//!     fn report(summary: &RunSummary, cx: &mut MigrationContext<'_, Stats>) {
//!         assert_eq!(summary.applied().len(), cx.state().applied);
//!     }
//! }
//!
//! # async fn run() -> Result<(), sea_orm::DbErr> {
//! # let db = sea_orm::Database::connect("sqlite::memory:").await?;
//! Migrator::up(&db, None).await?;
//! # Ok(())
//! # }
//! # fn main() {}
//! ```
//!
//! # Phases
//!
//! | attribute | runs | first parameter |
//! |---|---|---|
//! | `before_run` | once, before any migration of an `up` or `down` run; may abort it | `&MigrationPlan` |
//! | `before_down` | once, after `before_run`, in a `down` run only; may abort it | `&MigrationPlan` |
//! | `before_migration` | before each migration, either direction; may abort the run before it | `&MigrationStep` |
//! | `after_migration` | after each migration that succeeded | `&MigrationStep` (with its time) |
//! | `on_migration_error` | when a migration fails; the run then returns the migration's error | `&MigrationFailure` |
//! | `after_down` | once, after the last migration of a `down` run | `&RunSummary` |
//! | `after_run` | once, after the last migration of any run | `&RunSummary` |
//!
//! Every hook takes its first parameter and then `&mut MigrationContext<'_, S>`
//! (the database and the run's state `S`), in this order, each optional; it is
//! sync or `async` and returns nothing or [`HookResult`].

use std::fmt;
use std::future::{Future, ready};
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{DatabaseExecutor, DbErr};
use sea_orm_migration::{
    IntoSchemaManagerConnection, MigrationTrait, MigratorTrait, SchemaManager,
    SchemaManagerConnection,
};

use crate::{HookError, HookResult};

pub use hooks_macros::{
    after_down, after_migration, after_run, before_down, before_migration, before_run,
    migration_hooks, on_migration_error,
};

/// What a migrator with hooks needs: `use hooks_orm::migration::prelude::*;`.
///
/// It glob-imports cleanly beside `sea_orm_migration::prelude::*`,
/// `sea_orm::*` and `hooks_orm::prelude::*` (`HookError` and `HookResult` are
/// the same items there).
pub mod prelude {
    pub use super::{
        MigrationContext, MigrationDirection, MigrationFailure, MigrationHookError, MigrationPlan,
        MigrationStep, RunSummary, after_down, after_migration, after_run, before_down,
        before_migration, before_run, migration_hooks, on_migration_error,
    };
    pub use crate::{HookError, HookResult};
}

/// Which way a run goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MigrationDirection {
    /// Applying pending migrations (`up`, and the second half of `refresh` and `fresh`).
    Up,
    /// Rolling back applied migrations (`down`, and the first half of `refresh` and `reset`).
    Down,
}

impl fmt::Display for MigrationDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MigrationDirection::Up => "up",
            MigrationDirection::Down => "down",
        })
    }
}

/// The phases of a run, named as their attributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MigrationPhase {
    /// `#[before_run]`.
    BeforeRun,
    /// `#[before_down]`.
    BeforeDown,
    /// `#[before_migration]`.
    BeforeMigration,
    /// `#[after_migration]`.
    AfterMigration,
    /// `#[on_migration_error]`.
    OnMigrationError,
    /// `#[after_down]`.
    AfterDown,
    /// `#[after_run]`.
    AfterRun,
}

impl MigrationPhase {
    /// The attribute's name, e.g. `"before_migration"`.
    pub fn name(self) -> &'static str {
        match self {
            MigrationPhase::BeforeRun => "before_run",
            MigrationPhase::BeforeDown => "before_down",
            MigrationPhase::BeforeMigration => "before_migration",
            MigrationPhase::AfterMigration => "after_migration",
            MigrationPhase::OnMigrationError => "on_migration_error",
            MigrationPhase::AfterDown => "after_down",
            MigrationPhase::AfterRun => "after_run",
        }
    }
}

impl fmt::Display for MigrationPhase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a run is about to do: given to `before_run` and `before_down` hooks.
#[derive(Clone, Debug)]
pub struct MigrationPlan {
    direction: MigrationDirection,
    migrations: Vec<String>,
    skipped: Vec<String>,
}

impl MigrationPlan {
    /// Up or down.
    pub fn direction(&self) -> MigrationDirection {
        self.direction
    }

    /// The migrations this run will apply (or roll back), in the order it will.
    pub fn migrations(&self) -> &[String] {
        &self.migrations
    }

    /// The migrations of the migrator this run leaves alone: already applied
    /// (up), not applied (down), or beyond the number of steps asked for.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }
}

/// One migration of a run: given to `before_migration` and `after_migration` hooks.
#[derive(Clone, Debug)]
pub struct MigrationStep {
    name: String,
    direction: MigrationDirection,
    index: usize,
    total: usize,
    elapsed: Option<Duration>,
}

impl MigrationStep {
    /// The migration's name (`MigrationName::name`), e.g. `m20220101_000001_create_table`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the migration is being applied or rolled back.
    pub fn direction(&self) -> MigrationDirection {
        self.direction
    }

    /// Its position in this run, from 0.
    pub fn index(&self) -> usize {
        self.index
    }

    /// How many migrations this run applies (or rolls back).
    pub fn total(&self) -> usize {
        self.total
    }

    /// How long the migration took, its bookkeeping in the migration table
    /// included: `None` in `before_migration`, `Some` afterwards.
    pub fn elapsed(&self) -> Option<Duration> {
        self.elapsed
    }
}

/// A migration that failed: given to `on_migration_error` hooks.
#[derive(Debug)]
pub struct MigrationFailure {
    step: MigrationStep,
    error: DbErr,
}

impl MigrationFailure {
    /// The migration that failed, with the time until it did.
    pub fn step(&self) -> &MigrationStep {
        &self.step
    }

    /// Its error, which the run returns once the `on_migration_error` hooks ran.
    pub fn error(&self) -> &DbErr {
        &self.error
    }
}

/// What a run did: given to `after_down` and `after_run` hooks.
#[derive(Clone, Debug)]
pub struct RunSummary {
    direction: MigrationDirection,
    applied: Vec<MigrationStep>,
    skipped: Vec<String>,
    elapsed: Duration,
}

impl RunSummary {
    /// Up or down.
    pub fn direction(&self) -> MigrationDirection {
        self.direction
    }

    /// The migrations applied (or rolled back), in order, each with its time.
    pub fn applied(&self) -> &[MigrationStep] {
        &self.applied
    }

    /// The migrations the run left alone (see [`MigrationPlan::skipped`]).
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The whole run, hooks included.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// What every hook of a run shares: the database and the run's state.
///
/// `S` is the type named by `#[migration_hooks(state = S)]` (`()` without it):
/// created with `Default` when the run starts, handed to every hook of that run
/// in turn, dropped when it ends.
pub struct MigrationContext<'a, S = ()> {
    manager: &'a SchemaManager<'a>,
    state: &'a mut S,
    direction: MigrationDirection,
}

impl<'a, S> MigrationContext<'a, S> {
    /// The schema manager the migrations run with (`has_table`, `create_table`, ...).
    pub fn manager(&self) -> &SchemaManager<'a> {
        self.manager
    }

    /// The connection the migrations run on; a `ConnectionTrait`, so every
    /// SeaORM API takes it. Outside the migration's own transaction: see the
    /// README on transactions.
    pub fn db(&self) -> &SchemaManagerConnection<'a> {
        self.manager.get_connection()
    }

    /// The run's state.
    pub fn state(&self) -> &S {
        self.state
    }

    /// The run's state, to change for the hooks that come later.
    pub fn state_mut(&mut self) -> &mut S {
        self.state
    }

    /// Up or down.
    pub fn direction(&self) -> MigrationDirection {
        self.direction
    }
}

impl<S: fmt::Debug> fmt::Debug for MigrationContext<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MigrationContext")
            .field("direction", &self.direction)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// A hook of a run failed: which phase, which hook, during which migration,
/// and the hook's own [`HookError`].
///
/// It travels through `sea-orm-migration`'s API as a `DbErr`;
/// [`MigrationHookError::from_db_err`] recovers it.
#[derive(Clone, Debug)]
pub struct MigrationHookError(Box<Raised>);

#[derive(Clone, Debug)]
struct Raised {
    phase: MigrationPhase,
    hook: &'static str,
    migration: Option<String>,
    error: HookError,
}

impl MigrationHookError {
    /// The phase whose hook failed.
    pub fn phase(&self) -> MigrationPhase {
        self.0.phase
    }

    /// The hook's fn name.
    pub fn hook(&self) -> &'static str {
        self.0.hook
    }

    /// The migration the hook ran for; `None` for the phases of the whole run.
    pub fn migration(&self) -> Option<&str> {
        self.0.migration.as_deref()
    }

    /// What the hook returned.
    pub fn error(&self) -> &HookError {
        &self.0.error
    }

    /// The hook error inside a `DbErr` that a run returned, if it holds one.
    ///
    /// ```
    /// use hooks_orm::migration::MigrationHookError;
    /// assert!(MigrationHookError::from_db_err(&sea_orm::DbErr::RecordNotFound("x".into())).is_none());
    /// ```
    pub fn from_db_err(err: &DbErr) -> Option<MigrationHookError> {
        match err {
            DbErr::TryIntoErr { source, .. } => {
                source.downcast_ref::<MigrationHookError>().cloned()
            }
            _ => None,
        }
    }
}

impl fmt::Display for MigrationHookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} hook `{}`", self.0.phase, self.0.hook)?;
        if let Some(migration) = &self.0.migration {
            write!(f, " (migration `{migration}`)")?;
        }
        write!(f, ": {}", self.0.error)
    }
}

impl std::error::Error for MigrationHookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0.error)
    }
}

impl From<MigrationHookError> for DbErr {
    fn from(err: MigrationHookError) -> Self {
        DbErr::TryIntoErr {
            from: "hooks_orm::migration::MigrationHookError",
            into: "sea_orm::DbErr",
            source: Arc::new(err),
        }
    }
}

/// The result of one phase's hooks.
pub type PhaseResult = Result<(), MigrationHookError>;

/// Implemented by `#[migration_hooks]` for the migrator: one method per phase,
/// each a sequence of direct calls of that phase's hooks (a phase without
/// hooks keeps the default, which does nothing). Not implemented by hand.
#[doc(hidden)]
pub trait MigrationHooks: MigratorTrait + Sized + Send + Sync + 'static {
    /// `state = S` of `#[migration_hooks]`.
    type State: checks::State;

    fn before_run(
        plan: &MigrationPlan,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (plan, cx);
        ready(Ok(()))
    }

    fn before_down(
        plan: &MigrationPlan,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (plan, cx);
        ready(Ok(()))
    }

    fn before_migration(
        step: &MigrationStep,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (step, cx);
        ready(Ok(()))
    }

    fn after_migration(
        step: &MigrationStep,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (step, cx);
        ready(Ok(()))
    }

    fn on_migration_error(
        failure: &MigrationFailure,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (failure, cx);
        ready(Ok(()))
    }

    fn after_down(
        summary: &RunSummary,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (summary, cx);
        ready(Ok(()))
    }

    fn after_run(
        summary: &RunSummary,
        cx: &mut MigrationContext<'_, Self::State>,
    ) -> impl Future<Output = PhaseResult> + Send {
        let _ = (summary, cx);
        ready(Ok(()))
    }
}

/// `M`'s migrations and migration table, without the hooks: each step of a
/// hooked run is `Plain::<M>::up(db, Some(1))` (or `down`), so applying a
/// migration, its transaction and its row in the migration table stay
/// `sea-orm-migration`'s own.
struct Plain<M>(PhantomData<fn() -> M>);

impl<M: MigratorTrait> MigratorTrait for Plain<M> {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        M::migrations()
    }

    fn migration_table_name() -> sea_orm::DynIden {
        M::migration_table_name()
    }
}

/// `M`'s migration table with no migrations: its `fresh` drops every table and
/// reinstalls the migration table, and applies nothing.
struct Empty<M>(PhantomData<fn() -> M>);

impl<M: MigratorTrait> MigratorTrait for Empty<M> {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        Vec::new()
    }

    fn migration_table_name() -> sea_orm::DynIden {
        M::migration_table_name()
    }
}

/// A second handle on the same connection or transaction.
fn reborrow<'a>(db: &'a DatabaseExecutor<'_>) -> DatabaseExecutor<'a> {
    match db {
        DatabaseExecutor::Connection(conn) => DatabaseExecutor::Connection(conn),
        DatabaseExecutor::Transaction(txn) => DatabaseExecutor::Transaction(txn),
        DatabaseExecutor::OwnedTransaction(txn) => DatabaseExecutor::Transaction(txn),
    }
}

/// `MigratorTrait::up` of a hooked migrator.
pub async fn up<'c, M: MigrationHooks>(
    db: impl IntoSchemaManagerConnection<'c>,
    steps: Option<u32>,
) -> Result<(), DbErr> {
    run::<M>(
        &db.into_database_executor(),
        MigrationDirection::Up,
        steps,
        false,
    )
    .await
}

/// `MigratorTrait::down` of a hooked migrator.
pub async fn down<'c, M: MigrationHooks>(
    db: impl IntoSchemaManagerConnection<'c>,
    steps: Option<u32>,
) -> Result<(), DbErr> {
    run::<M>(
        &db.into_database_executor(),
        MigrationDirection::Down,
        steps,
        false,
    )
    .await
}

/// `MigratorTrait::fresh` of a hooked migrator: one `up` run whose
/// `before_run` hooks run before every table is dropped.
pub async fn fresh<'c, M: MigrationHooks>(
    db: impl IntoSchemaManagerConnection<'c>,
) -> Result<(), DbErr> {
    run::<M>(
        &db.into_database_executor(),
        MigrationDirection::Up,
        None,
        true,
    )
    .await
}

/// `MigratorTrait::refresh` of a hooked migrator: a `down` run of everything,
/// then an `up` run of everything, each with its own state.
pub async fn refresh<'c, M: MigrationHooks>(
    db: impl IntoSchemaManagerConnection<'c>,
) -> Result<(), DbErr> {
    let db = db.into_database_executor();
    run::<M>(&db, MigrationDirection::Down, None, false).await?;
    run::<M>(&db, MigrationDirection::Up, None, false).await
}

/// `MigratorTrait::reset` of a hooked migrator: a `down` run of everything,
/// then the migration table is dropped.
pub async fn reset<'c, M: MigrationHooks>(
    db: impl IntoSchemaManagerConnection<'c>,
) -> Result<(), DbErr> {
    let db = db.into_database_executor();
    run::<M>(&db, MigrationDirection::Down, None, false).await?;
    Plain::<M>::uninstall(reborrow(&db)).await
}

async fn run<M: MigrationHooks>(
    db: &DatabaseExecutor<'_>,
    direction: MigrationDirection,
    steps: Option<u32>,
    fresh: bool,
) -> Result<(), DbErr> {
    let started = Instant::now();
    Plain::<M>::install(db).await?;
    let plan = plan::<M>(db, direction, steps, fresh).await?;
    let manager = SchemaManager::new(reborrow(db));
    let mut state = M::State::default();
    let mut cx = MigrationContext {
        manager: &manager,
        state: &mut state,
        direction,
    };

    M::before_run(&plan, &mut cx).await?;
    if direction == MigrationDirection::Down {
        M::before_down(&plan, &mut cx).await?;
    }
    if fresh {
        Empty::<M>::fresh(reborrow(db)).await?;
    }
    let total = plan.migrations.len();
    let mut applied = Vec::with_capacity(total);
    for (index, name) in plan.migrations.iter().enumerate() {
        let mut step = MigrationStep {
            name: name.clone(),
            direction,
            index,
            total,
            elapsed: None,
        };
        M::before_migration(&step, &mut cx).await?;
        let step_started = Instant::now();
        // The next pending (applied) migration is `name`: the plan lists them
        // in the order `sea-orm-migration` applies (rolls back) them.
        let outcome = match direction {
            MigrationDirection::Up => Plain::<M>::up(reborrow(db), Some(1)).await,
            MigrationDirection::Down => Plain::<M>::down(reborrow(db), Some(1)).await,
        };
        step.elapsed = Some(step_started.elapsed());
        if let Err(error) = outcome {
            let failure = MigrationFailure { step, error };
            if let Err(hook_error) = M::on_migration_error(&failure, &mut cx).await {
                // The migration's error is the one the caller needs.
                tracing::error!(
                    migration = failure.step.name(),
                    error = %hook_error,
                    "an on_migration_error hook failed; the run returns the migration's error"
                );
            }
            return Err(failure.error);
        }
        M::after_migration(&step, &mut cx).await?;
        applied.push(step);
    }
    let summary = RunSummary {
        direction,
        applied,
        skipped: plan.skipped,
        elapsed: started.elapsed(),
    };
    if direction == MigrationDirection::Down {
        M::after_down(&summary, &mut cx).await?;
    }
    M::after_run(&summary, &mut cx).await?;
    Ok(())
}

async fn plan<M: MigrationHooks>(
    db: &DatabaseExecutor<'_>,
    direction: MigrationDirection,
    steps: Option<u32>,
    fresh: bool,
) -> Result<MigrationPlan, DbErr> {
    let all: Vec<String> = M::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let mut chosen: Vec<String> = match direction {
        MigrationDirection::Up if fresh => all.clone(),
        MigrationDirection::Up => Plain::<M>::get_pending_migrations(db)
            .await?
            .iter()
            .map(|m| m.name().to_owned())
            .collect(),
        MigrationDirection::Down => Plain::<M>::get_applied_migrations(db)
            .await?
            .iter()
            .rev()
            .map(|m| m.name().to_owned())
            .collect(),
    };
    if let Some(steps) = steps {
        chosen.truncate(usize::try_from(steps).unwrap_or(usize::MAX));
    }
    let skipped = all.into_iter().filter(|m| !chosen.contains(m)).collect();
    Ok(MigrationPlan {
        direction,
        migrations: chosen,
        skipped,
    })
}

/// The compile-time checks of migration hook signatures. `#[migration_hooks]`
/// passes each parameter and each return value through these traits, spanned
/// at the user's tokens; the `on_unimplemented` texts are what the user reads.
#[doc(hidden)]
pub mod checks {
    use super::*;

    macro_rules! info_param {
        ($trait:ident, $info:ty, $message:literal, $expects:literal) => {
            #[diagnostic::on_unimplemented(
                                                                message = $message,
                                                                label = "this parameter",
                                                                note = $expects
                                                            )]
            pub trait $trait {
                fn cast(info: &$info) -> &Self;
            }

            impl $trait for $info {
                #[inline(always)]
                fn cast(info: &$info) -> &Self {
                    info
                }
            }
        };
    }

    info_param!(
        PlanParam,
        MigrationPlan,
        "the first parameter of a `before_run` or `before_down` hook must be `&MigrationPlan`, not `&{Self}`",
        "`before_run` and `before_down` hooks take `&MigrationPlan` (what the run will do) and `&mut MigrationContext<'_, S>`, in this order, each optional"
    );
    info_param!(
        StepParam,
        MigrationStep,
        "the first parameter of a `before_migration` or `after_migration` hook must be `&MigrationStep`, not `&{Self}`",
        "`before_migration` and `after_migration` hooks take `&MigrationStep` (the migration's name, direction and time) and `&mut MigrationContext<'_, S>`, in this order, each optional"
    );
    info_param!(
        FailureParam,
        MigrationFailure,
        "the first parameter of an `on_migration_error` hook must be `&MigrationFailure`, not `&{Self}`",
        "`on_migration_error` hooks take `&MigrationFailure` (the failing migration and its error) and `&mut MigrationContext<'_, S>`, in this order, each optional"
    );
    info_param!(
        SummaryParam,
        RunSummary,
        "the first parameter of an `after_run` or `after_down` hook must be `&RunSummary`, not `&{Self}`",
        "`after_run` and `after_down` hooks take `&RunSummary` (what the run applied and skipped, with timings) and `&mut MigrationContext<'_, S>`, in this order, each optional"
    );

    /// The `&mut MigrationContext<'_, S>` parameter.
    #[diagnostic::on_unimplemented(
        message = "this migration hook parameter must be `&mut MigrationContext<'_, {S}>`, not `&mut {Self}`",
        label = "expected `&mut MigrationContext<'_, {S}>`",
        note = "`{S}` is the run's state, named by `#[migration_hooks(state = ...)]` (`()` without it)"
    )]
    pub trait ContextParam<'a, S> {
        fn cast<'r>(cx: &'r mut MigrationContext<'a, S>) -> &'r mut Self;
    }

    impl<'a, S> ContextParam<'a, S> for MigrationContext<'a, S> {
        #[inline(always)]
        fn cast<'r>(cx: &'r mut MigrationContext<'a, S>) -> &'r mut Self {
            cx
        }
    }

    /// The return type of a migration hook.
    #[diagnostic::on_unimplemented(
        message = "a migration hook returns nothing or `HookResult`, not `{Self}`",
        label = "expected nothing (the hook cannot fail) or `HookResult` (`Result<(), HookError>`)"
    )]
    pub trait Output {
        fn into_result(self) -> HookResult;
    }

    impl Output for () {
        #[inline(always)]
        fn into_result(self) -> HookResult {
            Ok(())
        }
    }

    impl Output for HookResult {
        #[inline(always)]
        fn into_result(self) -> HookResult {
            self
        }
    }

    /// The state type of `#[migration_hooks(state = S)]`.
    #[diagnostic::on_unimplemented(
        message = "the state of a migration run must implement `Default` and `Send`; `{Self}` does not",
        label = "the run creates it with `Default::default()` and may move between threads",
        note = "derive `Default` on it, or use `state = Option<...>`"
    )]
    pub trait State: Default + Send {}

    impl<S: Default + Send> State for S {}

    /// What a phase's hooks are about: the migration, for the error.
    pub trait Info {
        fn migration(&self) -> Option<&str>;
    }

    impl Info for MigrationPlan {
        fn migration(&self) -> Option<&str> {
            None
        }
    }

    impl Info for RunSummary {
        fn migration(&self) -> Option<&str> {
            None
        }
    }

    impl Info for MigrationStep {
        fn migration(&self) -> Option<&str> {
            Some(self.name())
        }
    }

    impl Info for MigrationFailure {
        fn migration(&self) -> Option<&str> {
            Some(self.step.name())
        }
    }

    /// A hook's result, with the hook named.
    #[inline]
    pub fn raised(
        result: HookResult,
        phase: MigrationPhase,
        hook: &'static str,
        info: &impl Info,
    ) -> PhaseResult {
        result.map_err(|error| {
            MigrationHookError(Box::new(Raised {
                phase,
                hook,
                migration: info.migration().map(str::to_owned),
                error,
            }))
        })
    }
}
