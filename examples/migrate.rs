//! Migration hooks on a SQLite file: a migrator with three migrations whose
//! hooks check the database before the run, time each migration, count the
//! rows each one touched in the run's shared state, and print a summary.
//! Then a rollback of the last migration, with its own hooks.
//!
//! Run it with `cargo run --example migrate --features migration`. The
//! database file goes to `target/migrate-example.sqlite`, fresh on each run.

use std::time::Duration;

use hooks_orm::migration::prelude::*;
use hooks_orm::{HookError, HookResult};
use sea_orm::{ConnectionTrait, Database, DbErr};
use sea_orm_migration::prelude::*;

/// The migrations, as a migration crate would have them, one module each.
mod m20260101_000001_create_authors {
    use sea_orm_migration::prelude::*;

    const NAME: &str = "m20260101_000001_create_authors";

    pub struct Migration;

    impl MigrationName for Migration {
        fn name(&self) -> &str {
            // `DeriveMigrationName` names a migration after its file; these
            // share one.
            NAME
        }
    }

    #[async_trait::async_trait]
    impl MigrationTrait for Migration {
        async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .create_table(
                    Table::create()
                        .table("authors")
                        .col(ColumnDef::new("id").integer().not_null().primary_key())
                        .col(ColumnDef::new("name").string().not_null())
                        .to_owned(),
                )
                .await
        }

        async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .drop_table(Table::drop().table("authors").to_owned())
                .await
        }
    }
}

mod m20260101_000002_seed_authors {
    use sea_orm_migration::prelude::*;

    const NAME: &str = "m20260101_000002_seed_authors";

    pub struct Migration;

    impl MigrationName for Migration {
        fn name(&self) -> &str {
            // `DeriveMigrationName` names a migration after its file; these
            // share one.
            NAME
        }
    }

    #[async_trait::async_trait]
    impl MigrationTrait for Migration {
        async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .get_connection()
                .execute_unprepared(
                    "INSERT INTO authors (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Edsger')",
                )
                .await?;
            Ok(())
        }

        async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .get_connection()
                .execute_unprepared("DELETE FROM authors")
                .await?;
            Ok(())
        }
    }
}

mod m20260101_000003_create_books {
    use sea_orm_migration::prelude::*;

    const NAME: &str = "m20260101_000003_create_books";

    pub struct Migration;

    impl MigrationName for Migration {
        fn name(&self) -> &str {
            NAME
        }
    }

    #[async_trait::async_trait]
    impl MigrationTrait for Migration {
        async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .create_table(
                    Table::create()
                        .table("books")
                        .col(ColumnDef::new("id").integer().not_null().primary_key())
                        .col(ColumnDef::new("author_id").integer().not_null())
                        .col(ColumnDef::new("title").string().not_null())
                        .to_owned(),
                )
                .await
        }

        async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .drop_table(Table::drop().table("books").to_owned())
                .await
        }
    }
}

/// What the hooks of one run share.
#[derive(Default)]
pub struct RunStats {
    /// Rows in `authors` before the migration now running.
    rows_before: Option<i64>,
    /// Per migration: name, rows added (or removed), time.
    lines: Vec<(String, i64, Duration)>,
    /// The "backup" taken before a rollback.
    backup: Option<String>,
}

/// Rows in `authors`, or `None` while the table does not exist.
async fn author_count(cx: &MigrationContext<'_, RunStats>) -> Result<Option<i64>, DbErr> {
    if !cx.manager().has_table("authors").await? {
        return Ok(None);
    }
    let row = cx
        .db()
        .query_one_raw(sea_orm::Statement::from_string(
            cx.db().get_database_backend(),
            "SELECT COUNT(*) AS n FROM authors",
        ))
        .await?;
    row.map(|row| row.try_get::<i64>("", "n")).transpose()
}

pub struct Migrator;

#[migration_hooks(state = RunStats)]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20260101_000001_create_authors::Migration),
            Box::new(m20260101_000002_seed_authors::Migration),
            Box::new(m20260101_000003_create_books::Migration),
        ]
    }

    /// The database answers, and nobody holds our lock table.
    #[before_run(priority = -10)]
    async fn database_is_ready(cx: &mut MigrationContext<'_, RunStats>) -> HookResult {
        cx.db().execute_unprepared("SELECT 1").await?;
        if cx.manager().has_table("migration_lock").await? {
            return Err(HookError::forbidden("another migration run holds the lock"));
        }
        Ok(())
    }

    #[before_run]
    fn announce(plan: &MigrationPlan) {
        println!(
            "{} run: {} to go, {} left alone",
            plan.direction(),
            plan.migrations().len(),
            plan.skipped().len()
        );
    }

    #[before_down]
    fn backup(plan: &MigrationPlan, cx: &mut MigrationContext<'_, RunStats>) {
        let id = format!("backup-before-{}", plan.migrations().join("+"));
        println!("  taking {id}");
        cx.state_mut().backup = Some(id);
    }

    #[before_migration]
    async fn count_before(
        step: &MigrationStep,
        cx: &mut MigrationContext<'_, RunStats>,
    ) -> HookResult {
        println!(
            "  [{}/{}] {} {} ...",
            step.index() + 1,
            step.total(),
            step.direction(),
            step.name()
        );
        let rows = author_count(cx).await?;
        cx.state_mut().rows_before = rows;
        Ok(())
    }

    #[after_migration]
    async fn time_it(step: &MigrationStep, cx: &mut MigrationContext<'_, RunStats>) -> HookResult {
        let after = author_count(cx).await?.unwrap_or(0);
        let before = cx.state().rows_before.unwrap_or(0);
        let elapsed = step.elapsed().unwrap_or_default();
        cx.state_mut()
            .lines
            .push((step.name().to_owned(), after - before, elapsed));
        Ok(())
    }

    #[on_migration_error]
    fn report_failure(failure: &MigrationFailure) {
        eprintln!(
            "  {} failed after {:?}: {}",
            failure.step().name(),
            failure.step().elapsed().unwrap_or_default(),
            failure.error()
        );
    }

    #[after_down]
    fn restore_point(cx: &mut MigrationContext<'_, RunStats>) {
        if let Some(backup) = &cx.state().backup {
            println!("  rolled back; {backup} restores it");
        }
    }

    #[after_run]
    fn summary(summary: &RunSummary, cx: &mut MigrationContext<'_, RunStats>) {
        let done = match summary.direction() {
            MigrationDirection::Up => "applied",
            MigrationDirection::Down => "rolled back",
        };
        println!(
            "{} run done: {} {done}, {} skipped, {:.1?} in all",
            summary.direction(),
            summary.applied().len(),
            summary.skipped().len(),
            summary.elapsed()
        );
        for (name, rows, elapsed) in &cx.state().lines {
            println!("  {name:<40} {rows:+} rows  {elapsed:>10.1?}");
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), DbErr> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target");
    std::fs::create_dir_all(&dir).map_err(|e| DbErr::Custom(e.to_string()))?;
    let dir = dir
        .canonicalize()
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let file = dir.join("migrate-example.sqlite");
    let _ = std::fs::remove_file(&file);
    let db = Database::connect(format!("sqlite://{}?mode=rwc", file.display())).await?;

    // What a migration crate's `main` does with `cli::run_cli(Migrator)`:
    // `migrate up` ends in this same call.
    Migrator::up(&db, None).await?;
    // `migrate down` (two steps): unseeds and drops `books`.
    Migrator::down(&db, Some(2)).await?;

    println!("migrated {}", file.display());
    Ok(())
}
