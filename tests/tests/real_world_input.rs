//! The macros under real-world input, at run time: hooks under `cfg` and
//! `cfg_attr`, parameters under `cfg`, the context and the row under other
//! names, raw identifiers. (What they must refuse is in the trybuild suite.)

use hooks_orm::prelude::*;
use hooks_tests::capture::{capture, captured};
use hooks_tests::*;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, ModelTrait};

fn widget(name: &str) -> widget::ActiveModel {
    widget::ActiveModel {
        name: Set(name.to_owned()),
        ..Default::default()
    }
}

async fn a_hook_under_cfg_runs_only_where_compiled_and_once(db: DatabaseConnection) {
    widget("w").insert(&db).await.unwrap();
    assert_eq!(
        log(&db).await,
        [
            // `twin` is two fns under opposite cfgs: one hook, one call.
            "after_create:twin:compiled",
            // `cfg_attr(all(), after_create(priority = 1))`; the `any()` one is not a hook.
            "after_create:switched_on",
            "after_save:context_by_alias:after_save",
        ]
    );
}

async fn aliases_of_the_row_and_the_context_get_what_their_type_says(db: DatabaseConnection) {
    let saved = widget("before").insert(&db).await.unwrap();
    clear_log(&db).await;

    let mut change: widget::ActiveModel = saved.into();
    change.name = Set("after".to_owned());
    change.update(&db).await.unwrap();
    assert_eq!(
        log(&db).await,
        [
            "before_update:old_row_by_alias:before->after",
            "after_update:with_cfg_parameter:after",
            "after_save:context_by_alias:after_save",
        ]
    );
}

async fn errors_name_a_raw_identifier_hook_without_r_hash(db: DatabaseConnection) {
    let locked = widget("locked").insert(&db).await.unwrap();
    let err = locked.delete(&db).await.unwrap_err();
    let err = HookError::from_db_err(&err).expect("a hook error");
    assert_eq!(err.hook(), Some("type"));
    assert!(err.is_forbidden());
    assert_eq!(widget::Entity::find().all(&db).await.unwrap().len(), 1);
}

/// The compiled-out `after_update` hook would take the old row, and the
/// context alias sits where the old row could go: neither reads it.
async fn no_old_row_for_a_compiled_out_hook_or_a_context_alias(mut db: DatabaseConnection) {
    let saved = gizmo::ActiveModel {
        name: Set("g".to_owned()),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let statements = count_statements(&mut db);

    let mut change: gizmo::ActiveModel = saved.into();
    change.name = Set("h".to_owned());
    change.update(&db).await.unwrap();

    // SeaORM's write, plus the hook's own log insert: no SELECT of the old row.
    let log_insert = write_statements(&db);
    assert_eq!(
        statements.load(std::sync::atomic::Ordering::SeqCst),
        write_statements(&db) + log_insert
    );
    assert_eq!(log(&db).await, ["before_update:context"]);
}

/// `on_error = "log"`: the hook's error is logged with the hook, event,
/// entity and key; the write stands and the next hook runs.
async fn an_after_hook_that_logs_its_error_lets_the_write_stand(db: DatabaseConnection) {
    capture();
    let saved = widget("flaky").insert(&db).await.unwrap();
    assert_eq!(
        widget::Entity::find_by_id(saved.id).one(&db).await.unwrap(),
        Some(saved.clone())
    );
    assert!(
        log(&db)
            .await
            .contains(&"after_save:context_by_alias:after_save".to_owned())
    );
    let key = format!("id={}", saved.id);
    let logged = captured().into_iter().any(|event| {
        let field = |name: &str| event.fields.get(name).map(String::as_str);
        event.target == "hooks_orm::hook_error"
            && event.level == tracing::Level::ERROR
            && field("hook") == Some("flaky")
            && field("event") == Some("after_save")
            && field("entity") == Some("widgets")
            && field("key") == Some(key.as_str())
            && field("error").is_some_and(|e| e.contains("flaky widget service is down"))
    });
    assert!(logged, "no ERROR event for the logged hook error");
}

on_every_backend!(
    an_after_hook_that_logs_its_error_lets_the_write_stand,
    a_hook_under_cfg_runs_only_where_compiled_and_once,
    aliases_of_the_row_and_the_context_get_what_their_type_says,
    errors_name_a_raw_identifier_hook_without_r_hash,
    no_old_row_for_a_compiled_out_hook_or_a_context_alias,
);

/// `hook_chain()` lists the hooks that are compiled in, in run order (event,
/// then priority, then declaration), each where its name is written.
#[test]
fn the_hook_chain_lists_the_compiled_hooks_in_run_order() {
    let chain = widget::Model::hook_chain();
    let listed: Vec<(String, &str, i32, bool)> = chain
        .iter()
        .map(|hook| {
            (
                hook.event.to_string(),
                hook.name,
                hook.priority,
                hook.is_async,
            )
        })
        .collect();
    let expected = [
        ("after_create", "twin", 0, true),
        ("after_create", "switched_on", 1, true),
        ("before_update", "old_row_by_alias", 0, true),
        ("after_update", "with_cfg_parameter", 0, true),
        ("after_save", "flaky", -1, false),
        ("after_save", "context_by_alias", 0, true),
        ("before_delete", "type", 0, false),
    ];
    let expected: Vec<(String, &str, i32, bool)> = expected
        .into_iter()
        .map(|(event, name, priority, is_async)| (event.to_owned(), name, priority, is_async))
        .collect();
    assert_eq!(listed, expected);

    assert_eq!(
        chain
            .iter()
            .filter(|hook| hook.logs_errors)
            .map(|hook| hook.name)
            .collect::<Vec<_>>(),
        ["flaky"]
    );
    let source = include_str!("../support/entities/widget.rs");
    for hook in chain {
        assert!(hook.file.ends_with("widget.rs"), "{hook}");
        let line = source.lines().nth(hook.line as usize - 1).unwrap();
        let name = format!("fn {}(", hook.name).replace("fn type(", "fn r#type(");
        assert!(
            line.contains(&name),
            "{hook}: line {} is `{line}`",
            hook.line
        );
    }
}
