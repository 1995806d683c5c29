//! The child side of `author`.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "articles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub author_id: i32,
    pub title: String,
    #[sea_orm(belongs_to, from = "author_id", to = "id")]
    pub author: BelongsTo<super::author::Entity>,
}

#[hooks]
impl Model {
    #[before_create]
    fn title_required(article: &mut ActiveModel) -> HookResult {
        match &article.title {
            Set(title) if title.trim().is_empty() => {
                Err(HookError::invalid("title", "must not be empty"))
            }
            _ => Ok(()),
        }
    }

    #[after_create]
    async fn created(&self, cx: &HookContext<'_>) -> HookResult {
        write(
            cx,
            format!(
                "article:after_create:{}:author={}",
                self.title, self.author_id
            ),
        )
        .await?;
        Ok(())
    }

    #[after_delete]
    async fn deleted(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("article:after_delete:{}", self.title)).await?;
        Ok(())
    }
}
