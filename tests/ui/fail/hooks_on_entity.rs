// `#[hooks] impl Entity` instead of `impl Model`.

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
impl Entity {
    #[before_create]
    fn check(post: &mut ActiveModel) {
        let _ = post;
    }

    #[after_save]
    async fn saved(row: &Model, cx: &HookContext<'_>) -> HookResult {
        let _ = (row, cx);
        Ok(())
    }
}

fn main() {}
