//! `future-sizes`: the size in bytes of the futures that one insert's
//! `ActiveModelBehavior` calls box, for the generated entities and the
//! hand-written one (see BENCHMARKS.md). SeaORM's `async_trait` boxes each
//! call's future, so its size is what every write allocates and moves.

use std::mem::size_of_val;

use hooks_benches::entities::{generated, generated_async, hand_written};
use hooks_benches::{runtime, sqlite};
use hooks_orm::__private::ModelHooks;
use hooks_orm::{CallerData, HookConnection, HookContext, HookEvent, WriteState};
use sea_orm::ActiveModelBehavior;

/// The sizes of the futures boxed by `before_save` and `after_save` of an entity.
macro_rules! boxed {
    ($label:literal, $module:ident, $db:expr) => {{
        let row = $module::Model {
            id: 1,
            name: "ada".to_owned(),
        };
        println!(
            "| {}: `before_save` | {} |",
            $label,
            size_of_val(&*$module::ActiveModel::default().before_save($db, true))
        );
        println!(
            "| {}: `after_save` | {} |",
            $label,
            size_of_val(&*$module::ActiveModel::after_save(row, $db, true))
        );
    }};
}

fn main() {
    let rt = runtime();
    let db = rt.block_on(sqlite());
    println!("| future boxed by `ActiveModelBehavior` | bytes |");
    println!("|---|---:|");
    boxed!("hand-written", hand_written, &db);
    boxed!("generated", generated, &db);
    boxed!("generated, one `async` hook", generated_async, &db);

    // The `#[hooks]` methods themselves, for scale.
    let row = generated::Model {
        id: 1,
        name: "ada".to_owned(),
    };
    let mut am = generated::ActiveModel::default();
    let data = CallerData::new();
    let state = WriteState::new();
    let cx = HookContext::new(
        HookConnection::new(&db, &data, hooks_orm::__private::CommitScope::Autocommit),
        &state,
        HookEvent::BeforeSave,
        "generated_rows",
    );
    println!(
        "| `#[hooks]` method `before_save` (not boxed) | {} |",
        size_of_val(&<generated::Model as ModelHooks>::before_save(&mut am, &cx))
    );
    println!(
        "| `#[hooks]` method `after_save` (not boxed) | {} |",
        size_of_val(&<generated::Model as ModelHooks>::after_save(&row, &cx))
    );
}
