//! An entity whose only hook that would take the old row is compiled out, and
//! whose `before_update` hook takes the context (under another name) where the
//! old row could go: an update reads no old row.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

type Ctx<'a> = hooks_orm::HookContext<'a>;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "gizmos")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_update]
    async fn context_where_the_old_row_could_go(
        change: &mut ActiveModel,
        cx: &Ctx<'_>,
    ) -> HookResult {
        let _ = change;
        write(cx, "before_update:context").await?;
        Ok(())
    }

    #[cfg(hooks_test_off)]
    #[after_update]
    fn compiled_out(&self, old: &Model) {
        let _ = old;
    }
}
