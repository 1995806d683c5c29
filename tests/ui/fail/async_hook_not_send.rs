// An `async` hook whose future is not `Send`: it holds an `Rc` across an `.await`.

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
    #[after_save]
    async fn saved(&self, cx: &HookContext<'_>) -> HookResult {
        let shared = std::rc::Rc::new(self.id);
        Entity::find().one(cx.db()).await?;
        let _ = shared;
        Ok(())
    }
}

fn main() {}
