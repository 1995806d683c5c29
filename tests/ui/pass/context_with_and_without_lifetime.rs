// `&HookContext`, `&HookContext<'_>` and `&hooks_orm::HookContext<'_>`, sync and async.

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
    #[before_save]
    fn sync_elided(cx: &HookContext) {
        let _ = cx.db();
    }
    #[before_save]
    fn sync_anonymous(cx: &HookContext<'_>) {
        let _ = cx.db();
    }
    #[before_save]
    async fn async_anonymous(cx: &HookContext<'_>) {
        let _ = cx.db();
    }
    #[before_save]
    async fn async_full_path(cx: &hooks_orm::HookContext<'_>) {
        let _ = cx.db();
    }
}

fn main() {}
