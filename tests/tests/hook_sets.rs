//! Hook sets from a library crate (`hook-sets`: `Timestamps`, `SoftDelete`),
//! attached with `#[hooks(sets(..))]`: they run in the entity's chain by
//! priority, through both doors.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, ModelTrait,
};

async fn insert(db: &DatabaseConnection, title: &str) -> journal::Model {
    journal::ActiveModel {
        title: Set(title.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap()
}

async fn timestamps_are_set_on_insert_and_update_between_the_entitys_hooks(db: DatabaseConnection) {
    let row = insert(&db, "a").await;
    assert_eq!(row.created_at, row.updated_at);
    assert!(row.deleted_at.is_none());
    assert_eq!(
        log(&db).await,
        [
            "before_stamps:created_at_set=false",
            "after_stamps:created_at_set=true"
        ]
    );

    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let mut change = row.clone().into_active_model();
    change.title = Set("b".to_owned());
    let updated = change.update_hooked(&db).await.unwrap();
    assert_eq!(updated.created_at, row.created_at);
    assert!(updated.updated_at > row.updated_at, "{updated:?}");
}

async fn a_local_set_with_conditions_runs_when_they_hold(db: DatabaseConnection) {
    let row = insert(&db, "a").await;
    clear_log(&db).await;

    // Only `updated_at` changes (stamped by `Timestamps`): no title change.
    row.clone().into_active_model().update(&db).await.unwrap();
    let mut change = row.clone().into_active_model();
    change.title = Set("b".to_owned());
    let row = change.update(&db).await.unwrap();
    assert_eq!(log(&db).await, ["title_changed:a->b"]);
    clear_log(&db).await;

    // Soft-deleted: `when = is_live::<M>` no longer holds.
    row.clone().delete_hooked(&db).await.unwrap();
    let marked = journal::Entity::find_by_id(row.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let mut change = marked.into_active_model();
    change.title = Set("c".to_owned());
    change.update(&db).await.unwrap();
    assert_eq!(log(&db).await, Vec::<String>::new());
}

async fn soft_delete_keeps_the_row_once_and_deletes_it_the_second_time(db: DatabaseConnection) {
    let row = insert(&db, "a").await;

    // Through SeaORM's door: the row stays, marked (SeaORM's `delete` can
    // only report that as an error).
    let err = row.clone().delete(&db).await.unwrap_err();
    assert!(Deletion::was_kept(&err), "{err}");
    let kept = journal::Entity::find_by_id(row.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(kept.deleted_at.is_some());

    // Through the hooked operation: already marked, so it goes.
    let outcome = kept.delete_hooked(&db).await.unwrap();
    assert!(matches!(outcome, DeleteOutcome::Deleted(_)), "{outcome:?}");
    assert!(
        journal::Entity::find_by_id(row.id)
            .one(&db)
            .await
            .unwrap()
            .is_none()
    );

    // The typed outcome names the set's hook.
    let other = insert(&db, "c").await;
    let outcome = other.delete_hooked(&db).await.unwrap();
    assert!(
        matches!(outcome, DeleteOutcome::Kept { by: "mark_deleted" }),
        "{outcome:?}"
    );
}

async fn the_entitys_hook_ahead_of_the_set_can_refuse(db: DatabaseConnection) {
    let row = insert(&db, "locked").await;
    let err = row.clone().delete_hooked(&db).await.unwrap_err();
    assert!(err.is_forbidden());
    assert_eq!(err.hook(), Some("locked_stays"));
    let still = journal::Entity::find_by_id(row.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(still.deleted_at.is_none(), "the soft delete did not run");
}

async fn bulk_writes_run_the_sets_per_row(db: DatabaseConnection) {
    let rows = journal::Entity::insert_many_hooked(
        ["x", "y"].map(|title| journal::ActiveModel {
            title: Set(title.to_owned()),
            ..Default::default()
        }),
        &db,
    )
    .await
    .unwrap();
    assert!(rows.iter().all(|row| row.created_at == row.updated_at));

    let outcome =
        journal::Entity::delete_many_hooked(journal::Column::Title.is_in(["x", "y"]), &db)
            .await
            .unwrap();
    assert_eq!(outcome.kept.len(), 2);
    assert!(outcome.kept.iter().all(|(_, by)| *by == "mark_deleted"));
    let marked = journal::Entity::find().all(&db).await.unwrap();
    assert!(marked.iter().all(|row| row.deleted_at.is_some()));
}

on_every_backend!(
    timestamps_are_set_on_insert_and_update_between_the_entitys_hooks,
    a_local_set_with_conditions_runs_when_they_hold,
    soft_delete_keeps_the_row_once_and_deletes_it_the_second_time,
    the_entitys_hook_ahead_of_the_set_can_refuse,
    bulk_writes_run_the_sets_per_row,
);

/// The chain merges the sets' hooks with the entity's, in run order, and
/// says where each comes from.
#[test]
fn the_hook_chain_merges_the_sets_in_run_order() {
    let chain: Vec<(String, &str, i32, Option<&str>)> = journal::Model::hook_chain()
        .iter()
        .map(|hook| (hook.event.to_string(), hook.name, hook.priority, hook.set))
        .collect();
    let expected = [
        ("before_create", "before_stamps", -200, None),
        ("before_create", "stamp_created", -100, Some("Timestamps")),
        ("before_create", "after_stamps", 0, None),
        ("before_update", "stamp_updated", -100, Some("Timestamps")),
        ("after_update", "title_changed", 0, Some("TitleAudit")),
        ("before_delete", "locked_stays", 0, None),
        ("before_delete", "mark_deleted", 100, Some("SoftDelete")),
    ];
    let expected: Vec<(String, &str, i32, Option<&str>)> = expected
        .into_iter()
        .map(|(event, name, priority, set)| (event.to_owned(), name, priority, set))
        .collect();
    assert_eq!(chain, expected);
    let stamp = journal::Model::hook_chain()[1];
    assert!(stamp.file.ends_with("hook-sets/src/lib.rs"), "{stamp}");
}
