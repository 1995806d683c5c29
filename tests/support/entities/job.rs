//! A job whose hooks log every event to `hook_log` and fail at the event its
//! `fail_at` column names: one entity for the atomicity and bad-input tests.
//! `name` is unique, `author_id` references `authors`, and `state` is filled
//! in by the database.

use hooks_orm::prelude::*;
use sea_orm::ActiveValue;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub name: String,
    pub author_id: Option<i32>,
    /// The column's default: hooks only see it if the row is read back.
    #[sea_orm(default_value = "queued")]
    pub state: String,
    /// The event whose hook fails, e.g. `"after_update"`; empty for none.
    pub fail_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::author::Entity",
        from = "Column::AuthorId",
        to = "super::author::Column::Id"
    )]
    Author,
}

fn text(value: &ActiveValue<String>) -> &str {
    match value {
        Set(text) | Unchanged(text) => text,
        NotSet => "",
    }
}

/// Logs `event:subject`, then fails if `fail_at` names this event.
async fn step(cx: &HookContext<'_>, subject: &str, fail_at: &str) -> HookResult {
    write(cx, format!("{}:{subject}", cx.event())).await?;
    if fail_at == cx.event().as_str() {
        return Err(HookError::validation(format!("{} failed", cx.event())));
    }
    Ok(())
}

#[hooks]
impl Model {
    #[before_save]
    async fn log_before_save(job: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        step(cx, text(&job.name), text(&job.fail_at)).await
    }

    #[before_create]
    async fn log_before_create(job: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        step(cx, text(&job.name), text(&job.fail_at)).await
    }

    #[after_create]
    async fn log_after_create(&self, cx: &HookContext<'_>) -> HookResult {
        let subject = format!("{}:id={}:state={}", self.name, self.id, self.state);
        step(cx, &subject, &self.fail_at).await
    }

    #[before_update]
    async fn log_before_update(job: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        step(cx, text(&job.name), text(&job.fail_at)).await
    }

    #[after_update]
    async fn log_after_update(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        let subject = format!("{}->{}:state={}", old.name, self.name, self.state);
        step(cx, &subject, &self.fail_at).await
    }

    #[after_save]
    async fn log_after_save(&self, cx: &HookContext<'_>) -> HookResult {
        step(cx, &self.name, &self.fail_at).await
    }

    #[before_delete]
    async fn log_before_delete(&self, cx: &HookContext<'_>) -> HookResult {
        step(cx, &self.name, &self.fail_at).await
    }

    #[after_delete]
    async fn log_after_delete(&self, cx: &HookContext<'_>) -> HookResult {
        step(cx, &self.name, &self.fail_at).await
    }
}
