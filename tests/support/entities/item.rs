//! An item for the bulk operations, with cheap hooks that write nothing
//! unless the caller asks: they record what they saw in the caller's
//! [`Seen`](crate::Seen), and `after_update` appends to the audit in
//! `hook_log` when the caller attaches [`Audit`](crate::Audit). So a
//! statement count sees the bulk statements alone.
//!
//! By name: `fail-before` fails `before_save`, `fail-update` fails
//! `before_update`, `fail-after` fails `after_save`, `fail-delete` fails
//! `before_delete`; an admin is kept by `protect_admins`; a name starting
//! with `loud` is upper-cased on update (a change of its own).

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use super::hook_log::write;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub qty: i32,
    /// A database default, which `after_create` hooks must see.
    #[sea_orm(default_value = "fresh")]
    pub status: String,
    /// Bumped by `before_update` from the old row.
    pub version: i32,
    /// Set by `before_save`.
    pub note: String,
    pub admin: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// The row's name as the hook saw it, kept in the write's shared state.
#[derive(Clone)]
struct SeenName(String);

fn name_of(am: &ActiveModel) -> String {
    match &am.name {
        Set(name) | Unchanged(name) => name.clone(),
        NotSet => String::new(),
    }
}

fn seen(cx: &HookContext<'_>, entry: String) {
    if let Some(seen) = cx.get::<crate::Seen>() {
        seen.push(entry);
    }
}

#[hooks]
impl Model {
    #[before_save]
    fn stamp(item: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        let name = name_of(item);
        if name == "fail-before" {
            return Err(HookError::invalid("name", "fail-before refuses"));
        }
        item.note = Set("saved".to_owned());
        cx.state().set(SeenName(name));
        Ok(())
    }

    #[before_create]
    fn trim(item: &mut ActiveModel) {
        let name = name_of(item);
        item.name = Set(name.trim().to_owned());
        if item.version.is_not_set() {
            item.version = Set(0);
        }
    }

    #[after_create]
    fn created(&self, cx: &HookContext<'_>) {
        seen(
            cx,
            format!("after_create:{}:{}:{}", self.id, self.name, self.status),
        );
    }

    #[before_update]
    fn bump(item: &mut ActiveModel, old: &Model) -> HookResult {
        if old.name == "fail-update" {
            return Err(HookError::validation("fail-update refuses"));
        }
        item.version = Set(old.version + 1);
        if old.name.starts_with("loud") {
            item.name = Set(old.name.to_uppercase());
        }
        Ok(())
    }

    #[after_update]
    async fn audit(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        seen(
            cx,
            format!(
                "after_update:{}:{}->{}:{}",
                self.id, old.version, self.version, self.qty
            ),
        );
        if cx.get::<crate::Audit>().is_some() {
            write(
                cx,
                format!("audit:{}:{}->{}", self.id, old.version, self.version),
            )
            .await?;
        }
        Ok(())
    }

    #[after_save]
    fn saved(&self, cx: &HookContext<'_>) -> HookResult {
        let before = cx.state().get::<SeenName>().map(|name| name.0);
        seen(
            cx,
            format!("after_save:{}:{}", self.id, before.unwrap_or_default()),
        );
        if self.name == "fail-after" {
            return Err(HookError::validation("fail-after refuses"));
        }
        Ok(())
    }

    #[before_delete]
    fn protect_admins(&self) -> HookResult<Deletion> {
        Ok(if self.admin {
            Deletion::Keep
        } else {
            Deletion::Proceed
        })
    }

    #[before_delete]
    fn refuse(&self) -> HookResult {
        if self.name == "fail-delete" {
            return Err(HookError::forbidden("fail-delete stays"));
        }
        Ok(())
    }

    #[after_delete]
    fn deleted(&self, cx: &HookContext<'_>) {
        seen(cx, format!("after_delete:{}", self.id));
    }
}
