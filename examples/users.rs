//! Hooks on a `users` table, on an embedded SQLite database:
//!
//! - normalise the email before create,
//! - reject spammy or invalid content with a validation error,
//! - write an audit log of old → new values on update,
//! - refuse to delete admin users,
//! - soft-delete everyone else, and keep `created_at` / `updated_at`: two
//!   hook sets from a library crate (`examples/hook-sets`), attached with one
//!   line, `#[hooks(sets(Timestamps, SoftDelete))]`,
//! - invalidate a cache entry on update and delete,
//! - record who acted: the caller attaches an `Actor` to a `HookDb` handle,
//!   the audit hook writes it to the log.
//!
//! Run it with `cargo run --example users`.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use hooks_orm::prelude::*;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, Database, DbErr, EntityTrait, ModelTrait, QueryOrder, Schema,
};

/// Who acts: the signed-in user, attached by the caller with `HookDb::with`.
#[derive(Clone, Debug)]
pub struct Actor(pub String);

/// A stand-in for Redis or an in-process cache: user id → rendered profile.
static PROFILE_CACHE: LazyLock<Mutex<HashMap<i32, String>>> = LazyLock::new(Default::default);

fn evict(id: i32, why: &str) {
    if PROFILE_CACHE.lock().unwrap().remove(&id).is_some() {
        println!("  [cache] evicted profile {id} ({why})");
    }
}

mod user {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    use hook_sets::{SoftDelete, Timestamps};

    use super::{Actor, audit_log, evict};

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub email: String,
        pub bio: String,
        pub is_admin: bool,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub deleted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    const SPAM: [&str; 3] = ["free money", "click here", "casino"];

    // `Timestamps` fills `created_at` and `updated_at`; `SoftDelete` turns a
    // delete into setting `deleted_at`, after `protect_admins` has had its say.
    #[hooks(sets(Timestamps, SoftDelete))]
    impl Model {
        #[before_create]
        fn normalize_email(user: &mut ActiveModel) {
            if let Set(email) = &user.email {
                let normalized = email.trim().to_lowercase();
                if normalized != *email {
                    println!("  [before_create] normalize_email: {email:?} -> {normalized:?}");
                }
                user.email = Set(normalized);
            }
        }

        #[before_save]
        fn reject_invalid_content(user: &mut ActiveModel) -> HookResult {
            if let Set(email) = &user.email
                && !email.contains('@')
            {
                println!("  [before_save] reject_invalid_content: no `@` in {email:?}");
                return Err(HookError::invalid("email", "must contain `@`"));
            }
            if let Set(bio) = &user.bio {
                let lower = bio.to_lowercase();
                if let Some(word) = SPAM.iter().find(|w| lower.contains(*w)) {
                    println!("  [before_save] reject_invalid_content: spam ({word:?})");
                    return Err(HookError::invalid(
                        "bio",
                        format!("looks like spam: {word:?}"),
                    ));
                }
            }
            Ok(())
        }

        #[before_update]
        fn email_is_permanent(change: &mut ActiveModel, old: &Model) -> HookResult {
            match &change.email {
                Set(email) if *email != old.email => {
                    Err(HookError::validation("email cannot change"))
                }
                _ => Ok(()),
            }
        }

        /// Only when the bio or the deletion mark changed.
        #[after_update(if_changed(bio, deleted_at))]
        async fn audit(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
            let mut changes = Vec::new();
            if old.bio != self.bio {
                changes.push(format!("bio: {:?} -> {:?}", old.bio, self.bio));
            }
            if old.deleted_at != self.deleted_at {
                changes.push(format!(
                    "deleted_at: {:?} -> {:?}",
                    old.deleted_at, self.deleted_at
                ));
            }
            let change = changes.join(", ");
            // Writes without an actor (a bare connection, a job) are audited as "system".
            let actor = cx.get::<Actor>().map_or("system", |actor| actor.0.as_str());
            println!(
                "  [after_update] audit: user {} by {actor}: {change}",
                self.id
            );
            audit_log::ActiveModel {
                user_id: Set(self.id),
                actor: Set(actor.to_owned()),
                change: Set(change),
                ..Default::default()
            }
            .insert(cx.db())
            .await?;
            Ok(())
        }

        #[after_update]
        fn invalidate_cache_on_update(&self) {
            evict(self.id, "updated");
        }

        #[before_delete(priority = -10)]
        fn protect_admins(&self) -> HookResult {
            if self.is_admin {
                println!(
                    "  [before_delete] protect_admins: {} is an admin",
                    self.email
                );
                return Err(HookError::forbidden("cannot delete admin users"));
            }
            Ok(())
        }
    }
}

