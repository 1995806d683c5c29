//! A ticket whose `after_commit` / `after_rollback` hooks log to `hook_log`
//! through `cx.db()`, which after the end of a transaction is the pool.
//!
//! By name: `fail-commit` fails its `after_commit` hook; `fail-after` fails
//! `after_create`; `with-badge*` also inserts a badge from `after_create`
//! through `cx.db()` (a nested write); `counted` logs how many tickets the
//! pool shows its `after_commit` hook.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[after_create]
    async fn side_writes(&self, cx: &HookContext<'_>) -> HookResult {
        if self.name.starts_with("with-badge") {
            super::badge::ActiveModel {
                label: Set(format!("badge of {}", self.name)),
                ..Default::default()
            }
            .insert(cx.db())
            .await?;
        }
        if self.name == "fail-after" {
            return Err(HookError::validation("after_create refuses"));
        }
        Ok(())
    }

    #[after_commit]
    async fn announce(&self, kind: WriteKind, cx: &HookContext<'_>) -> HookResult {
        let actor = cx
            .get::<crate::Actor>()
            .map_or("-", |actor| actor.0.as_str());
        write(
            cx,
            format!("after_commit:tickets:{}:{kind}:{actor}", self.name),
        )
        .await?;
        if self.name == "fail-commit" {
            return Err(HookError::other("the notification service is down"));
        }
        Ok(())
    }

    #[after_commit(priority = 1)]
    async fn count_visible(&self, cx: &HookContext<'_>) -> HookResult {
        if self.name == "counted" {
            let visible = Entity::find().count(cx.db()).await?;
            write(
                cx,
                format!("after_commit:tickets:counted:visible={visible}"),
            )
            .await?;
        }
        Ok(())
    }

    #[after_rollback]
    async fn forget(&self, kind: WriteKind, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_rollback:tickets:{}:{kind}", self.name)).await?;
        Ok(())
    }
}
