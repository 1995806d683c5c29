//! A member whose `after_create` hook queues a welcome job, a hooked write of
//! its own: for a constraint that a hook's write breaks.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::job;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "members")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[after_create]
    async fn queue_welcome(&self, cx: &HookContext<'_>) -> HookResult {
        job::ActiveModel {
            name: Set(format!("welcome {}", self.email)),
            fail_at: Set(String::new()),
            ..Default::default()
        }
        .insert(cx.db())
        .await?;
        Ok(())
    }

    #[after_save]
    async fn saved(&self, cx: &HookContext<'_>) -> HookResult {
        super::hook_log::write(cx, format!("member:after_save:{}", self.email)).await?;
        Ok(())
    }
}
