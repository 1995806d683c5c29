//! The `tracing` feature: a `hooks_orm.write` span per write (per call into
//! the glue on SeaORM's door), a `hooks_orm.hook` span per hook inside it,
//! and the hook error events inside the hook's span, captured by a real
//! subscriber (`capture`) and checked by name, fields and parent.

use std::future::Future;

use hooks_orm::prelude::*;
use hooks_tests::capture::{
    Captured, CapturedSpan, capture, captured, captured_spans, descends_from,
};
use hooks_tests::on_every_backend;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, ModelTrait, QueryFilter, Schema,
};
use tracing::{Instrument, Level};

/// An entity of this test alone: its spans name its table, and its hooks
/// fail where a row's `fail_at` says.
mod traced {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "traced_rows")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        /// The event whose hook fails (`"before_create"`, ...), `"notify"`
        /// for the logged `after_update` hook, or empty.
        pub fail_at: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    fn refuse_at(row: &ActiveModel, event: &str) -> HookResult {
        match &row.fail_at {
            Set(at) | Unchanged(at) if at == event => {
                Err(HookError::validation(format!("{event} refuses")))
            }
            _ => Ok(()),
        }
    }

    #[hooks]
    impl Model {
        #[before_save]
        fn trim(row: &mut ActiveModel) {
            tracing::info!(target: "hooks_tests", "trimming");
            if let Set(name) = &mut row.name {
                *name = name.trim().to_owned();
            }
        }

        #[before_create]
        fn check_create(row: &mut ActiveModel) -> HookResult {
            refuse_at(row, "before_create")
        }

        #[before_update]
        fn check_update(row: &mut ActiveModel) -> HookResult {
            refuse_at(row, "before_update")
        }

        #[after_update(on_error = "log")]
        fn notify(&self) -> HookResult {
            if self.fail_at == "notify" {
                return Err(HookError::other("the notifier is down"));
            }
            Ok(())
        }

        #[after_save]
        fn saved(&self) {}

        /// Async: its span instruments the future, across a query.
        #[before_delete]
        async fn guard(&self, cx: &HookContext<'_>) -> HookResult {
            Entity::find_by_id(self.id).one(cx.db()).await?;
            tracing::info!(target: "hooks_tests", "guarded");
            if self.fail_at == "before_delete" {
                return Err(HookError::forbidden("this row stays"));
            }
            Ok(())
        }
    }
}

fn row(name: &str, fail_at: &str) -> traced::ActiveModel {
    traced::ActiveModel {
        name: Set(name.to_owned()),
        fail_at: Set(fail_at.to_owned()),
        ..Default::default()
    }
}

async fn create_table(db: &DatabaseConnection) {
    let schema = Schema::new(db.get_database_backend());
    db.execute(&schema.create_table_from_entity(traced::Entity))
        .await
        .expect("create traced_rows");
}

/// What `action` left: the spans and events inside a root span of its own,
/// so that the other tests' spans (the subscriber is global) stay out.
struct Trace {
    root: u64,
    spans: Vec<CapturedSpan>,
    events: Vec<Captured>,
}

async fn traced<F: Future>(action: F) -> (F::Output, Trace) {
    capture();
    let root = tracing::info_span!(target: "hooks_tests", "test");
    let id = root
        .id()
        .expect("the subscriber records hooks_tests spans")
        .into_u64();
    let output = action.instrument(root).await;
    let all = captured_spans();
    let spans = all
        .iter()
        .filter(|span| span.id != id && descends_from(&all, span.id, id))
        .cloned()
        .collect();
    let events = captured()
        .into_iter()
        .filter(|event| {
            event
                .parent
                .is_some_and(|parent| descends_from(&all, parent, id))
        })
        .collect();
    (
        output,
        Trace {
            root: id,
            spans,
            events,
        },
    )
}

impl Trace {
    fn writes(&self) -> Vec<&CapturedSpan> {
        self.named("hooks_orm.write")
    }

    fn hooks(&self) -> Vec<&CapturedSpan> {
        self.named("hooks_orm.hook")
    }

    fn named(&self, name: &str) -> Vec<&CapturedSpan> {
        self.spans.iter().filter(|span| span.name == name).collect()
    }

