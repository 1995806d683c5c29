// The row as `&self`, `&Model`, `&Self` and `&crate::Model`; the old row as `&Model` or
// `&Self`.

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
    #[after_create]
    fn by_receiver(&self) {}
    #[after_create]
    fn by_model(row: &Model) {
        let _ = row;
    }
    #[after_create]
    fn by_self_type(row: &Self) {
        let _ = row;
    }
    #[after_create]
    fn by_path(row: &crate::Model) {
        let _ = row;
    }
    #[after_update]
    fn old_as_self(&self, old: &Self) {
        let _ = old;
    }
    #[before_update]
    fn change_by_path(change: &mut crate::ActiveModel, old: &Self) {
        let _ = (change, old);
    }
    #[after_save]
    fn with_lifetime<'a>(row: &'a Model, cx: &'a HookContext<'a>) {
        let _ = (row, cx);
    }
}

fn main() {}
