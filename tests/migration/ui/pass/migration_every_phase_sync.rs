// Every phase, sync, with both parameters and with none.

use hooks_orm::HookResult;
use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

#[derive(Default)]
pub struct Stats {
    pub seen: usize,
}

pub struct Migrator;

#[migration_hooks(state = Stats)]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[before_run]
    fn before_run_both(plan: &MigrationPlan, cx: &mut MigrationContext<'_, Stats>) -> HookResult {
        cx.state_mut().seen += plan.migrations().len();
        Ok(())
    }

    #[before_run]
    fn before_run_none() {}

    #[before_down]
    fn before_down_both(plan: &MigrationPlan, cx: &mut MigrationContext<'_, Stats>) {
        let _ = (plan.skipped(), cx.direction());
    }

    #[before_down]
    fn before_down_none() -> HookResult {
        Ok(())
    }

    #[before_migration]
    fn before_migration_both(step: &MigrationStep, cx: &mut MigrationContext<'_, Stats>) {
        let _ = (step.name(), step.index(), step.total(), cx.state().seen);
    }

    #[before_migration]
    fn before_migration_none() {}

    #[after_migration]
    fn after_migration_both(step: &MigrationStep, cx: &mut MigrationContext<'_, Stats>) {
        let _ = (step.elapsed(), step.direction(), cx.manager());
    }

    #[after_migration]
    fn after_migration_none() {}

    #[on_migration_error]
    fn on_migration_error_both(failure: &MigrationFailure, cx: &mut MigrationContext<'_, Stats>) {
        let _ = (failure.step(), failure.error(), cx.db());
    }

    #[on_migration_error]
    fn on_migration_error_none() {}

    #[after_down]
    fn after_down_both(summary: &RunSummary, cx: &mut MigrationContext<'_, Stats>) {
        let _ = (summary.applied(), cx.state());
    }

    #[after_down]
    fn after_down_none() {}

    #[after_run]
    fn after_run_both(summary: &RunSummary, cx: &mut MigrationContext<'_, Stats>) {
        let _ = (summary.elapsed(), summary.skipped(), summary.direction(), cx.state());
    }

    #[after_run]
    fn after_run_none() {}
}

fn main() {}
