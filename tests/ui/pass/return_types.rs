// Every accepted return type: nothing, `()`, `HookResult`, `HookResult<()>`, `Result<(),
// HookError>`, and in `before_delete` `HookResult<Deletion>`.

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
    fn nothing() {}
    #[before_save]
    fn unit() -> () {}
    #[before_save]
    fn hook_result() -> HookResult {
        Ok(())
    }
    #[before_save]
    fn hook_result_unit() -> HookResult<()> {
        Ok(())
    }
    #[before_save]
    fn result() -> Result<(), HookError> {
        Err(HookError::validation("no"))
    }
    #[before_save]
    async fn async_result() -> Result<(), HookError> {
        Ok(())
    }
    #[after_save]
    fn full_path() -> hooks_orm::HookResult {
        Ok(())
    }
    #[before_delete]
    fn delete_nothing() {}
    #[before_delete]
    fn delete_hook_result() -> HookResult {
        Ok(())
    }
    #[before_delete]
    fn delete_deletion() -> HookResult<Deletion> {
        Ok(Deletion::Keep)
    }
    #[before_delete]
    fn delete_result_deletion() -> Result<Deletion, HookError> {
        Ok(Deletion::Proceed)
    }
    #[before_delete]
    async fn delete_async_deletion(&self) -> HookResult<Deletion> {
        Ok(Deletion::Keep)
    }
}

fn main() {}
