// `on_error = "log"` on every `after_*` event, sync and async, beside a
// priority; `on_error = "propagate"` (the default) on any event.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[after_create(on_error = "log")]
    fn a(&self) -> HookResult {
        Ok(())
    }
    #[after_update(priority = 2, on_error = "log")]
    async fn b(&self, old: &Model) -> HookResult {
        let _ = old;
        Ok(())
    }
    #[after_save(on_error = "log")]
    fn c(&self) {}
    #[after_delete(on_error = "log", priority = -1)]
    async fn d(&self, cx: &HookContext<'_>) -> HookResult {
        let _ = cx;
        Ok(())
    }
    #[before_create(on_error = "propagate")]
    fn e(post: &mut ActiveModel) -> HookResult {
        let _ = post;
        Ok(())
    }
}

fn main() {}
