//! The eight events on SeaORM's own write paths, in the documented order.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::DatabaseConnection;
use sea_orm::{ActiveModelTrait, EntityTrait, ModelTrait};

async fn insert_runs_save_and_create_hooks_in_order(db: DatabaseConnection) {
    let saved = new_post("hello").insert(&db).await.unwrap();

    // Sync before_* hooks changed the values that were written, in priority order.
    assert_eq!(saved.trail, "save_early;save_late;create_check;");
    assert_eq!(
        post::Entity::find_by_id(saved.id)
            .one(&db)
            .await
            .unwrap()
            .unwrap(),
        saved
    );
    assert_eq!(
        log(&db).await,
        [
            "before_save:save_log",
            "before_create:create_check",
            format!("after_create:created:{}", saved.id).as_str(),
            "after_save:saved:hello",
        ]
    );
}

async fn update_runs_save_and_update_hooks_with_the_old_row(db: DatabaseConnection) {
    let saved = new_post("draft").insert(&db).await.unwrap();
    clear_log(&db).await;

    let mut change: post::ActiveModel = saved.into();
    change.title = Set("final".to_owned());
    let updated = change.update(&db).await.unwrap();

    assert_eq!(updated.title, "final");
    assert_eq!(
        updated.trail,
        "save_early;save_late;create_check;save_early;save_late;update_check;"
    );
    assert_eq!(
        log(&db).await,
        [
            "before_save:save_log",
            "before_update:update_check:old=draft",
            "after_update:updated:draft->final",
            "after_save:saved:final",
        ]
    );
}

async fn save_picks_create_or_update(db: DatabaseConnection) {
    let created = new_post("one").save(&db).await.unwrap();
    let mut change = created;
    change.title = Set("two".to_owned());
    change.save(&db).await.unwrap();
    let entries = log(&db).await;
    assert!(entries.contains(&"before_create:create_check".to_owned()));
    assert!(entries.contains(&"after_update:updated:one->two".to_owned()));
}

async fn delete_by_key_gives_hooks_the_whole_row(db: DatabaseConnection) {
    let saved = new_post("gone").insert(&db).await.unwrap();
    clear_log(&db).await;

    let by_key = post::ActiveModel {
        id: Set(saved.id),
        ..Default::default()
    };
    let result = by_key.delete(&db).await.unwrap();
    assert_eq!(result.rows_affected, 1);
    assert!(
        post::Entity::find_by_id(saved.id)
            .one(&db)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        log(&db).await,
        [
            "before_delete:delete_check:gone",
            "after_delete:deleted:gone"
        ]
    );
}

async fn model_delete_runs_delete_hooks(db: DatabaseConnection) {
    let saved = new_post("bye").insert(&db).await.unwrap();
    clear_log(&db).await;
    saved.delete(&db).await.unwrap();
    assert_eq!(
        log(&db).await,
        ["before_delete:delete_check:bye", "after_delete:deleted:bye"]
    );
}

async fn keep_leaves_the_row_and_skips_after_delete(db: DatabaseConnection) {
    let mut published = new_post("keep me");
    published.published = Set(true);
    let saved = published.insert(&db).await.unwrap();
    clear_log(&db).await;

    let err = saved.clone().delete(&db).await.unwrap_err();
    assert!(Deletion::was_kept(&err), "{err}");
    assert!(HookError::from_db_err(&err).is_none());
    assert_eq!(
        post::Entity::find_by_id(saved.id).one(&db).await.unwrap(),
        Some(saved)
    );
    assert_eq!(log(&db).await, ["before_delete:delete_check:keep me"]);
}

/// The rows the after hooks get are read back from the database, with the id
/// it assigned and the column default it filled in, also where there is no
/// `RETURNING` (MySQL and MariaDB: SeaORM selects the row by its key).
async fn after_hooks_get_the_stored_row(db: DatabaseConnection) {
    let created = new_job("nightly").insert(&db).await.unwrap();
    let mut change: job::ActiveModel = created.clone().into();
    change.name = Set("hourly".to_owned());
    let updated = change.update(&db).await.unwrap();

    assert_eq!(
        (created.state.as_str(), updated.state.as_str()),
        ("queued", "queued")
    );
    assert_eq!(
        log(&db).await,
        [
            "before_save:nightly".to_owned(),
            "before_create:nightly".to_owned(),
            format!("after_create:nightly:id={}:state=queued", created.id),
            "after_save:nightly".to_owned(),
            "before_save:hourly".to_owned(),
            "before_update:hourly".to_owned(),
            "after_update:nightly->hourly:state=queued".to_owned(),
            "after_save:hourly".to_owned(),
        ]
    );
}

#[tokio::test]
async fn hooks_stay_ordinary_associated_fns() {
    let mut change = user::ActiveModel {
        email: Set("  Grace@Example.COM".to_owned()),
        ..Default::default()
    };
    user::Model::normalize_email(&mut change);
    assert_eq!(change.email, Set("grace@example.com".to_owned()));

    let admin = user::Model {
        id: 1,
        email: "root@example.com".to_owned(),
        is_admin: true,
        deleted_at: None,
    };
    assert!(admin.protect_admins().unwrap_err().is_forbidden());
}

on_every_backend!(
    insert_runs_save_and_create_hooks_in_order,
    update_runs_save_and_update_hooks_with_the_old_row,
    save_picks_create_or_update,
    delete_by_key_gives_hooks_the_whole_row,
    model_delete_runs_delete_hooks,
    keep_leaves_the_row_and_skips_after_delete,
    after_hooks_get_the_stored_row,
);
