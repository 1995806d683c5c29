//! Only a `before_update` hook takes the old row.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub text: String,
    pub previous: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    /// Uses the context's connection with SeaORM's query API.
    #[after_create]
    async fn count_notes(cx: &HookContext<'_>) -> HookResult {
        let notes = Entity::find().count(cx.db()).await?;
        super::hook_log::write(cx, format!("after_create:count_notes:{notes}")).await?;
        Ok(())
    }

    #[before_update]
    fn remember_previous(change: &mut ActiveModel, old: &Model) {
        change.previous = Set(old.text.clone());
    }
}
