// The context, under another name, taken as `&mut`: the type checker says what it is.

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

#[hooks]
impl Model {
    #[before_create]
    fn check(cx: &mut Ctx) {
        let _ = cx;
    }
}

fn main() {}
