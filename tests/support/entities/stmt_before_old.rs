//! Statement counts (`tests/statements.rs`): a `before_update` hook that
//! takes the old row.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "stmt_before_old")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_update]
    fn only_grows(change: &mut ActiveModel, old: &Model) -> HookResult {
        match change.value {
            Set(value) if value < old.value => Err(HookError::invalid("value", "must not shrink")),
            _ => Ok(()),
        }
    }
}
