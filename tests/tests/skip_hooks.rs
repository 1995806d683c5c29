//! `HookDb::skip_hooks(reason)`: writes through that handle, by either door,
//! run no hooks and each leave one `WARN` event with the reason, the entity
//! and the operation. Any other handle runs hooks.

use hooks_orm::prelude::*;
use hooks_tests::capture::{capture, captured};
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, EntityTrait, ModelTrait, PaginatorTrait, TransactionTrait,
};
use tracing::Level;

/// The (entity, operation) of each skip event with this reason, in order.
fn skips(reason: &str) -> Vec<(String, String)> {
    captured()
        .iter()
        .filter(|event| event.fields.get("reason").map(String::as_str) == Some(reason))
        .map(|event| {
            assert_eq!(event.level, Level::WARN, "{event:?}");
            assert_eq!(event.target, "hooks_orm::skip", "{event:?}");
            assert!(event.fields["message"].contains(reason), "{event:?}");
            (
                event.fields["entity"].clone(),
                event.fields["operation"].clone(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(entity, operation)| (entity.to_string(), operation.to_string()))
        .collect()
}

async fn a_skipping_handle_writes_without_hooks_and_leaves_a_trace(db: DatabaseConnection) {
    capture();
    let reason = format!("backfill {}", backend::unique_name());
    let hook_db = HookDb::new(db.clone()).with(Actor::new("ada"));
    let backfill = hook_db.skip_hooks(reason.clone());
    assert_eq!(backfill.skip_reason(), Some(reason.as_str()));
    assert_eq!(backfill.get::<Actor>(), Some(&Actor::new("ada")));

    // SeaORM's path.
    let doc = new_doc("a", "before_save").insert(&backfill).await.unwrap();
    let mut change: doc::ActiveModel = doc.into();
    change.title = Set("b".to_owned());
    let doc = change.update(&backfill).await.unwrap();
    assert_eq!(doc.title, "b");
    doc.delete(&backfill).await.unwrap();

    // The operations, and a transaction of the skipping handle.
    let doc = new_doc("c", "before_save")
        .insert_hooked(&backfill)
        .await
        .unwrap();
    let txn = backfill.begin().await.unwrap();
    let mut change: doc::ActiveModel = doc.into();
    change.title = Set("d".to_owned());
    let saved = change.save_hooked(&txn).await.unwrap();
    txn.commit().await.unwrap();
    let outcome = saved.into_model().delete_hooked(&backfill).await.unwrap();
    assert!(outcome.deleted().is_some());

    // Even a permission hook that would refuse (no such owner) is skipped.
    secret::ActiveModel {
        owner: Set("root".to_owned()),
        text: Set("migrated".to_owned()),
        ..Default::default()
    }
    .insert(&backfill)
    .await
    .unwrap();

    // No hook ran: no log, no revision, though `fail_at` named a hook.
    assert!(log(&db).await.is_empty());
    assert!(revisions(&db).await.is_empty());
    assert_eq!(doc::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(secret::Entity::find().count(&db).await.unwrap(), 1);
    assert_eq!(
        skips(&reason),
        pairs(&[
            ("docs", "insert"),
            ("docs", "update"),
            ("docs", "delete"),
            ("docs", "insert"),
            ("docs", "update"),
            ("docs", "delete"),
            ("secrets", "insert"),
        ])
    );

    // The handle it came from still runs hooks, and leaves no skip event.
    new_doc("e", "").insert(&hook_db).await.unwrap();
    new_doc("f", "").insert_hooked(&hook_db).await.unwrap();
    assert_eq!(log(&db).await.len(), 2 * 4);
    assert_eq!(revisions(&db).await.len(), 2);
    assert_eq!(skips(&reason).len(), 7);
}

on_every_backend!(a_skipping_handle_writes_without_hooks_and_leaves_a_trace);
