// `when` on a `before_*` hook takes the change, `fn(&ActiveModel) -> bool`.

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

fn is_admin(user: &Model) -> bool {
    user.name == "admin"
}

#[hooks]
impl Model {
    #[before_save(when = is_admin)]
    fn check(change: &mut ActiveModel) {
        let _ = change;
    }
}

fn main() {}
