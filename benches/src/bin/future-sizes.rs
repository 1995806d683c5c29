//! `future-sizes`: the size in bytes of the futures that one insert's
//! `ActiveModelBehavior` calls build for the generated entity, layer by layer
//! (see BENCHMARKS.md). Each layer's future is moved into the next, and the
//! outermost into the box of SeaORM's `async_trait`.

use std::mem::size_of_val;

use hooks_benches::entities::generated::{ActiveModel, Model};
use hooks_benches::entities::hand_written;
use hooks_benches::{runtime, sqlite};
use hooks_orm::__private::{self as glue, ModelHooks};
use hooks_orm::{CallerData, HookConnection, HookContext, HookEvent, WriteState};
use sea_orm::ActiveModelBehavior;

fn main() {
    let rt = runtime();
    let db = rt.block_on(sqlite());
    let row = Model {
        id: 1,
        name: "ada".to_owned(),
    };
    let mut am = ActiveModel::default();
    let data = CallerData::new();
    let state = WriteState::new();
    let cx = HookContext::new(
        HookConnection::new(&db, &data),
        &state,
        HookEvent::BeforeSave,
        "generated_rows",
    );
    println!("| future | bytes |");
    println!("|---|---:|");
    println!("| `ActiveModel` (for scale) | {} |", size_of_val(&am));
    println!(
        "| `ModelHooks::before_save` (the `#[hooks]` method) | {} |",
        size_of_val(&<Model as ModelHooks>::before_save(&mut am, &cx))
    );
    println!(
        "| `ModelHooks::after_save` (the `#[hooks]` method) | {} |",
        size_of_val(&<Model as ModelHooks>::after_save(&row, &cx))
    );
    println!(
        "| glue `before_save::<Model, DatabaseConnection>` | {} |",
        size_of_val(&glue::before_save::<Model, _>(
            ActiveModel::default(),
            &db,
            true
        ))
    );
    println!(
        "| glue `after_save::<Model, DatabaseConnection>` | {} |",
        size_of_val(&glue::after_save::<Model, _>(row.clone(), &db, true))
    );
    println!(
        "| boxed by `ActiveModelBehavior::before_save` (heap) | {} |",
        size_of_val(&*ActiveModel::default().before_save(&db, true))
    );
    println!(
        "| boxed by `ActiveModelBehavior::after_save` (heap) | {} |",
        size_of_val(&*ActiveModel::after_save(row.clone(), &db, true))
    );
    let hand_row = hand_written::Model {
        id: 1,
        name: "ada".to_owned(),
    };
    println!(
        "| hand-written: boxed by `before_save` (heap) | {} |",
        size_of_val(&*hand_written::ActiveModel::default().before_save(&db, true))
    );
    println!(
        "| hand-written: boxed by `after_save` (heap) | {} |",
        size_of_val(&*hand_written::ActiveModel::after_save(hand_row, &db, true))
    );
}
