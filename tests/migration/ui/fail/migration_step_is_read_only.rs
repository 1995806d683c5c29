use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[migration_hooks]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    #[after_migration]
    fn after(_step: &mut MigrationStep) {}
}

fn main() {}
