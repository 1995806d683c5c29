// With its `#[cfg]` parameter present, this `before_update` hook takes the change
// twice; the error names that parameter.

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
    #[before_update]
    fn check(change: &mut ActiveModel, #[cfg(all())] again: &mut ActiveModel) {
        let _ = (change, again);
    }
}

fn main() {}
