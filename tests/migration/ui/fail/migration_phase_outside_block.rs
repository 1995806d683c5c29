use hooks_orm::HookResult;
use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }
}

#[before_run]
fn check(_plan: &MigrationPlan) -> HookResult {
    Ok(())
}

fn main() {}
