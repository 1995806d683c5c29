// A `when` predicate must return `bool`.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

fn admin_level(user: &Model) -> i32 {
    user.id
}

#[hooks]
impl Model {
    #[after_create(when = admin_level)]
    fn welcome(&self) {}
}

fn main() {}
