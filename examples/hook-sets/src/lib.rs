//! Two hook sets, written once in a library and attached to any hooked
//! entity with one line, `#[hooks(sets(Timestamps, SoftDelete))]`:
//!
//! - [`Timestamps`] fills `created_at` on insert and `updated_at` on every
//!   save; the entity needs both columns, as `DateTimeUtc`.
//! - [`SoftDelete`] turns a delete into setting `deleted_at`; the entity
//!   needs `deleted_at: Option<DateTimeUtc>`. A row that is already marked is
//!   deleted for real.
//!
//! An entity without the columns fails to compile where the set is
//! attached: "`posts::Model` has no column `Col<'d', 'e', 'l', ...>`, which a
//! hook set attached to it needs".

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

/// Fills `created_at` (on insert) and `updated_at` (on every save) with the
/// current time. Its hooks run at priority -100, ahead of the entity's own,
/// so those see the stamps.
pub struct Timestamps;

#[hook_set]
impl Timestamps {
    #[before_create(priority = -100)]
    fn stamp_created<M>(change: &mut ActiveModelOf<M>)
    where
        M: HasColumn<col!(created_at), Value = DateTimeUtc>
            + HasColumn<col!(updated_at), Value = DateTimeUtc>,
    {
        let now = chrono::Utc::now();
        *col!(created_at).change::<M>(change) = Set(now);
        *col!(updated_at).change::<M>(change) = Set(now);
    }

    #[before_update(priority = -100)]
    fn stamp_updated<M>(change: &mut ActiveModelOf<M>)
    where
        M: HasColumn<col!(updated_at), Value = DateTimeUtc>,
    {
        *col!(updated_at).change::<M>(change) = Set(chrono::Utc::now());
    }
}

/// Keeps deleted rows, with `deleted_at` set. Its hook runs at priority 100,
/// after the entity's own `before_delete` hooks (a permission check that
/// refuses the delete refuses the soft delete too).
pub struct SoftDelete;

#[hook_set]
impl SoftDelete {
    #[before_delete(priority = 100)]
    async fn mark_deleted<M>(row: &M, cx: &HookContext<'_>) -> HookResult<Deletion>
    where
        M: SetModel + HasColumn<col!(deleted_at), Value = Option<DateTimeUtc>>,
    {
        if col!(deleted_at).of(row).is_some() {
            return Ok(Deletion::Proceed);
        }
        let mut change = row.clone().into_active_model();
        *col!(deleted_at).change::<M>(&mut change) = Set(Some(chrono::Utc::now()));
        change.update(cx.db()).await?;
        Ok(Deletion::Keep)
    }
}
