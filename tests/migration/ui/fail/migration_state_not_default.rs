use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

pub struct Migrator;

pub struct Stats;

#[migration_hooks(state = Stats)]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[before_run]
    fn check(_cx: &mut MigrationContext<'_, Stats>) {}
}

fn main() {}
