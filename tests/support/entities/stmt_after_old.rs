//! Statement counts (`tests/statements.rs`): an `after_update` hook that
//! takes the old row.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "stmt_after_old")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[after_update]
    fn only_grew(&self, old: &Model) -> HookResult {
        if self.value < old.value {
            return Err(HookError::invalid("value", "must not shrink"));
        }
        Ok(())
    }
}
