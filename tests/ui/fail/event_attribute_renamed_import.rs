// An event attribute imported under another name, inside a `#[hooks]` block.

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

use hooks_orm::before_create as normalize;

#[hooks]
impl Model {
    #[normalize]
    fn check(post: &mut ActiveModel) {
        let _ = post;
    }
}

fn main() {}
