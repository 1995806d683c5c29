// Every macro named by its full path, without the prelude.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, hooks_orm::Hooked)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks_orm::hooks]
impl Model {
    #[hooks_orm::before_save]
    fn before_save(post: &mut ActiveModel, cx: &hooks_orm::HookContext) {
        let _ = (post, cx);
    }
    #[::hooks_orm::before_create(priority = -1)]
    fn before_create() -> hooks_orm::HookResult {
        Ok(())
    }
    #[hooks_orm::after_create]
    fn after_create(&self) {}
    #[hooks_orm::before_update]
    fn before_update(change: &mut ActiveModel, old: &Model) {
        let _ = (change, old);
    }
    #[hooks_orm::after_update]
    fn after_update(&self, old: &Model) {
        let _ = old;
    }
    #[hooks_orm::after_save]
    fn after_save(&self) {}
    #[hooks_orm::before_delete]
    fn before_delete(&self) -> hooks_orm::HookResult<hooks_orm::Deletion> {
        Ok(hooks_orm::Deletion::Proceed)
    }
    #[hooks_orm::after_delete]
    fn after_delete(&self) {}
}

fn main() {}
