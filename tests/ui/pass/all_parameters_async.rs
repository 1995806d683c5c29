// Every event, each hook async and taking all its parameters (`HookContext<'_>`: in an async
// fn the elided lifetime must be written).

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
    #[before_save]
    async fn before_save(post: &mut ActiveModel, cx: &HookContext<'_>) {
        let _ = (post, cx);
    }
    #[before_create]
    async fn before_create(post: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        let _ = (post, cx);
        Ok(())
    }
    #[after_create]
    async fn after_create(&self, cx: &HookContext<'_>) -> HookResult {
        Self::find_by_id(self.id).one(cx.db()).await?;
        Ok(())
    }
    #[before_update]
    async fn before_update(change: &mut ActiveModel, old: &Model, cx: &HookContext<'_>) {
        let _ = (change, old, cx);
    }
    #[after_update]
    async fn after_update(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        let _ = (old, cx);
        Ok(())
    }
    #[after_save]
    async fn after_save(&self, cx: &HookContext<'_>) {
        let _ = cx;
    }
    #[before_delete]
    async fn before_delete(&self, cx: &HookContext<'_>) -> HookResult<Deletion> {
        let _ = cx;
        Ok(Deletion::Proceed)
    }
    #[after_delete]
    async fn after_delete(&self, cx: &HookContext<'_>) {
        let _ = cx;
    }
    #[after_delete]
    async fn after_delete_no_params() {}
}

impl Model {
    fn find_by_id(id: i32) -> Select<Entity> {
        Entity::find_by_id(id)
    }
}

fn main() {}