    /// The hook spans, as `(hook, event)`, in the order they were opened.
    fn hook_calls(&self) -> Vec<(&str, &str)> {
        self.hooks()
            .iter()
            .map(|span| (span.field("hook").unwrap(), span.field("event").unwrap()))
            .collect()
    }

    /// The one span of hook `hook` (panics if there are more or none).
    fn hook(&self, hook: &str) -> &CapturedSpan {
        let found: Vec<_> = self
            .hooks()
            .into_iter()
            .filter(|span| span.field("hook") == Some(hook))
            .collect();
        assert_eq!(found.len(), 1, "spans of hook `{hook}`: {found:#?}");
        found[0]
    }

    fn events_at(&self, target: &str) -> Vec<&Captured> {
        self.events.iter().filter(|e| e.target == target).collect()
    }

    /// The one event whose message is `message`.
    fn message(&self, message: &str) -> &Captured {
        let found: Vec<_> = self
            .events
            .iter()
            .filter(|e| e.fields.get("message").map(String::as_str) == Some(message))
            .collect();
        assert_eq!(found.len(), 1, "events `{message}`: {:#?}", self.events);
        found[0]
    }
}

fn field<'e>(event: &'e Captured, name: &str) -> Option<&'e str> {
    event.fields.get(name).map(String::as_str)
}

/// Checks the fields of a write span.
#[track_caller]
fn assert_write(span: &CapturedSpan, door: &str, kind: &str, more: &[(&str, &str)]) {
    assert_eq!(span.level, Level::INFO, "{span:#?}");
    assert_eq!(span.target, "hooks_orm", "{span:#?}");
    assert_eq!(span.field("door"), Some(door), "{span:#?}");
    assert_eq!(span.field("entity"), Some("traced_rows"), "{span:#?}");
    assert_eq!(span.field("kind"), Some(kind), "{span:#?}");
    for (name, value) in more {
        assert_eq!(
            span.field(name),
            Some(*value),
            "field `{name}` of {span:#?}"
        );
    }
}

/// `insert_hooked`: one write span, its key recorded once the row has one,
/// every hook span inside it, and a hook's own events inside the hook's span.
/// A failing hook: its event inside its span, and no key.
async fn a_hooked_insert_is_one_write_span_with_its_hooks_inside(db: DatabaseConnection) {
    create_table(&db).await;
    let (inserted, trace) = traced(row(" ada ", "").insert_hooked(&db)).await;
    let inserted = inserted.unwrap();
    let [write] = trace.writes()[..] else {
        panic!("one write span: {:#?}", trace.spans);
    };
    assert_write(
        write,
        "hooked",
        "create",
        &[("key", &format!("id={}", inserted.id))],
    );
    assert_eq!(write.parent, Some(trace.root));
    assert_eq!(
        trace.hook_calls(),
        [
            ("trim", "before_save"),
            ("check_create", "before_create"),
            ("saved", "after_save"),
        ]
    );
    for hook in trace.hooks() {
        assert_eq!(hook.parent, Some(write.id), "{hook:#?}");
        assert_eq!(hook.field("entity"), Some("traced_rows"));
        assert_eq!(
            (hook.level, hook.target.as_str()),
            (Level::DEBUG, "hooks_orm")
        );
    }
    assert_eq!(
        trace.message("trimming").parent,
        Some(trace.hook("trim").id)
    );
    assert!(
        trace.events_at("hooks_orm::hook_error").is_empty(),
        "{:#?}",
        trace.events
    );

    let (failed, trace) = traced(row("bob", "before_create").insert_hooked(&db)).await;
    let failed = failed.unwrap_err();
    assert!(failed.is_validation());
    let [write] = trace.writes()[..] else {
        panic!("one write span: {:#?}", trace.spans);
    };
    assert_write(write, "hooked", "create", &[]);
    assert_eq!(write.field("key"), None, "nothing was inserted: {write:#?}");
    assert_eq!(
        trace.hook_calls(),
        [("trim", "before_save"), ("check_create", "before_create")]
    );
    let [error] = trace.events_at("hooks_orm::hook_error")[..] else {
        panic!("one hook error event: {:#?}", trace.events);
    };
    let check = trace.hook("check_create");
    assert_eq!(check.parent, Some(write.id));
    assert_eq!(error.parent, Some(check.id), "{error:#?}");
    assert_eq!(error.level, Level::WARN);
    assert_eq!(field(error, "hook"), Some("check_create"));
    assert_eq!(field(error, "event"), Some("before_create"));
    assert_eq!(field(error, "entity"), Some("traced_rows"));
    assert_eq!(field(error, "kind"), Some("validation"));
    assert_eq!(field(error, "error"), Some(failed.to_string().as_str()));
}

