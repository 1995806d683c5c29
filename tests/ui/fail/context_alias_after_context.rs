// An alias of the context where the old row goes, after the context: out of order.

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

type Ctx<'a> = HookContext<'a>;

#[hooks]
impl Model {
    #[after_update]
    fn check(&self, cx: &HookContext, again: &Ctx) {
        let _ = (cx, again);
    }
}

fn main() {}
