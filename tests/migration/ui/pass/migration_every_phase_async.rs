// Every phase, async, with each parameter alone; no `state`: the context is
// `MigrationContext<'_>` (state `()`).

use hooks_orm::HookResult;
use hooks_orm::migration::prelude::*;
use sea_orm::ConnectionTrait;
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[migration_hooks]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[before_run]
    async fn before_run(cx: &mut MigrationContext<'_>) -> HookResult {
        cx.db().execute_unprepared("SELECT 1").await?;
        Ok(())
    }

    #[before_down]
    async fn before_down(plan: &MigrationPlan) {
        let _ = plan;
    }

    #[before_migration]
    async fn before_migration(step: &MigrationStep) -> HookResult {
        let _ = step;
        Ok(())
    }

    #[after_migration]
    async fn after_migration(cx: &mut MigrationContext<'_, ()>) -> HookResult {
        let _ = cx.manager().has_table("t").await?;
        Ok(())
    }

    #[on_migration_error]
    async fn on_migration_error(failure: &MigrationFailure) {
        let _ = failure;
    }

    #[after_down]
    async fn after_down() {}

    #[after_run]
    async fn after_run(summary: &RunSummary) -> HookResult {
        let _ = summary;
        Ok(())
    }
}

fn main() {}
