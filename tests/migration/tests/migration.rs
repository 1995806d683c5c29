//! Migration hooks (`#[migration_hooks]`, the `migration` feature): every
//! phase of an up run, a down run and a run that fails, recorded in order.
//!
//! The hooks record into a table of the test's own database (`mig_hook_log`),
//! through the connection the run hands them: each backend run has a database
//! of its own, so parallel tests never mix their records.

use std::sync::Mutex;

use hooks_orm::HookError;
use hooks_orm::HookResult;
use hooks_orm::migration::MigrationPhase;
use hooks_orm::migration::prelude::*;
use hooks_tests::on_every_backend;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use sea_orm_migration::prelude::*;

/// A migration that creates the table `name`.
struct CreateTable {
    migration: &'static str,
    table: &'static str,
}

impl MigrationName for CreateTable {
    fn name(&self) -> &str {
        self.migration
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateTable {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new(self.table))
                    .col(
                        ColumnDef::new(Alias::new("id"))
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Alias::new(self.table)).to_owned())
            .await
    }
}

/// A migration that creates its table, then fails: on PostgreSQL the table
/// goes with the migration's transaction, elsewhere it stays.
struct CreateThenFail;

impl MigrationName for CreateThenFail {
    fn name(&self) -> &str {
        "m2_create_then_fail"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for CreateThenFail {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Alias::new("mig_half"))
                    .col(
                        ColumnDef::new(Alias::new("id"))
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("INSERT INTO mig_no_such_table (id) VALUES (1)")
            .await?;
        Ok(())
    }
}

fn three() -> Vec<Box<dyn MigrationTrait>> {
    vec![
        Box::new(CreateTable {
            migration: "m1_a",
            table: "mig_a",
        }),
        Box::new(CreateTable {
            migration: "m2_b",
            table: "mig_b",
        }),
        Box::new(CreateTable {
            migration: "m3_c",
            table: "mig_c",
        }),
    ]
}

async fn record(db: &impl ConnectionTrait, entry: &str) -> HookResult {
    db.execute_unprepared(&format!(
        "INSERT INTO mig_hook_log (entry) VALUES ('{entry}')"
    ))
    .await?;
    Ok(())
}

async fn records(db: &DatabaseConnection) -> Vec<String> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT entry FROM mig_hook_log ORDER BY id",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| row.try_get::<String>("", "entry").unwrap())
        .collect()
}

async fn create_log(db: &DatabaseConnection) {
    let table = Table::create()
        .table(Alias::new("mig_hook_log"))
        .col(
            ColumnDef::new(Alias::new("id"))
                .integer()
                .not_null()
                .auto_increment()
                .primary_key(),
        )
        .col(ColumnDef::new(Alias::new("entry")).string().not_null())
        .to_owned();
    db.execute(&table).await.unwrap();
}

async fn has_table(db: &DatabaseConnection, table: &str) -> bool {
    SchemaManager::new(db).has_table(table).await.unwrap()
}

/// What the hooks of one run share.
#[derive(Default)]
pub struct RunState {
    backup: Option<String>,
    done: usize,
}

pub struct Migrator;

