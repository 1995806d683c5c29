//! Posts, whose rules are hooks: who may write what, validation, the audit
//! trail, soft delete, and, once the write committed, cache eviction and a
//! notification.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;
use serde::Serialize;

use super::{outbox, post_audit};
use crate::{Actor, Services};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked, Serialize)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub author_id: i32,
    pub title: String,
    pub body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

fn check_title(title: &str) -> HookResult {
    match title.trim().chars().count() {
        0 => Err(HookError::invalid("title", "a title is required")),
        n if n > 120 => Err(HookError::invalid(
            "title",
            "a title has at most 120 characters",
        )),
        _ => Ok(()),
    }
}

/// The signed-in user; the API answers 403 without one.
fn actor<'a>(cx: &HookContext<'a>) -> Result<&'a Actor, HookError> {
    cx.get::<Actor>()
        .ok_or_else(|| HookError::forbidden("sign in to write posts"))
}

/// The author, or an admin.
fn may_change(actor: &Actor, post: &Model) -> HookResult {
    if actor.id == post.author_id || actor.is_admin {
        Ok(())
    } else {
        Err(HookError::forbidden(format!(
            "only its author or an admin may change post {}",
            post.id
        )))
    }
}

#[hooks]
impl Model {
    /// A post is written by the signed-in user, as themselves.
    #[before_create]
    fn authored_by_the_actor(post: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        let actor = actor(cx)?;
        post.author_id = Set(actor.id);
        if let Set(title) = &post.title {
            check_title(title)?;
        }
        Ok(())
    }

    #[before_update]
    fn only_the_author_edits(
        change: &mut ActiveModel,
        old: &Model,
        cx: &HookContext<'_>,
    ) -> HookResult {
        may_change(actor(cx)?, old)?;
        if old.deleted_at.is_some() && change.deleted_at.is_unchanged() {
            return Err(HookError::forbidden(format!("post {} is deleted", old.id)));
        }
        if let Set(title) = &change.title {
            check_title(title)?;
        }
        Ok(())
    }

    /// Who changed the title, from what to what.
    #[after_update]
    async fn audit(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        if self.title != old.title {
            post_audit::ActiveModel {
                post_id: Set(self.id),
                actor_id: Set(actor(cx)?.id),
                old_title: Set(old.title.clone()),
                new_title: Set(self.title.clone()),
                ..Default::default()
            }
            .insert(cx.db())
            .await?;
        }
        Ok(())
    }

    #[before_delete(priority = -10)]
    fn only_the_author_deletes(&self, cx: &HookContext<'_>) -> HookResult {
        may_change(actor(cx)?, self)
    }

    /// A delete marks the post deleted and keeps the row.
    #[before_delete]
    async fn soft_delete(&self, cx: &HookContext<'_>) -> HookResult<Deletion> {
        let mut row: ActiveModel = self.clone().into();
        row.deleted_at = Set(Some(chrono::Utc::now()));
        row.update(cx.db()).await?;
        Ok(Deletion::Keep)
    }

    /// Side effects, only for a write that committed: the GET cache forgets
    /// the post, and the outbox records a notification.
    #[after_commit]
    async fn publish(&self, kind: WriteKind, cx: &HookContext<'_>) -> HookResult {
        let services = cx.require::<Services>()?;
        services.cache.forget(self.id);
        let topic = match (kind, self.deleted_at) {
            (WriteKind::Update, Some(_)) => "post.deleted",
            (WriteKind::Create, _) => "post.created",
            (WriteKind::Update, None) => "post.updated",
            (WriteKind::Delete, _) => "post.purged",
        };
        outbox::ActiveModel {
            topic: Set(topic.to_owned()),
            post_id: Set(self.id),
            ..Default::default()
        }
        .insert(cx.db())
        .await?;
        Ok(())
    }
}