/// SeaORM's `update`: a write span for each of its two calls into the glue
/// (`before_save`, `after_save`), siblings with the key, each holding the
/// hooks it runs. A logged `after_update` error: `ERROR` inside its hook's
/// span, and no `WARN` (it does not go back to the caller).
async fn an_update_through_seaorm_is_a_write_span_per_glue_call(db: DatabaseConnection) {
    create_table(&db).await;
    let stored = row("ada", "").insert(&db).await.unwrap();
    let key = format!("id={}", stored.id);
    let mut change = stored.clone().into_active_model();
    change.name = Set("ada l".to_owned());
    change.fail_at = Set("notify".to_owned());
    let (updated, trace) = traced(change.update(&db)).await;
    updated.unwrap();
    let [before, after] = trace.writes()[..] else {
        panic!("two write spans: {:#?}", trace.spans);
    };
    assert_write(
        before,
        "seaorm",
        "update",
        &[("phase", "before_save"), ("key", &key)],
    );
    assert_write(
        after,
        "seaorm",
        "update",
        &[("phase", "after_save"), ("key", &key)],
    );
    assert_eq!(
        (before.parent, after.parent),
        (Some(trace.root), Some(trace.root))
    );
    assert_eq!(
        trace.hook_calls(),
        [
            ("trim", "before_save"),
            ("check_update", "before_update"),
            ("notify", "after_update"),
            ("saved", "after_save"),
        ]
    );
    assert_eq!(trace.hook("trim").parent, Some(before.id));
    assert_eq!(trace.hook("check_update").parent, Some(before.id));
    assert_eq!(trace.hook("notify").parent, Some(after.id));
    assert_eq!(trace.hook("saved").parent, Some(after.id));
    let [logged] = trace.events_at("hooks_orm::hook_error")[..] else {
        panic!("one hook error event: {:#?}", trace.events);
    };
    assert_eq!(logged.level, Level::ERROR);
    assert_eq!(logged.parent, Some(trace.hook("notify").id));
    assert_eq!(field(logged, "hook"), Some("notify"));
    assert_eq!(field(logged, "event"), Some("after_update"));
    assert_eq!(field(logged, "entity"), Some("traced_rows"));
    assert_eq!(field(logged, "key"), Some(key.as_str()));
    assert!(field(logged, "error").is_some_and(|e| e.contains("the notifier is down")));

    // A refused update: SeaORM never gets to `after_save`.
    let mut change = stored.into_active_model();
    change.fail_at = Set("before_update".to_owned());
    let (refused, trace) = traced(change.update(&db)).await;
    let refused = HookError::from_db_err(&refused.unwrap_err()).expect("a hook error");
    let [before] = trace.writes()[..] else {
        panic!("one write span: {:#?}", trace.spans);
    };
    assert_write(
        before,
        "seaorm",
        "update",
        &[("phase", "before_save"), ("key", &key)],
    );
    let [error] = trace.events_at("hooks_orm::hook_error")[..] else {
        panic!("one hook error event: {:#?}", trace.events);
    };
    assert_eq!(error.level, Level::WARN);
    assert_eq!(error.parent, Some(trace.hook("check_update").id));
    assert_eq!(trace.hook("check_update").parent, Some(before.id));
    assert_eq!(field(error, "error"), Some(refused.to_string().as_str()));
}

