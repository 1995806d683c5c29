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

/// A hook set of this crate, with conditions: it logs a change of title,
/// except on rows that are soft-deleted.
pub struct TitleAudit;

fn is_live<M: HasColumn<col!(deleted_at), Value = Option<DateTimeUtc>>>(row: &M) -> bool {
    col!(deleted_at).of(row).is_none()
}

#[hook_set]
impl TitleAudit {
    #[after_update(if_changed(title), when = is_live::<M>)]
    async fn title_changed<M>(row: &M, old: &M, cx: &HookContext<'_>) -> HookResult
    where
        M: HasColumn<col!(title), Value = String>
            + HasColumn<col!(deleted_at), Value = Option<DateTimeUtc>>,
    {
        let (now, was) = (col!(title).of(row), col!(title).of(old));
        write(cx, format!("title_changed:{was}->{now}")).await?;
        Ok(())
    }
}

#[hooks(sets(hook_sets::Timestamps, hook_sets::SoftDelete, TitleAudit))]
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
