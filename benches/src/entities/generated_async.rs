//! The four hooks, generated, with `after_create` an `async fn`: the glue
//! then awaits the save hooks in a state machine of its own.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "generated_async_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_save]
    fn normalise(row: &mut ActiveModel) {
        if let Set(name) = &mut row.name {
            super::normalise(name);
        }
    }

    #[before_create]
    fn validate(row: &mut ActiveModel) -> HookResult {
        match &row.name {
            Set(name) => super::validate(name),
            _ => Ok(()),
        }
    }

    #[after_create]
    async fn bump() {
        super::bump();
    }

    #[after_save]
    fn nothing(&self) {}
}
