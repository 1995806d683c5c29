//! A document whose hooks record, at every event, the caller's [`Actor`] and
//! [`RequestId`] and what the earlier hooks of the same write left in the
//! shared state; its `after_save` hook writes a [`doc_revision`] (another
//! hooked entity) through the context, whose own hook stamps the actor it
//! sees. `fail_at` names the event whose hook fails.
//!
//! Each log entry reads `event:title:actor:request:trace`, where `trace` is
//! the events of this write that shared the state so far, this one included.

use hooks_orm::prelude::*;
use sea_orm::ActiveValue;
use sea_orm::entity::prelude::*;

use super::doc_revision;
use super::hook_log::write;
use crate::{Actor, RequestId};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "docs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    /// The event whose hook fails, e.g. `"after_update"`; empty for none.
    pub fail_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// The events of one write that have seen the shared state, in order.
#[derive(Clone, Debug, Default)]
struct Trace(Vec<&'static str>);

fn text(value: &ActiveValue<String>) -> &str {
    match value {
        Set(text) | Unchanged(text) => text,
        NotSet => "",
    }
}

/// Who acts, as the hooks see it: `-` for nothing attached.
pub fn actor_of(cx: &HookContext<'_>) -> String {
    cx.get::<Actor>()
        .map_or_else(|| "-".to_owned(), |actor| actor.0.clone())
}

/// Logs what this event sees, then fails if `fail_at` names it.
async fn seen(cx: &HookContext<'_>, title: &str, fail_at: &str) -> HookResult {
    let mut trace = cx.state().take::<Trace>().unwrap_or_default();
    trace.0.push(cx.event().as_str());
    cx.state().set(trace.clone());
    let request = cx.get::<RequestId>().map_or(0, |id| id.0);
    let entry = format!(
        "{}:{title}:{}:{request}:{}",
        cx.event(),
        actor_of(cx),
        trace.0.join(",")
    );
    write(cx, entry).await?;
    if fail_at == cx.event().as_str() {
        return Err(HookError::validation(format!("{} failed", cx.event())));
    }
    Ok(())
}

#[hooks]
impl Model {
    #[before_save]
    async fn seen_before_save(doc: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        seen(cx, text(&doc.title), text(&doc.fail_at)).await
    }

    #[before_create]
    async fn seen_before_create(doc: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        seen(cx, text(&doc.title), text(&doc.fail_at)).await
    }

    #[after_create]
    async fn seen_after_create(&self, cx: &HookContext<'_>) -> HookResult {
        seen(cx, &self.title, &self.fail_at).await
    }

    #[before_update]
    async fn seen_before_update(doc: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        seen(cx, text(&doc.title), text(&doc.fail_at)).await
    }

    /// Takes the old row, so SeaORM's path runs the whole update in `before_save`.
    #[after_update]
    async fn seen_after_update(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        seen(cx, &format!("{}->{}", old.title, self.title), &self.fail_at).await
    }

    #[after_save]
    async fn seen_after_save(&self, cx: &HookContext<'_>) -> HookResult {
        seen(cx, &self.title, &self.fail_at).await?;
        doc_revision::ActiveModel {
            doc_id: Set(self.id),
            title: Set(self.title.clone()),
            actor: Set(String::new()),
            ..Default::default()
        }
        .insert(cx.db())
        .await?;
        Ok(())
    }

    #[before_delete]
    async fn seen_before_delete(&self, cx: &HookContext<'_>) -> HookResult {
        seen(cx, &self.title, &self.fail_at).await
    }

    #[after_delete]
    async fn seen_after_delete(&self, cx: &HookContext<'_>) -> HookResult {
        seen(cx, &self.title, &self.fail_at).await
    }
}
