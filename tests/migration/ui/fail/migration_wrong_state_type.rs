use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[derive(Default)]
pub struct Stats;
pub struct Other;

#[migration_hooks(state = Stats)]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[after_migration]
    fn count(_step: &MigrationStep, _cx: &mut MigrationContext<'_, Other>) {}
}

fn main() {}
