//! Hooks written the ways real code writes them: under `cfg` and `cfg_attr`,
//! with a parameter under `cfg`, the context and the row under other names,
//! and a raw identifier. Each logs its name, so a test sees which ran and how
//! often.

use hooks_orm::HookContext as Ctx;
use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

/// The row under another name.
type Widget = Model;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "widgets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    /// Two fns of one name under opposite `cfg`s: one hook, run once.
    #[cfg(hooks_test_on)]
    #[after_create]
    async fn twin(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, "after_create:twin:compiled").await?;
        Ok(())
    }

    #[cfg(not(hooks_test_on))]
    #[after_create]
    async fn twin(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, "after_create:twin:compiled out").await?;
        Ok(())
    }

    #[cfg_attr(hooks_test_on, after_create(priority = 1))]
    async fn switched_on(&self, cx: &Ctx<'_>) -> HookResult {
        write(cx, "after_create:switched_on").await?;
        Ok(())
    }

    #[cfg_attr(hooks_test_off, after_create)]
    #[allow(dead_code)]
    async fn switched_off(&self, cx: &Ctx<'_>) -> HookResult {
        write(cx, "after_create:switched_off").await?;
        Ok(())
    }

    /// Fails for a widget named `flaky`; its error is logged, and the write
    /// and the next hook go on.
    #[after_save(priority = -1, on_error = "log")]
    fn flaky(&self) -> HookResult {
        if self.name == "flaky" {
            return Err(HookError::other("the flaky widget service is down"));
        }
        Ok(())
    }

    /// The context alone, under another name, where the row could also go.
    #[after_save]
    async fn context_by_alias(cx: &Ctx<'_>) -> HookResult {
        write(cx, format!("after_save:context_by_alias:{}", cx.event())).await?;
        Ok(())
    }

    /// The old row under another name: the type says it is the row, so it is loaded.
    #[before_update]
    async fn old_row_by_alias(change: &mut ActiveModel, old: &Widget, cx: &Ctx<'_>) -> HookResult {
        let new = match &change.name {
            Set(name) | Unchanged(name) => name.clone(),
            NotSet => String::new(),
        };
        write(
            cx,
            format!("before_update:old_row_by_alias:{}->{new}", old.name),
        )
        .await?;
        Ok(())
    }

    /// A parameter under `cfg`: present here, so the hook gets the context.
    #[after_update]
    async fn with_cfg_parameter(
        &self,
        #[cfg(hooks_test_off)] missing: &Model,
        #[cfg(hooks_test_on)] cx: &HookContext<'_>,
    ) -> HookResult {
        write(cx, format!("after_update:with_cfg_parameter:{}", self.name)).await?;
        Ok(())
    }

    /// A raw identifier: errors name it `type`.
    #[before_delete]
    fn r#type(&self) -> HookResult {
        if self.name == "locked" {
            return Err(HookError::forbidden("locked widgets stay"));
        }
        Ok(())
    }
}
