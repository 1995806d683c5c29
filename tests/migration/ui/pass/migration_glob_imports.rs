#![deny(warnings)]

// The migration prelude glob-imports cleanly beside SeaORM's, sea-orm-migration's
// and hooks-orm's own, and every name resolves.

use hooks_orm::migration::prelude::*;
use hooks_orm::prelude::*;
use sea_orm::*;
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[migration_hooks]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[before_run]
    fn a(plan: &MigrationPlan, cx: &mut MigrationContext<'_>) -> HookResult {
        if plan.direction() == MigrationDirection::Down && cx.direction() == MigrationDirection::Up {
            return Err(HookError::forbidden("never"));
        }
        Ok(())
    }

    #[before_down]
    fn b() {}
    #[before_migration]
    fn c(_: &MigrationStep) {}
    #[after_migration]
    fn d(_: &MigrationStep) {}
    #[on_migration_error]
    fn e(_: &MigrationFailure) {}
    #[after_down]
    fn f(_: &RunSummary) {}
    #[after_run]
    fn g(_: &RunSummary) {}
}

fn check(err: &DbErr) -> Option<MigrationHookError> {
    MigrationHookError::from_db_err(err)
}

fn main() {
    let _ = check;
    let _ = Set(1);
}
