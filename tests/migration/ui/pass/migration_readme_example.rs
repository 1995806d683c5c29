// The example of the README's "Migration hooks" section, verbatim.

use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

#[derive(Default)]
pub struct Stats {
    backup: Option<String>,
    done: usize,
}

pub struct Migrator;

#[migration_hooks(state = Stats)]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![/* Box::new(m20260101_000001_create_authors::Migration), ... */]
    }

    #[before_run(priority = -10)]
    async fn not_locked(cx: &mut MigrationContext<'_, Stats>) -> HookResult {
        if cx.manager().has_table("migration_lock").await? {
            return Err(HookError::forbidden("another run holds the lock"));
        }
        Ok(())
    }

    #[before_down]
    fn backup(plan: &MigrationPlan, cx: &mut MigrationContext<'_, Stats>) {
        cx.state_mut().backup = Some(format!("before-{}", plan.migrations().join("+")));
    }

    #[after_migration]
    fn count(step: &MigrationStep, cx: &mut MigrationContext<'_, Stats>) {
        cx.state_mut().done += 1;
        println!("{} {} in {:?}", step.direction(), step.name(), step.elapsed());
    }

    #[on_migration_error]
    fn report(failure: &MigrationFailure) {
        eprintln!("{} failed: {}", failure.step().name(), failure.error());
    }

    #[after_run]
    fn summary(summary: &RunSummary, cx: &mut MigrationContext<'_, Stats>) {
        println!("{} done, {} skipped, {:?}", cx.state().done, summary.skipped().len(), summary.elapsed());
    }
}

fn main() {}
