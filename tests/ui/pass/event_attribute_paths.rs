// The paths that name the event attributes: bare, through `hooks_orm`, through
// its prelude, with a leading `::`.

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
    #[before_create]
    fn a(post: &mut ActiveModel) {
        let _ = post;
    }
    #[hooks_orm::before_save]
    fn b(post: &mut ActiveModel) {
        let _ = post;
    }
    #[hooks_orm::prelude::after_create]
    fn c(&self) {}
    #[::hooks_orm::after_save(priority = 3)]
    fn d(&self) {}
    #[::hooks_orm::prelude::before_delete()]
    fn e(&self) {}
}

fn main() {}
