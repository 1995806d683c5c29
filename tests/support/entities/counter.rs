//! An entity whose update hooks never take the old row: an update must be
//! SeaORM's single statement.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "counters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value: i32,
    pub updates: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_update]
    fn count_update(change: &mut ActiveModel) {
        if let Set(n) | Unchanged(n) = change.updates {
            change.updates = Set(n + 1);
        }
    }

    #[after_update]
    fn checked(&self) -> HookResult {
        if self.value < 0 {
            return Err(HookError::invalid("value", "must not be negative"));
        }
        Ok(())
    }
}
