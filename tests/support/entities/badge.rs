//! A second entity with `after_commit` / `after_rollback` hooks, for the
//! order of commit hooks across entities.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "badges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[after_commit]
    async fn announce(&self, kind: WriteKind, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_commit:badges:{}:{kind}", self.label)).await?;
        Ok(())
    }

    #[after_rollback]
    async fn forget(&self, kind: WriteKind, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_rollback:badges:{}:{kind}", self.label)).await?;
        Ok(())
    }
}
