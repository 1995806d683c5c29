// The context under another name (a renamed import, a type alias) in every
// position where it fits; the type checker, not the spelling, decides.

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

use hooks_orm::HookContext as Ctx;
type Context<'a> = hooks_orm::HookContext<'a>;
type Row = Model;

#[hooks]
impl Model {
    #[before_create]
    fn a(post: &mut ActiveModel, cx: &Ctx) {
        let _ = (post, cx.event());
    }
    #[before_save]
    fn b(cx: &Context<'_>) {
        let _ = cx.entity();
    }
    #[after_create]
    fn c(cx: &Ctx) {
        let _ = cx.event();
    }
    #[after_create]
    fn d(row: &Row) {
        let _ = row.id;
    }
    #[after_save]
    async fn e(&self, cx: &Ctx<'_>) {
        let _ = cx.db();
    }
    #[before_update]
    fn f(change: &mut ActiveModel, cx: &Ctx) {
        let _ = (change, cx.event());
    }
    #[before_update]
    fn g(change: &mut ActiveModel, old: &Row) {
        let _ = (change, old.id);
    }
    #[after_update]
    fn h(&self, cx: &Context) {
        let _ = cx.event();
    }
    #[after_update]
    fn i(new: &Row, old: &Row, cx: &Ctx) {
        let _ = (new.id, old.id, cx.event());
    }
    #[before_delete]
    fn j(cx: &Ctx) -> HookResult<Deletion> {
        let _ = cx.event();
        Ok(Deletion::Proceed)
    }
}

fn main() {}
