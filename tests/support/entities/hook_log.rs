//! Where test hooks write what they saw. A plain entity, no hooks.

use hooks_orm::HookContext;
use sea_orm::entity::prelude::*;
use sea_orm::{ActiveModelTrait, Set};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hook_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Appends `entry` to the log on the hook's own connection.
pub async fn write(cx: &HookContext<'_>, entry: impl Into<String>) -> Result<(), DbErr> {
    ActiveModel {
        entry: Set(entry.into()),
        ..Default::default()
    }
    .insert(cx.db())
    .await?;
    Ok(())
}