mod audit_log {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub user_id: i32,
        pub actor: String,
        pub change: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn new_user(email: &str, bio: &str) -> user::ActiveModel {
    user::ActiveModel {
        email: Set(email.to_owned()),
        bio: Set(bio.to_owned()),
        is_admin: Set(false),
        ..Default::default()
    }
}

/// What an API handler would do with the error: a status and a JSON body.
fn respond(err: &DbErr) -> String {
    match HookError::from_db_err(err) {
        Some(hook) if hook.is_validation() => format!("400 {}", json(&hook)),
        Some(hook) if hook.is_forbidden() => format!("403 {}", json(&hook)),
        Some(hook) => format!("500 {}", json(&hook)),
        None => format!("500 {err}"),
    }
}

fn json(err: &HookError) -> String {
    serde_json::to_string(err).expect("HookError serializes")
}

#[tokio::main]
async fn main() -> Result<(), DbErr> {
    let conn = Database::connect("sqlite::memory:").await?;
    // Every write through `db` carries the actor to the hooks.
    let db = HookDb::new(conn).with(Actor("grace@example.com".to_owned()));
    let schema = Schema::new(db.get_database_backend());
    db.execute(&schema.create_table_from_entity(user::Entity))
        .await?;
    db.execute(&schema.create_table_from_entity(audit_log::Entity))
        .await?;

    println!("the hooks of `users`, in run order:");
    for hook in user::Model::hook_chain() {
        println!("  {hook}");
    }

    println!("\ncreate a user with a messy email");
    let ada = new_user("  Ada@Example.COM ", "mathematician")
        .insert(&db)
        .await?;
    println!("  stored: {:?}", ada.email);
    PROFILE_CACHE
        .lock()
        .unwrap()
        .insert(ada.id, format!("<h1>{}</h1>", ada.email));

    println!("\ncreate a user with spam in the bio");
    let err = new_user("bot@example.com", "Click HERE for free money")
        .insert(&db)
        .await
        .unwrap_err();
    println!("  -> {}", respond(&err));

    println!("\ncreate a user without an `@`");
    let err = new_user("nobody", "").insert(&db).await.unwrap_err();
    println!("  -> {}", respond(&err));

    println!("\nupdate Ada's bio");
    let mut change: user::ActiveModel = ada.clone().into();
    change.bio = Set("first programmer".to_owned());
    let ada = change.update(&db).await?;

    println!("\ntry to change Ada's email");
    let mut change: user::ActiveModel = ada.clone().into();
    change.email = Set("ada@lovelace.org".to_owned());
    let err = change.update(&db).await.unwrap_err();
    println!("  -> {}", respond(&err));

    println!("\ndelete the admin");
    let mut root = new_user("root@example.com", "");
    root.is_admin = Set(true);
    let root = root.insert(&db).await?;
    let err = root.delete(&db).await.unwrap_err();
    println!("  -> {}", respond(&err));

    println!("\ndelete Ada (by key only, SeaORM's delete)");
    PROFILE_CACHE
        .lock()
        .unwrap()
        .insert(ada.id, "<h1>ada</h1>".to_owned());
    let by_key = user::ActiveModel {
        id: Set(ada.id),
        ..Default::default()
    };
    match by_key.clone().delete(&db).await {
        Err(err) if Deletion::was_kept(&err) => println!("  -> kept: the row is soft-deleted"),
        other => println!("  -> unexpected: {other:?}"),
    }

    println!("\ndelete Bob, as another user, through the hooked operation");
    let bob = new_user("bob@example.com", "").insert(&db).await?;
    let as_linus = db.with(Actor("linus@example.com".to_owned()));
    match bob.clone().delete_hooked(&as_linus).await {
        Ok(DeleteOutcome::Kept { by }) => println!("  -> kept by `{by}`, not an error"),
        other => println!("  -> unexpected: {other:?}"),
    }

    println!("\ndelete Ada again: already marked, so `SoftDelete` lets it go");
    match by_key.delete_hooked(&db).await {
        Ok(DeleteOutcome::Deleted(row)) => println!("  -> deleted user {}", row.id),
        other => println!("  -> unexpected: {other:?}"),
    }

    println!("\nwhat the database holds");
    for user in user::Entity::find()
        .order_by_asc(user::Column::Id)
        .all(&db)
        .await?
    {
        let state = if user.deleted_at.is_some() {
            "deleted"
        } else {
            "active"
        };
        println!(
            "  user {} {} ({state}; created {}, updated {})",
            user.id,
            user.email,
            user.created_at.format("%H:%M:%S"),
            user.updated_at.format("%H:%M:%S")
        );
    }
    for entry in audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&db)
        .await?
    {
        println!(
            "  audit {}: user {} by {}: {}",
            entry.id, entry.user_id, entry.actor, entry.change
        );
    }
    Ok(())
}