#[migration_hooks(state = RunState)]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        three()
    }

    #[before_run]
    async fn plan(plan: &MigrationPlan, cx: &mut MigrationContext<'_, RunState>) -> HookResult {
        let entry = format!(
            "before_run:{}:{}:skip={}",
            plan.direction(),
            plan.migrations().join(","),
            plan.skipped().join(",")
        );
        record(cx.db(), &entry).await
    }

    // Runs first: a lower priority.
    #[before_run(priority = -1)]
    async fn reachable(cx: &mut MigrationContext<'_, RunState>) -> HookResult {
        cx.db().execute_unprepared("SELECT 1").await?;
        record(cx.db(), "reachable").await
    }

    #[before_down]
    async fn backup(plan: &MigrationPlan, cx: &mut MigrationContext<'_, RunState>) -> HookResult {
        cx.state_mut().backup = Some(format!("backup-of-{}", plan.migrations().len()));
        record(cx.db(), "before_down").await
    }

    #[before_migration]
    async fn before(step: &MigrationStep, cx: &mut MigrationContext<'_, RunState>) -> HookResult {
        let entry = format!(
            "before_migration:{}:{}:{}/{}:timed={}",
            step.name(),
            step.direction(),
            step.index() + 1,
            step.total(),
            step.elapsed().is_some()
        );
        record(cx.db(), &entry).await
    }

    #[after_migration]
    async fn after(step: &MigrationStep, cx: &mut MigrationContext<'_, RunState>) -> HookResult {
        cx.state_mut().done += 1;
        let entry = format!(
            "after_migration:{}:{}:timed={}",
            step.name(),
            step.direction(),
            step.elapsed().is_some()
        );
        record(cx.db(), &entry).await
    }

    #[after_down]
    async fn restore_point(
        summary: &RunSummary,
        cx: &mut MigrationContext<'_, RunState>,
    ) -> HookResult {
        let entry = format!(
            "after_down:{}:{}",
            summary.applied().len(),
            cx.state().backup.as_deref().unwrap_or("none")
        );
        record(cx.db(), &entry).await
    }

    #[after_run]
    async fn summary(summary: &RunSummary, cx: &mut MigrationContext<'_, RunState>) -> HookResult {
        let applied: Vec<&str> = summary.applied().iter().map(|s| s.name()).collect();
        let entry = format!(
            "after_run:{}:{}:skip={}:done={}:backup={}",
            summary.direction(),
            applied.join(","),
            summary.skipped().join(","),
            cx.state().done,
            cx.state().backup.as_deref().unwrap_or("none")
        );
        record(cx.db(), &entry).await
    }

    #[on_migration_error]
    async fn never(
        failure: &MigrationFailure,
        cx: &mut MigrationContext<'_, RunState>,
    ) -> HookResult {
        record(cx.db(), &format!("error:{}", failure.step().name())).await
    }
}

async fn up_and_down_run_every_phase_in_order(db: DatabaseConnection) {
    create_log(&db).await;

    // One step, then the rest through `MigratorTraitSelf`, as `cli::run_cli` calls it.
    Migrator::up(&db, Some(1)).await.unwrap();
    sea_orm_migration::MigratorTraitSelf::up(&Migrator, &db, None)
        .await
        .unwrap();
    for table in ["mig_a", "mig_b", "mig_c"] {
        assert!(has_table(&db, table).await, "{table}");
    }
    Migrator::down(&db, None).await.unwrap();
    for table in ["mig_a", "mig_b", "mig_c"] {
        assert!(!has_table(&db, table).await, "{table}");
    }

    assert_eq!(
        records(&db).await,
        [
            "reachable",
            "before_run:up:m1_a:skip=m2_b,m3_c",
            "before_migration:m1_a:up:1/1:timed=false",
            "after_migration:m1_a:up:timed=true",
            "after_run:up:m1_a:skip=m2_b,m3_c:done=1:backup=none",
            "reachable",
            "before_run:up:m2_b,m3_c:skip=m1_a",
            "before_migration:m2_b:up:1/2:timed=false",
            "after_migration:m2_b:up:timed=true",
            "before_migration:m3_c:up:2/2:timed=false",
            "after_migration:m3_c:up:timed=true",
            "after_run:up:m2_b,m3_c:skip=m1_a:done=2:backup=none",
            "reachable",
            "before_run:down:m3_c,m2_b,m1_a:skip=",
            "before_down",
            "before_migration:m3_c:down:1/3:timed=false",
            "after_migration:m3_c:down:timed=true",
            "before_migration:m2_b:down:2/3:timed=false",
            "after_migration:m2_b:down:timed=true",
            "before_migration:m1_a:down:3/3:timed=false",
            "after_migration:m1_a:down:timed=true",
            "after_down:3:backup-of-3",
            "after_run:down:m3_c,m2_b,m1_a:skip=:done=3:backup=backup-of-3",
        ]
    );
}

/// `refresh` is a down run then an up run; `reset` a down run, then the
/// migration table goes.
async fn refresh_and_reset_are_hooked_runs(db: DatabaseConnection) {
    create_log(&db).await;
    Migrator::up(&db, Some(2)).await.unwrap();
    Migrator::refresh(&db).await.unwrap();
    Migrator::reset(&db).await.unwrap();
    let runs: Vec<String> = records(&db)
        .await
        .into_iter()
        .filter(|entry| entry.starts_with("before_run") || entry.starts_with("after_run"))
        .collect();
    assert_eq!(
        runs,
        [
            "before_run:up:m1_a,m2_b:skip=m3_c",
            "after_run:up:m1_a,m2_b:skip=m3_c:done=2:backup=none",
            "before_run:down:m2_b,m1_a:skip=m3_c",
            "after_run:down:m2_b,m1_a:skip=m3_c:done=2:backup=backup-of-2",
            "before_run:up:m1_a,m2_b,m3_c:skip=",
            "after_run:up:m1_a,m2_b,m3_c:skip=:done=3:backup=none",
            "before_run:down:m3_c,m2_b,m1_a:skip=",
            "after_run:down:m3_c,m2_b,m1_a:skip=:done=3:backup=backup-of-3",
        ]
    );
    assert!(!has_table(&db, "seaql_migrations").await);
}

