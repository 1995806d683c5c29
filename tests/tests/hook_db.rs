//! `HookDb`: the caller's data reaches every hook, on SeaORM's own path and
//! through the hooked operations, in transactions, savepoints and the writes
//! hooks make; a bare SeaORM connection carries none.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, ModelTrait, PaginatorTrait,
    TransactionTrait,
};

/// The actor field of each log entry (`event:title:actor:request:trace`).
fn actors(entries: &[String]) -> Vec<&str> {
    entries
        .iter()
        .map(|entry| entry.split(':').nth(2).unwrap())
        .collect()
}

fn revision_actors(revisions: &[doc_revision::Model]) -> Vec<&str> {
    revisions.iter().map(|r| r.actor.as_str()).collect()
}

async fn caller_data_reaches_every_event_on_seaorms_path(db: DatabaseConnection) {
    let db = HookDb::new(db).with(Actor::new("ada")).with(RequestId(7));
    let doc = new_doc("a", "").insert(&db).await.unwrap();
    let mut change: doc::ActiveModel = doc.into();
    change.title = Set("b".to_owned());
    let doc = change.update(&db).await.unwrap();
    doc.delete(&db).await.unwrap();

    // The trace shows which events shared one `WriteState`: SeaORM calls
    // `before_save` (which runs the whole update here, as an after_update
    // hook takes the old row) and `after_save` separately.
    assert_eq!(
        log(&db).await,
        [
            "before_save:a:ada:7:before_save",
            "before_create:a:ada:7:before_save,before_create",
            "after_create:a:ada:7:after_create",
            "after_save:a:ada:7:after_create,after_save",
            "before_save:b:ada:7:before_save",
            "before_update:b:ada:7:before_save,before_update",
            "after_update:a->b:ada:7:before_save,before_update,after_update",
            "after_save:b:ada:7:after_save",
            "before_delete:b:ada:7:before_delete",
            "after_delete:b:ada:7:after_delete",
        ]
    );
    // The revisions were written by a hook through `cx.db()`; their own hook saw the actor.
    assert_eq!(revision_actors(&revisions(&db).await), ["ada", "ada"]);
}

async fn caller_data_and_state_reach_every_event_through_the_operations(db: DatabaseConnection) {
    let db = HookDb::new(db).with(RequestId(7)).with(Actor::new("ada"));
    let doc = new_doc("a", "").insert_hooked(&db).await.unwrap();
    let mut change: doc::ActiveModel = doc.into();
    change.title = Set("b".to_owned());
    let doc = change.update_hooked(&db).await.unwrap();
    let outcome = doc.clone().delete_hooked(&db).await.unwrap();
    assert_eq!(outcome, DeleteOutcome::Deleted(doc));

    // One `WriteState` for all the hooks of each write.
    assert_eq!(
        log(&db).await,
        [
            "before_save:a:ada:7:before_save",
            "before_create:a:ada:7:before_save,before_create",
            "after_create:a:ada:7:before_save,before_create,after_create",
            "after_save:a:ada:7:before_save,before_create,after_create,after_save",
            "before_save:b:ada:7:before_save",
            "before_update:b:ada:7:before_save,before_update",
            "after_update:a->b:ada:7:before_save,before_update,after_update",
            "after_save:b:ada:7:before_save,before_update,after_update,after_save",
            "before_delete:b:ada:7:before_delete",
            "after_delete:b:ada:7:before_delete,after_delete",
        ]
    );
    assert_eq!(revision_actors(&revisions(&db).await), ["ada", "ada"]);
}

async fn newer_values_shadow_older_ones_of_the_same_type(db: DatabaseConnection) {
    let base = HookDb::new(db).with(Actor::new("ada")).with(RequestId(1));
    let bob = base.with(Actor::new("bob"));
    new_doc("x", "").insert(&bob).await.unwrap();
    new_doc("y", "").insert(&base).await.unwrap();
    let entries = log(&base).await;
    assert!(
        entries[..4].iter().all(|e| e.contains(":bob:1:")),
        "{entries:?}"
    );
    assert!(
        entries[4..].iter().all(|e| e.contains(":ada:1:")),
        "{entries:?}"
    );
    assert_eq!(bob.get::<Actor>(), Some(&Actor::new("bob")));
    assert_eq!(base.get::<Actor>(), Some(&Actor::new("ada")));
}

