// `on_error = "log"` on a `before_*` hook: its error must stop the write.

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
    #[before_create(on_error = "log")]
    fn check(post: &mut ActiveModel) -> HookResult {
        let _ = post;
        Ok(())
    }
}

fn main() {}
