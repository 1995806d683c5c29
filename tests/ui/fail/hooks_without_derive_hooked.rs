// A `#[hooks]` block on a `Model` that does not derive `Hooked`, beside a
// hand-written `ActiveModelBehavior`: the hooks would never run.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

#[hooks]
impl Model {
    #[before_create]
    fn refuse_everything(post: &mut ActiveModel) -> HookResult {
        let _ = post;
        Err(HookError::forbidden("no inserts"))
    }
}

fn main() {}
