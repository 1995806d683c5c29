#![deny(warnings)]

// Attribute paths through `hooks_orm`, priorities, several phases on one fn,
// `cfg` and `cfg_attr` on hooks, `pub` hooks that stay callable, helpers in
// the block, `#[async_trait]` written below `#[migration_hooks]`, and a state
// type spelled through an alias.

use hooks_orm::HookResult;
use sea_orm_migration::prelude::*;

#[derive(Default)]
pub struct Stats(pub Vec<&'static str>);
type StatsAlias = Stats;
type Step = hooks_orm::migration::MigrationStep;

pub struct Migrator;

#[hooks_orm::migration::migration_hooks(state = StatsAlias)]
#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[hooks_orm::migration::before_migration(priority = 10)]
    #[hooks_orm::migration::prelude::after_migration(priority = -10)]
    pub fn both(step: &Step, cx: &mut hooks_orm::migration::MigrationContext<'_, Stats>) {
        let _ = step;
        cx.state_mut().0.push("both");
    }

    #[cfg(any())]
    #[hooks_orm::migration::before_run]
    fn compiled_out(wrong: &WrongType) -> WrongReturn {}

    #[cfg_attr(all(), hooks_orm::migration::after_run)]
    fn under_cfg_attr() -> HookResult {
        Ok(())
    }

    #[cfg_attr(any(), hooks_orm::migration::after_run)]
    #[allow(dead_code)]
    fn not_a_hook_here() {}
}

fn main() {
    let _: fn(&Step, &mut hooks_orm::migration::MigrationContext<'_, Stats>) = Migrator::both;
    let _ = Migrator::under_cfg_attr();
}
