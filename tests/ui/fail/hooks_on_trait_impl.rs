// `#[hooks]` on a trait impl instead of the inherent `impl Model`.

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

pub trait Audit {
    fn audit(&self);
}

#[hooks]
impl Audit for Model {
    #[after_save]
    fn audit(&self) {}
}

fn main() {}
