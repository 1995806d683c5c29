// Negative, zero, positive, suffixed and extreme priorities; one fn on several events.

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
    #[before_save(priority = -10)]
    fn first() {}
    #[before_save(priority = 0)]
    fn second() {}
    #[before_save()]
    fn third() {}
    #[before_save(priority = 10i32)]
    fn fourth() {}
    #[before_save(priority = -2147483648)]
    fn minimum() {}
    #[before_save(priority = 2147483647)]
    fn maximum() {}
    #[after_create(priority = 1)]
    #[after_update(priority = -1)]
    #[after_save]
    fn several_events(&self) {}
}

fn main() {}