async fn transactions_and_savepoints_carry_the_data(db: DatabaseConnection) {
    let db = HookDb::new(db).with(Actor::new("ada"));

    let txn = db.begin().await.unwrap();
    new_doc("in a transaction", "").insert(&txn).await.unwrap();
    let savepoint = txn.begin().await.unwrap();
    new_doc("in a savepoint", "")
        .insert(&savepoint)
        .await
        .unwrap();
    new_doc("op in a savepoint", "")
        .insert_hooked(&savepoint)
        .await
        .unwrap();
    savepoint.commit().await.unwrap();
    txn.commit().await.unwrap();

    db.transaction::<_, _, DbErr>(|txn| {
        Box::pin(async move {
            new_doc("in a closure", "").insert(txn).await?;
            Ok(())
        })
    })
    .await
    .unwrap();

    let entries = log(&db).await;
    assert_eq!(entries.len(), 4 * 4);
    assert!(actors(&entries).iter().all(|a| *a == "ada"), "{entries:?}");
    assert_eq!(revision_actors(&revisions(&db).await), ["ada"; 4]);
}

async fn a_rolled_back_hook_transaction_keeps_nothing(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone()).with(Actor::new("ada"));
    let txn = hook_db.begin().await.unwrap();
    new_doc("gone", "").insert(&txn).await.unwrap();
    txn.rollback().await.unwrap();
    assert_eq!(doc::Entity::find().count(&db).await.unwrap(), 0);
    assert!(log(&db).await.is_empty());
}

/// A delete by key alone, through SeaORM's `ActiveModel::delete` on a `HookDb`.
async fn a_delete_by_key_sees_the_data(db: DatabaseConnection) {
    let doc = new_doc("by key", "").insert(&db).await.unwrap();
    clear_log(&db).await;
    let hook_db = HookDb::new(db).with(Actor::new("ada"));
    let by_key = doc::ActiveModel {
        id: Set(doc.id),
        ..Default::default()
    };
    let result = by_key.delete(&hook_db).await.unwrap();
    assert_eq!(result.rows_affected, 1);
    assert_eq!(
        log(&hook_db).await,
        [
            "before_delete:by key:ada:0:before_delete",
            "after_delete:by key:ada:0:after_delete",
        ]
    );
}

/// SeaORM's nested `ActiveModelEx` save begins its own transaction on the
/// handle it gets: on a `HookDb` that is a `HookTransaction`, which the glue
/// recognises (here: a skipping handle, so no hook of the graph runs).
async fn a_nested_save_on_a_hook_db_keeps_the_handle(db: DatabaseConnection) {
    let import = HookDb::new(db.clone()).skip_hooks("import of a graph");
    let author = author::ActiveModel::builder()
        .set_name("  Ursula ")
        .add_article(article::ActiveModel::builder().set_title("Earthsea"))
        .save(&import)
        .await
        .unwrap();
    // The name-trimming hook did not run, nor did the logging ones.
    assert_eq!(author.name.clone().unwrap(), "  Ursula ");
    assert!(log(&db).await.is_empty());
    assert_eq!(article::Entity::find().count(&db).await.unwrap(), 1);
}

async fn a_bare_connection_runs_hooks_without_data(db: DatabaseConnection) {
    new_doc("bare", "").insert(&db).await.unwrap();
    let txn = db.begin().await.unwrap();
    new_doc("bare txn", "").insert_hooked(&txn).await.unwrap();
    txn.commit().await.unwrap();

    let entries = log(&db).await;
    assert_eq!(entries.len(), 8);
    assert!(entries.iter().all(|e| e.contains(":-:0:")), "{entries:?}");
    assert_eq!(revision_actors(&revisions(&db).await), ["-", "-"]);
}

