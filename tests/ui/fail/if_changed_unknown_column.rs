// `if_changed` names a column the entity does not have: the compiler's
// "no field" error at the name, with the close one it suggests.

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

#[hooks]
impl Model {
    #[before_update(if_changed(emial))]
    fn email_changed(change: &mut ActiveModel) {
        let _ = change;
    }
}

fn main() {}
