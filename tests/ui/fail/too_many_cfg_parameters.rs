// More parameters under `#[cfg]` than a hook can take.

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
    #[after_update]
    fn check(
        #[cfg(all())] a: &Model,
        #[cfg(all())] b: &Model,
        #[cfg(all())] c: &HookContext,
        #[cfg(all())] d: &HookContext,
    ) {
        let _ = (a, b, c, d);
    }
}

fn main() {}
