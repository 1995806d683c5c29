//! The audit trail of `setting`: one row per update, (old, new). No hooks.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "setting_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub setting_id: i32,
    pub old_value: String,
    pub new_value: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
