//! Aborting writes and typed errors through SeaORM's API.

use hooks_orm::prelude::*;
use hooks_orm::{HookErrorKind, HookEvent};
use hooks_tests::*;
use sea_orm::DatabaseConnection;
use sea_orm::{ActiveModelTrait, EntityTrait, ModelTrait, PaginatorTrait};

fn new_user(email: &str) -> user::ActiveModel {
    user::ActiveModel {
        email: Set(email.to_owned()),
        is_admin: Set(false),
        ..Default::default()
    }
}

async fn a_failing_before_create_hook_writes_nothing(db: DatabaseConnection) {
    let err = new_user("no-at-sign").insert(&db).await.unwrap_err();

    let hook_err = HookError::from_db_err(&err).expect("a hook error");
    assert!(hook_err.is_validation());
    assert_eq!(hook_err.field(), Some("email"));
    assert_eq!(hook_err.message(), "must contain `@`");
    assert_eq!(hook_err.hook(), Some("email_has_at"));
    assert_eq!(hook_err.event(), Some(HookEvent::BeforeCreate));
    assert_eq!(hook_err.entity(), Some("users"));
    assert_eq!(user::Entity::find().count(&db).await.unwrap(), 0);
}

async fn before_hooks_change_the_values_written(db: DatabaseConnection) {
    let saved = new_user("  Ada@Example.COM ").insert(&db).await.unwrap();
    assert_eq!(saved.email, "ada@example.com");
    let stored = user::Entity::find_by_id(saved.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.email, "ada@example.com");
}

async fn a_failing_before_update_hook_leaves_the_row_as_it_was(db: DatabaseConnection) {
    let saved = new_user("ada@example.com").insert(&db).await.unwrap();

    let mut change: user::ActiveModel = saved.clone().into();
    change.email = Set("grace@example.com".to_owned());
    change.is_admin = Set(true);
    let err = change.update(&db).await.unwrap_err();

    let hook_err = HookError::from_db_err(&err).unwrap();
    assert_eq!(hook_err.message(), "email cannot change");
    assert_eq!(hook_err.hook(), Some("email_is_permanent"));
    assert_eq!(
        user::Entity::find_by_id(saved.id).one(&db).await.unwrap(),
        Some(saved)
    );
}

async fn a_forbidden_delete_keeps_the_row_and_says_why(db: DatabaseConnection) {
    let mut admin = new_user("root@example.com");
    admin.is_admin = Set(true);
    let admin = admin.insert(&db).await.unwrap();

    let err = admin.clone().delete(&db).await.unwrap_err();
    let hook_err = HookError::from_db_err(&err).unwrap();
    assert!(hook_err.is_forbidden());
    assert_eq!(hook_err.hook(), Some("protect_admins"));
    assert!(matches!(hook_err.kind(), HookErrorKind::Forbidden { .. }));
    assert_eq!(
        err.to_string(),
        "Error converting `hooks_orm::HookError` into `sea_orm::DbErr`: \
         before_delete hook `protect_admins` on `users`: forbidden: cannot delete admin users"
    );
    // protect_admins (priority -10) stopped the chain before soft_delete ran.
    let stored = user::Entity::find_by_id(admin.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.deleted_at, None);

    let json = serde_json::to_value(&hook_err).unwrap();
    assert_eq!(json["kind"], "forbidden");
    assert_eq!(json["hook"], "protect_admins");
    assert_eq!(json["event"], "before_delete");
}

async fn soft_delete_keeps_the_row_and_marks_it(db: DatabaseConnection) {
    let saved = new_user("ada@example.com").insert(&db).await.unwrap();

    // Delete by key only: the hook still gets the whole row.
    let err = user::ActiveModel {
        id: Set(saved.id),
        ..Default::default()
    }
    .delete(&db)
    .await
    .unwrap_err();
    assert!(Deletion::was_kept(&err));
    assert_eq!(
        err.to_string(),
        "Error converting `hooks_orm::Deletion::Keep` into `sea_orm::DeleteResult`: \
         before_delete hook `soft_delete` kept the `users` row (Deletion::Keep); nothing was deleted"
    );
    let stored = user::Entity::find_by_id(saved.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.email, "ada@example.com");
    assert!(stored.deleted_at.is_some());
}

async fn an_after_update_error_reaches_the_caller_typed(db: DatabaseConnection) {
    let saved = insert_counter(&db, 1).await;

    let mut change: counter::ActiveModel = saved.into();
    change.value = Set(-1);
    let err = change.update(&db).await.unwrap_err();
    let hook_err = HookError::from_db_err(&err).unwrap();
    assert_eq!(hook_err.hook(), Some("checked"));
    assert_eq!(hook_err.event(), Some(HookEvent::AfterUpdate));
}

async fn deleting_a_missing_row_by_key_runs_no_hooks(db: DatabaseConnection) {
    let result = post::ActiveModel {
        id: Set(404),
        ..Default::default()
    }
    .delete(&db)
    .await
    .unwrap();
    assert_eq!(result.rows_affected, 0);
    assert!(log(&db).await.is_empty());
}

async fn updating_a_missing_row_fails_like_seaorm_does(db: DatabaseConnection) {
    let change = post::ActiveModel {
        id: Set(404),
        title: Set("nobody".to_owned()),
        ..Default::default()
    };
    let err = change.update(&db).await.unwrap_err();
    assert_eq!(err, sea_orm::DbErr::RecordNotUpdated);
    assert!(log(&db).await.is_empty());
}

/// A full `Model` is used as the row without a query; if it is already gone,
/// the delete hooks run on the caller's values and SeaORM deletes nothing.
async fn deleting_a_stale_model_runs_the_hooks_on_the_callers_values(db: DatabaseConnection) {
    let saved = new_post("stale").insert(&db).await.unwrap();
    post::Entity::delete_by_id(saved.id)
        .exec(&db)
        .await
        .unwrap();
    clear_log(&db).await;

    let result = saved.delete(&db).await.unwrap();
    assert_eq!(result.rows_affected, 0);
    assert_eq!(
        log(&db).await,
        [
            "before_delete:delete_check:stale",
            "after_delete:deleted:stale"
        ]
    );
}

on_every_backend!(
    a_failing_before_create_hook_writes_nothing,
    before_hooks_change_the_values_written,
    a_failing_before_update_hook_leaves_the_row_as_it_was,
    a_forbidden_delete_keeps_the_row_and_says_why,
    soft_delete_keeps_the_row_and_marks_it,
    an_after_update_error_reaches_the_caller_typed,
    deleting_a_missing_row_by_key_runs_no_hooks,
    updating_a_missing_row_fails_like_seaorm_does,
    deleting_a_stale_model_runs_the_hooks_on_the_callers_values,
);
