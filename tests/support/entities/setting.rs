//! A setting whose every change is audited with the value it replaced: the
//! concurrency test's entity.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::setting_change;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "settings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[after_update]
    async fn audit(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        setting_change::ActiveModel {
            setting_id: Set(self.id),
            old_value: Set(old.value.clone()),
            new_value: Set(self.value.clone()),
            ..Default::default()
        }
        .insert(cx.db())
        .await?;
        Ok(())
    }
}
