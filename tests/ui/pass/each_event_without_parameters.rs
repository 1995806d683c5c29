// Every event, each hook taking nothing.

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
    #[before_save]
    fn before_save() {}
    #[before_create]
    fn before_create() {}
    #[after_create]
    fn after_create() {}
    #[before_update]
    fn before_update() {}
    #[after_update]
    fn after_update() {}
    #[after_save]
    fn after_save() {}
    #[before_delete]
    fn before_delete() {}
    #[after_delete]
    fn after_delete() {}
}

fn main() {}
