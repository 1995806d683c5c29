use hooks_orm::migration::prelude::*;
use sea_orm_migration::prelude::*;

pub struct Migrator;

#[migration_hooks]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![]
    }

    async fn up<'c, C>(_db: C, _steps: Option<u32>) -> Result<(), DbErr>
    where
        C: IntoSchemaManagerConnection<'c>,
    {
        Ok(())
    }

    #[before_run]
    fn check(_plan: &MigrationPlan) {}
}

fn main() {}