/// Its second migration fails.
pub struct Failing;

#[migration_hooks]
impl MigratorTrait for Failing {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(CreateTable {
                migration: "m1_a",
                table: "mig_a",
            }),
            Box::new(CreateThenFail),
            Box::new(CreateTable {
                migration: "m3_c",
                table: "mig_c",
            }),
        ]
    }

    #[before_run]
    async fn started(plan: &MigrationPlan, cx: &mut MigrationContext<'_>) -> HookResult {
        record(
            cx.db(),
            &format!("before_run:{}", plan.migrations().join(",")),
        )
        .await
    }

    #[before_migration]
    async fn before(step: &MigrationStep, cx: &mut MigrationContext<'_>) -> HookResult {
        record(cx.db(), &format!("before_migration:{}", step.name())).await
    }

    #[after_migration]
    async fn after(step: &MigrationStep, cx: &mut MigrationContext<'_>) -> HookResult {
        record(cx.db(), &format!("after_migration:{}", step.name())).await
    }

    #[on_migration_error]
    async fn failed(failure: &MigrationFailure, cx: &mut MigrationContext<'_>) -> HookResult {
        let entry = format!(
            "on_migration_error:{}:{}:timed={}",
            failure.step().name(),
            failure.step().direction(),
            failure.step().elapsed().is_some()
        );
        record(cx.db(), &entry).await
    }

    // A failing error hook does not replace the migration's error.
    #[on_migration_error(priority = 1)]
    fn cleanup_fails() -> HookResult {
        Err(HookError::validation("cleanup failed"))
    }

    #[after_run]
    async fn finished(cx: &mut MigrationContext<'_>) -> HookResult {
        record(cx.db(), "after_run").await
    }
}

async fn a_failing_migration_runs_the_error_hooks_and_returns_its_error(db: DatabaseConnection) {
    create_log(&db).await;
    let err = Failing::up(&db, None).await.unwrap_err();

    // The migration's own error, not a hook's.
    assert!(MigrationHookError::from_db_err(&err).is_none(), "{err}");
    assert!(err.to_string().contains("mig_no_such_table"), "{err}");
    assert_eq!(
        records(&db).await,
        [
            "before_run:m1_a,m2_create_then_fail,m3_c",
            "before_migration:m1_a",
            "after_migration:m1_a",
            "before_migration:m2_create_then_fail",
            "on_migration_error:m2_create_then_fail:up:timed=true",
        ]
    );
    let applied: Vec<String> = Failing::get_applied_migrations(&db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    assert_eq!(applied, ["m1_a"]);
    assert!(has_table(&db, "mig_a").await);
    assert!(!has_table(&db, "mig_c").await);
    // PostgreSQL runs each migration in a transaction: the failed one leaves
    // nothing. MySQL/MariaDB and SQLite run it without one (sea-orm-migration's
    // default), and DDL that ran stays.
    let half_stays = db.get_database_backend() != DbBackend::Postgres;
    assert_eq!(has_table(&db, "mig_half").await, half_stays);
}

/// Its `before_migration` hook refuses the second migration.
pub struct Guarded;

#[migration_hooks]
impl MigratorTrait for Guarded {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        three()
    }

    #[before_migration]
    fn locked(step: &MigrationStep) -> HookResult {
        if step.name() == "m2_b" {
            return Err(HookError::forbidden("m2_b is locked"));
        }
        Ok(())
    }

    #[on_migration_error]
    async fn failed(cx: &mut MigrationContext<'_>) -> HookResult {
        record(cx.db(), "on_migration_error").await
    }

    #[after_run]
    async fn finished(cx: &mut MigrationContext<'_>) -> HookResult {
        record(cx.db(), "after_run").await
    }
}

