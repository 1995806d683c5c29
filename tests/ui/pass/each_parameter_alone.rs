// Every parameter of every event, taken alone.

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
    fn before_save_change(post: &mut ActiveModel) {
        let _ = post;
    }
    #[before_save]
    fn before_save_context(cx: &HookContext) {
        let _ = cx;
    }
    #[before_create]
    fn before_create_change(post: &mut ActiveModel) {
        let _ = post;
    }
    #[before_create]
    fn before_create_context(cx: &HookContext) {
        let _ = cx;
    }
    #[after_create]
    fn after_create_self(&self) {}
    #[after_create]
    fn after_create_row(row: &Model) {
        let _ = row;
    }
    #[after_create]
    fn after_create_context(cx: &HookContext) {
        let _ = cx;
    }
    #[before_update]
    fn before_update_change(change: &mut ActiveModel) {
        let _ = change;
    }
    #[before_update]
    fn before_update_old(old: &Model) {
        let _ = old;
    }
    #[before_update]
    fn before_update_context(cx: &HookContext) {
        let _ = cx;
    }
    #[after_update]
    fn after_update_self(&self) {}
    #[after_update]
    fn after_update_row(row: &Model) {
        let _ = row;
    }
    #[after_update]
    fn after_update_context(cx: &HookContext) {
        let _ = cx;
    }
    #[after_save]
    fn after_save_self(&self) {}
    #[after_save]
    fn after_save_row(row: &Model) {
        let _ = row;
    }
    #[after_save]
    fn after_save_context(cx: &HookContext) {
        let _ = cx;
    }
    #[before_delete]
    fn before_delete_self(&self) {}
    #[before_delete]
    fn before_delete_row(row: &Model) {
        let _ = row;
    }
    #[before_delete]
    fn before_delete_context(cx: &HookContext) {
        let _ = cx;
    }
    #[after_delete]
    fn after_delete_self(&self) {}
    #[after_delete]
    fn after_delete_row(row: &Model) {
        let _ = row;
    }
    #[after_delete]
    fn after_delete_context(cx: &HookContext) {
        let _ = cx;
    }
}

fn main() {}
