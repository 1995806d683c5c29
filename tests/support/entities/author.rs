//! Dense-format entity with a has-many relation, for SeaORM's nested
//! `ActiveModelEx` saves.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "authors")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    #[sea_orm(has_many)]
    pub articles: HasMany<super::article::Entity>,
}

#[hooks]
impl Model {
    #[before_create]
    fn trim_name(author: &mut ActiveModel) {
        if let Set(name) = &author.name {
            author.name = Set(name.trim().to_owned());
        }
    }

    #[after_create]
    async fn created(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("author:after_create:{}", self.name)).await?;
        Ok(())
    }

    #[before_delete]
    async fn deleting(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("author:before_delete:{}", self.name)).await?;
        Ok(())
    }

    #[after_delete]
    async fn deleted(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("author:after_delete:{}", self.name)).await?;
        Ok(())
    }
}