/// Clones of one `HookDb` with different actors, writing at the same time
/// through both doors: every hook and every nested write sees its own task's
/// actor.
async fn concurrent_actors_never_see_each_other(db: DatabaseConnection) {
    const WRITES: usize = 12;
    let db = HookDb::new(db);
    let tasks = ["ada", "bob"].map(|name| {
        let db = db.with(Actor::new(name));
        tokio::spawn(async move {
            for i in 0..WRITES {
                let doc = new_doc(&format!("{name}{i}"), "");
                if i % 2 == 0 {
                    doc.insert(&db).await.unwrap();
                } else {
                    doc.insert_hooked(&db).await.unwrap();
                }
                tokio::task::yield_now().await;
            }
        })
    });
    for task in tasks {
        task.await.unwrap();
    }

    let entries = log(&db).await;
    assert_eq!(entries.len(), 2 * WRITES * 4);
    for entry in &entries {
        let mut fields = entry.split(':');
        let (title, actor) = (fields.nth(1).unwrap(), fields.next().unwrap());
        assert!(title.starts_with(actor), "{entry}");
    }
    let revisions = revisions(&db).await;
    assert_eq!(revisions.len(), 2 * WRITES);
    for revision in revisions {
        assert!(revision.title.starts_with(&revision.actor), "{revision:?}");
    }
}

fn new_secret(owner: &str) -> secret::ActiveModel {
    secret::ActiveModel {
        owner: Set(owner.to_owned()),
        text: Set("s3cret".to_owned()),
        ..Default::default()
    }
}

fn assert_forbidden(err: &HookError, hook: &str, message: &str) {
    assert!(err.is_forbidden(), "{err}");
    assert_eq!(err.hook(), Some(hook), "{err}");
    assert!(err.message().contains(message), "{err}");
}

/// `cx.require::<Actor>()` refuses when no actor is attached, and the hook
/// refuses the wrong one, through both doors; nothing is written.
async fn a_permission_hook_refuses_a_missing_or_wrong_actor(db: DatabaseConnection) {
    let nobody = HookDb::new(db.clone());
    let ada = nobody.with(Actor::new("ada"));
    let bob = nobody.with(Actor::new("bob"));
    let missing = "no `hooks_tests::Actor` was attached to this write";
    let not_owner = "only the owner";

    for (handle, message) in [(&nobody, missing), (&bob, not_owner)] {
        let err = new_secret("ada").insert(handle).await.unwrap_err();
        let err = HookError::from_db_err(&err).unwrap();
        assert_forbidden(&err, "owner_writes", message);
        let err = new_secret("ada").insert_hooked(handle).await.unwrap_err();
        assert_forbidden(&err, "owner_writes", message);
    }
    // A bare connection carries no actor either.
    let err = new_secret("ada").insert(&db).await.unwrap_err();
    assert_forbidden(
        &HookError::from_db_err(&err).unwrap(),
        "owner_writes",
        missing,
    );
    assert_eq!(secret::Entity::find().count(&db).await.unwrap(), 0);

    let secret = new_secret("ada").insert(&ada).await.unwrap();
    for (handle, message) in [(&nobody, missing), (&bob, not_owner)] {
        let err = secret.clone().delete(handle).await.unwrap_err();
        let err = HookError::from_db_err(&err).unwrap();
        assert_forbidden(&err, "owner_deletes", message);
        let err = secret.clone().delete_hooked(handle).await.unwrap_err();
        assert_forbidden(&err, "owner_deletes", message);
    }
    assert_eq!(
        secret::Entity::find().all(&db).await.unwrap(),
        std::slice::from_ref(&secret)
    );

    let outcome = secret.clone().delete_hooked(&ada).await.unwrap();
    assert_eq!(outcome, DeleteOutcome::Deleted(secret));
    assert_eq!(secret::Entity::find().count(&db).await.unwrap(), 0);
}

on_every_backend!(
    caller_data_reaches_every_event_on_seaorms_path,
    caller_data_and_state_reach_every_event_through_the_operations,
    newer_values_shadow_older_ones_of_the_same_type,
    transactions_and_savepoints_carry_the_data,
    a_rolled_back_hook_transaction_keeps_nothing,
    a_delete_by_key_sees_the_data,
    a_nested_save_on_a_hook_db_keeps_the_handle,
    a_bare_connection_runs_hooks_without_data,
    concurrent_actors_never_see_each_other,
    a_permission_hook_refuses_a_missing_or_wrong_actor,
);