/// SeaORM's `delete`: write spans for `before_delete` and `after_delete`,
/// and an `async` hook's span around its whole future (an event it emits
/// after a query lies inside it), and around its error.
async fn a_delete_through_seaorm_instruments_an_async_hook(db: DatabaseConnection) {
    create_table(&db).await;
    let doomed = row("doomed", "").insert(&db).await.unwrap();
    let key = format!("id={}", doomed.id);
    let (deleted, trace) = traced(doomed.delete(&db)).await;
    assert_eq!(deleted.unwrap().rows_affected, 1);
    let [before, after] = trace.writes()[..] else {
        panic!("two write spans: {:#?}", trace.spans);
    };
    assert_write(
        before,
        "seaorm",
        "delete",
        &[("phase", "before_delete"), ("key", &key)],
    );
    assert_write(
        after,
        "seaorm",
        "delete",
        &[("phase", "after_delete"), ("key", &key)],
    );
    assert_eq!(trace.hook_calls(), [("guard", "before_delete")]);
    let guard = trace.hook("guard");
    assert_eq!(guard.parent, Some(before.id));
    assert_eq!(trace.message("guarded").parent, Some(guard.id));

    let kept = row("kept", "before_delete").insert(&db).await.unwrap();
    let (refused, trace) = traced(kept.delete(&db)).await;
    assert!(refused.is_err());
    let [error] = trace.events_at("hooks_orm::hook_error")[..] else {
        panic!("one hook error event: {:#?}", trace.events);
    };
    assert_eq!(error.parent, Some(trace.hook("guard").id));
    assert_eq!(field(error, "kind"), Some("forbidden"));
    assert_eq!(
        trace.writes().len(),
        1,
        "no after_delete: {:#?}",
        trace.spans
    );
}

/// The bulk operations: one write span with the row count, every row's hook
/// spans inside it; a failing row's error event inside its hook's span.
async fn a_bulk_write_is_one_span_with_every_rows_hooks_inside(db: DatabaseConnection) {
    create_table(&db).await;
    let rows = [row("a", ""), row("b", "before_update"), row("c", "")];
    let (inserted, trace) = traced(traced::Entity::insert_many_hooked(rows, &db)).await;
    let inserted = inserted.unwrap();
    let [write] = trace.writes()[..] else {
        panic!("one write span: {:#?}", trace.spans);
    };
    assert_write(write, "bulk", "create", &[("rows", "3")]);
    assert_eq!(write.field("key"), None);
    let per_row = [("trim", "before_save"), ("check_create", "before_create")];
    let expected: Vec<_> = per_row
        .iter()
        .cycle()
        .take(6)
        .copied()
        .chain([("saved", "after_save"); 3])
        .collect();
    assert_eq!(trace.hook_calls(), expected);
    assert!(
        trace
            .hooks()
            .iter()
            .all(|hook| hook.parent == Some(write.id))
    );

    let change = traced::ActiveModel {
        name: Set("renamed".to_owned()),
        ..Default::default()
    };
    let ids = inserted.iter().map(|row| row.id);
    let filter = traced::Column::Id.is_in(ids);
    let (failed, trace) = traced(traced::Entity::update_many_hooked(filter, change, &db)).await;
    let failed = failed.unwrap_err();
    assert_eq!(
        failed.row_key(),
        Some(format!("id={}", inserted[1].id).as_str())
    );
    let [write] = trace.writes()[..] else {
        panic!("one write span: {:#?}", trace.spans);
    };
    assert_write(write, "bulk", "update", &[("rows", "3")]);
    assert_eq!(
        trace.hook_calls(),
        [
            ("trim", "before_save"),
            ("check_update", "before_update"),
            ("trim", "before_save"),
            ("check_update", "before_update"),
        ]
    );
    assert!(
        trace
            .hooks()
            .iter()
            .all(|hook| hook.parent == Some(write.id))
    );
    let [error] = trace.events_at("hooks_orm::hook_error")[..] else {
        panic!("one hook error event: {:#?}", trace.events);
    };
    assert_eq!(error.level, Level::WARN);
    assert_eq!(error.parent, Some(trace.hooks()[3].id));
    assert_eq!(field(error, "hook"), Some("check_update"));
    // Nothing was written.
    let names: Vec<String> = traced::Entity::find()
        .filter(traced::Column::Name.eq("renamed"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| row.name)
        .collect();
    assert!(names.is_empty());
}

on_every_backend!(
    a_hooked_insert_is_one_write_span_with_its_hooks_inside,
    an_update_through_seaorm_is_a_write_span_per_glue_call,
    a_delete_through_seaorm_instruments_an_async_hook,
    a_bulk_write_is_one_span_with_every_rows_hooks_inside,
);
