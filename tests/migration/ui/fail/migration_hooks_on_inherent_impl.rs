use hooks_orm::migration::prelude::*;

pub struct Migrator;

#[migration_hooks]
impl Migrator {
    #[before_run]
    fn check(_plan: &MigrationPlan) {}
}

fn main() {}