async fn a_failing_before_hook_stops_the_run_before_its_migration(db: DatabaseConnection) {
    create_log(&db).await;
    let err = Guarded::up(&db, None).await.unwrap_err();
    let hook_err = MigrationHookError::from_db_err(&err).expect("a hook's error");
    assert_eq!(hook_err.phase(), MigrationPhase::BeforeMigration);
    assert_eq!(hook_err.hook(), "locked");
    assert_eq!(hook_err.migration(), Some("m2_b"));
    assert!(hook_err.error().is_forbidden());
    assert_eq!(
        hook_err.to_string(),
        "before_migration hook `locked` (migration `m2_b`): forbidden: m2_b is locked"
    );
    assert!(has_table(&db, "mig_a").await);
    assert!(!has_table(&db, "mig_b").await);
    assert!(!has_table(&db, "mig_c").await);
    // Neither the error hooks (no migration failed) nor `after_run` ran.
    assert!(records(&db).await.is_empty());
}

/// Records of the `Fresh` migrator, whose `fresh` drops the log table: in
/// memory, one list per backend (only one test uses `Fresh`).
static FRESH_LOG: Mutex<Vec<(DbBackend, String)>> = Mutex::new(Vec::new());

fn fresh_log(backend: DbBackend, entry: String) {
    FRESH_LOG.lock().unwrap().push((backend, entry));
}

fn fresh_records(backend: DbBackend) -> Vec<String> {
    FRESH_LOG
        .lock()
        .unwrap()
        .iter()
        .filter(|(b, _)| *b == backend)
        .map(|(_, entry)| entry.clone())
        .collect()
}

pub struct Fresh;

#[migration_hooks]
impl MigratorTrait for Fresh {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        three()
    }

    #[before_run]
    async fn started(plan: &MigrationPlan, cx: &mut MigrationContext<'_>) -> HookResult {
        let mig_a = cx.manager().has_table("mig_a").await?;
        fresh_log(
            cx.db().get_database_backend(),
            format!(
                "before_run:{}:{}:skip={}:mig_a={mig_a}",
                plan.direction(),
                plan.migrations().join(","),
                plan.skipped().join(",")
            ),
        );
        Ok(())
    }

    #[before_migration]
    async fn before(step: &MigrationStep, cx: &mut MigrationContext<'_>) -> HookResult {
        let mig_a = cx.manager().has_table("mig_a").await?;
        fresh_log(
            cx.db().get_database_backend(),
            format!("before_migration:{}:mig_a={mig_a}", step.name()),
        );
        Ok(())
    }

    #[after_run]
    fn finished(summary: &RunSummary, cx: &mut MigrationContext<'_>) {
        fresh_log(
            cx.db().get_database_backend(),
            format!("after_run:{}", summary.applied().len()),
        );
    }
}

/// `fresh` is one `up` run of every migration; its `before_run` hooks run
/// before the tables are dropped.
async fn fresh_runs_before_run_hooks_before_dropping(db: DatabaseConnection) {
    let backend = db.get_database_backend();
    Fresh::up(&db, Some(2)).await.unwrap();
    Fresh::fresh(&db).await.unwrap();
    assert_eq!(
        fresh_records(backend),
        [
            "before_run:up:m1_a,m2_b:skip=m3_c:mig_a=false",
            "before_migration:m1_a:mig_a=false",
            "before_migration:m2_b:mig_a=true",
            "after_run:2",
            "before_run:up:m1_a,m2_b,m3_c:skip=:mig_a=true",
            "before_migration:m1_a:mig_a=false",
            "before_migration:m2_b:mig_a=true",
            "before_migration:m3_c:mig_a=true",
            "after_run:3",
        ]
    );
    for table in ["mig_a", "mig_b", "mig_c"] {
        assert!(has_table(&db, table).await, "{table}");
    }
}

/// The hooks stay plain associated fns of the migrator.
#[test]
fn hooks_stay_callable() {
    let step_hook: fn(&MigrationStep) -> HookResult = Guarded::locked;
    let _ = step_hook;
    assert!(Failing::cleanup_fails().is_err());
}

on_every_backend!(
    up_and_down_run_every_phase_in_order,
    refresh_and_reset_are_hooked_runs,
    a_failing_migration_runs_the_error_hooks_and_returns_its_error,
    a_failing_before_hook_stops_the_run_before_its_migration,
    fresh_runs_before_run_hooks_before_dropping,
);
