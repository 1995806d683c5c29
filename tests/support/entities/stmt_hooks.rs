//! Statement counts (`tests/statements.rs`): hooks on every event, none of
//! which takes the old row or writes anything.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "stmt_hooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_save]
    fn not_negative(change: &mut ActiveModel) -> HookResult {
        match change.value {
            Set(value) if value < 0 => Err(HookError::invalid("value", "must not be negative")),
            _ => Ok(()),
        }
    }

    #[before_create]
    fn before_create() {}

    #[after_create]
    fn after_create(&self) {}

    #[before_update]
    fn before_update(change: &mut ActiveModel) {
        let _ = change;
    }

    #[after_update]
    fn after_update(&self) {}

    #[after_save]
    fn after_save(&self) {}

    #[before_delete]
    fn before_delete(&self) {}

    #[after_delete]
    fn after_delete(&self) {}
}
