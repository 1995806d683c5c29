//! A post with hooks on all eight events, several per event, sync and async,
//! with every parameter form. Each hook logs `event:hook` (plus what it saw).

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// Appended to by the sync `before_*` hooks, so tests see they ran and in which order.
    pub trail: String,
    pub published: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

fn mark(am: &mut ActiveModel, step: &str) {
    let trail = match &am.trail {
        Set(t) | Unchanged(t) => format!("{t}{step};"),
        NotSet => format!("{step};"),
    };
    am.trail = Set(trail);
}

#[hooks]
impl Model {
    // Declared out of order: priority decides first, then declaration order.
    #[before_save(priority = 10)]
    fn save_late(post: &mut ActiveModel) {
        mark(post, "save_late");
    }

    #[before_save]
    async fn save_log(cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("{}:save_log", cx.event())).await?;
        Ok(())
    }

    #[before_save(priority = -5)]
    fn save_early(post: &mut ActiveModel) -> HookResult {
        mark(post, "save_early");
        Ok(())
    }

    #[before_create]
    async fn create_check(post: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        mark(post, "create_check");
        write(cx, "before_create:create_check").await?;
        Ok(())
    }

    #[after_create]
    async fn created(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_create:created:{}", self.id)).await?;
        Ok(())
    }

    #[before_update]
    async fn update_check(post: &mut ActiveModel, old: &Model, cx: &HookContext<'_>) -> HookResult {
        mark(post, "update_check");
        write(cx, format!("before_update:update_check:old={}", old.title)).await?;
        Ok(())
    }

    #[after_update]
    async fn updated(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        write(
            cx,
            format!("after_update:updated:{}->{}", old.title, self.title),
        )
        .await?;
        Ok(())
    }

    #[after_save]
    fn saved_sync(post: &Model, cx: &HookContext) {
        let _ = (post, cx);
    }

    #[after_save]
    async fn saved(post: &Model, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_save:saved:{}", post.title)).await?;
        Ok(())
    }

    #[before_delete]
    async fn delete_check(&self, cx: &HookContext<'_>) -> HookResult<Deletion> {
        write(cx, format!("before_delete:delete_check:{}", self.title)).await?;
        Ok(if self.published {
            Deletion::Keep
        } else {
            Deletion::Proceed
        })
    }

    #[after_delete]
    async fn deleted(&self, cx: &HookContext<'_>) -> HookResult {
        write(cx, format!("after_delete:deleted:{}", self.title)).await?;
        Ok(())
    }
}
