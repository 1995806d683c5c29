//! An entity with two hook sets from a library crate (`hook-sets`) and hooks
//! of its own between theirs.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "journals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks(sets(hook_sets::Timestamps, hook_sets::SoftDelete))]
impl Model {
    /// Before `Timestamps` (priority -100): no stamp yet.
    #[before_create(priority = -200)]
    async fn before_stamps(change: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        write(
            cx,
            format!(
                "before_stamps:created_at_set={}",
                change.created_at.is_set()
            ),
        )
        .await?;
        Ok(())
    }

    /// After it: the stamp is there.
    #[before_create]
    async fn after_stamps(change: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        write(
            cx,
            format!("after_stamps:created_at_set={}", change.created_at.is_set()),
        )
        .await?;
        Ok(())
    }

    /// Before `SoftDelete` (priority 100): a refusal here refuses the soft
    /// delete too.
    #[before_delete]
    fn locked_stays(&self) -> HookResult {
        if self.title == "locked" {
            return Err(HookError::forbidden("a locked journal stays"));
        }
        Ok(())
    }
}
