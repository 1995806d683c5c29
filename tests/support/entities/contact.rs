//! Hooks with conditions: `if_changed(..)` and `when = ..`.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub email: String,
    pub vip: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// A change that marks the contact a VIP.
fn makes_vip(change: &ActiveModel) -> bool {
    matches!(change.vip, Set(true))
}

impl Model {
    fn is_vip(&self) -> bool {
        self.vip
    }
}

#[hooks]
impl Model {
    #[before_update(if_changed(email))]
    async fn email_in_change(change: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        write(
            cx,
            format!("before_update:email_in_change:{:?}", change.email),
        )
        .await?;
        Ok(())
    }

    #[before_save(when = makes_vip)]
    async fn welcome_vip(change: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        change.name = Set(format!("{} (VIP)", change.name.as_ref()));
        write(cx, "before_save:welcome_vip").await?;
        Ok(())
    }

    /// No old row parameter: `if_changed` on `after_update` reads it.
    #[after_update(if_changed(email, name))]
    async fn audit(&self, cx: &HookContext<'_>) -> HookResult {
        write(
            cx,
            format!("after_update:audit:{}:{}", self.name, self.email),
        )
        .await?;
        Ok(())
    }

    #[after_update(if_changed(vip), when = Self::is_vip, priority = 1)]
    async fn promoted(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_update:promoted:was_vip={}", old.vip)).await?;
        Ok(())
    }

    #[after_create(when = |contact| contact.email.ends_with("@vip.example"))]
    async fn greet_by_domain(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_create:greet_by_domain:{}", self.name)).await?;
        Ok(())
    }

    #[before_delete(when = Self::is_vip)]
    fn vips_stay(&self) -> HookResult<Deletion> {
        Ok(Deletion::Keep)
    }
}
