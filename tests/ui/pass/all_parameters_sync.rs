// Every event, each hook taking all its parameters, sync.

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
    fn before_save(post: &mut ActiveModel, cx: &HookContext) {
        let _ = (post, cx);
    }
    #[before_create]
    fn before_create(post: &mut ActiveModel, cx: &HookContext) {
        let _ = (post, cx);
    }
    #[after_create]
    fn after_create(&self, cx: &HookContext) {
        let _ = cx;
    }
    #[before_update]
    fn before_update(change: &mut ActiveModel, old: &Model, cx: &HookContext) {
        let _ = (change, old, cx);
    }
    #[before_update]
    fn before_update_skips_old(change: &mut ActiveModel, cx: &HookContext) {
        let _ = (change, cx);
    }
    #[before_update]
    fn before_update_skips_change(old: &Model, cx: &HookContext) {
        let _ = (old, cx);
    }
    #[after_update]
    fn after_update(&self, old: &Model, cx: &HookContext) {
        let _ = (old, cx);
    }
    #[after_update]
    fn after_update_rows_by_type(row: &Model, old: &Model) {
        let _ = (row, old);
    }
    #[after_save]
    fn after_save(&self, cx: &HookContext) {
        let _ = cx;
    }
    #[before_delete]
    fn before_delete(&self, cx: &HookContext) {
        let _ = cx;
    }
    #[after_delete]
    fn after_delete(&self, cx: &HookContext) {
        let _ = cx;
    }
}

fn main() {}
