// An event attribute inside a `cfg_attr` that holds makes a hook, and it is checked.

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
    #[cfg_attr(all(), after_save)]
    fn saved(row: &mut Model) {
        let _ = row;
    }
}

fn main() {}
