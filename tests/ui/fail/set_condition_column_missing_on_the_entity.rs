// A set's `if_changed(title)` needs the column on every entity it is
// attached to: the attach fails on one without it.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

pub struct TitleAudit;

#[hook_set]
impl TitleAudit {
    #[before_update(if_changed(title))]
    fn title_changed<M>(row: &mut ActiveModelOf<M>) {
        let _ = row;
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "tags")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks(sets(TitleAudit))]
impl Model {}

fn main() {}
