// An event attribute on a macro invocation inside a `#[hooks]` block, where the
// macro would expand to a fn.

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

macro_rules! make_hook {
    () => {
        fn check(post: &mut ActiveModel) {
            let _ = post;
        }
    };
}

#[hooks]
impl Model {
    #[before_create]
    make_hook!();
}

fn main() {}
