//! Benchmarks of hook dispatch: one entity, four ways ([`Variant`]), measured
//! on SeaORM's `ActiveModelBehavior` calls alone and on whole inserts into
//! in-memory SQLite. Shared by the criterion benches (`cargo bench`) and the
//! instruction counts (`scripts/callgrind.sh`, which drives the
//! `dispatch-count` binary; `scripts/callgrind-tracing.sh` builds it with
//! and without hooks-orm's `tracing` feature). See BENCHMARKS.md.

pub mod entities;

use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use entities::{generated, generated_async, hand_written, plain, registry};
use hooks_orm::{HookError, HookedActiveModelTrait};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectOptions, ConnectionTrait, Database,
    DatabaseConnection, DbErr, EntityTrait, Schema, Set,
};

/// The name every row is written with: `before_save` hooks normalise it.
pub const NAME: &str = "  Ada Lovelace ";

/// The four ways to have (or not have) the same hooks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// No hooks: SeaORM's default `ActiveModelBehavior`.
    Plain,
    /// The hooks written by hand in `ActiveModelBehavior`.
    HandWritten,
    /// `#[derive(Hooked)]` and `#[hooks]`.
    Generated,
    /// A map from event name to boxed async callbacks.
    Registry,
    /// `Generated` with its `after_create` hook an `async fn`.
    GeneratedAsync,
}

impl Variant {
    pub const ALL: [Variant; 5] = [
        Variant::Plain,
        Variant::HandWritten,
        Variant::Generated,
        Variant::Registry,
        Variant::GeneratedAsync,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::HandWritten => "hand_written",
            Variant::Generated => "generated",
            Variant::Registry => "registry",
            Variant::GeneratedAsync => "generated_async",
        }
    }

    pub fn from_name(name: &str) -> Option<Variant> {
        Variant::ALL.into_iter().find(|v| v.name() == name)
    }

    /// `before_save` and `after_save` of one insert, as SeaORM calls them,
    /// with no SQL in between.
    pub async fn behavior(self, db: &DatabaseConnection) -> Result<(), DbErr> {
        match self {
            Variant::Plain => behavior::<plain::Entity>(plain_row(), db).await,
            Variant::HandWritten => behavior::<hand_written::Entity>(hand_row(), db).await,
            Variant::Generated => behavior::<generated::Entity>(generated_row(), db).await,
            Variant::Registry => behavior::<registry::Entity>(registry_row(), db).await,
            Variant::GeneratedAsync => {
                behavior::<generated_async::Entity>(generated_async_row(), db).await
            }
        }
    }

    /// One whole insert through the hooked operation (`insert_hooked`: its
    /// own transaction, the hooks, `INSERT ... RETURNING`); `None` for the
    /// variants without `#[derive(Hooked)]`, which have no such operation.
    pub async fn insert_hooked(self, db: &DatabaseConnection) -> Option<Result<(), HookError>> {
        let inserted = match self {
            Variant::Generated => generated_row().insert_hooked(db).await.map(drop),
            Variant::GeneratedAsync => generated_async_row().insert_hooked(db).await.map(drop),
            Variant::Plain | Variant::HandWritten | Variant::Registry => return None,
        };
        Some(inserted)
    }

    /// One whole insert through SeaORM (`ActiveModel::insert`).
    pub async fn insert(self, db: &DatabaseConnection) -> Result<(), DbErr> {
        match self {
            Variant::Plain => drop(black_box(plain_row().insert(db).await?)),
            Variant::HandWritten => drop(black_box(hand_row().insert(db).await?)),
            Variant::Generated => drop(black_box(generated_row().insert(db).await?)),
            Variant::Registry => drop(black_box(registry_row().insert(db).await?)),
            Variant::GeneratedAsync => drop(black_box(generated_async_row().insert(db).await?)),
        }
        Ok(())
    }
}

fn plain_row() -> plain::ActiveModel {
    plain::ActiveModel {
        name: Set(black_box(NAME).to_owned()),
        ..Default::default()
    }
}

fn hand_row() -> hand_written::ActiveModel {
    hand_written::ActiveModel {
        name: Set(black_box(NAME).to_owned()),
        ..Default::default()
    }
}

fn generated_row() -> generated::ActiveModel {
    generated::ActiveModel {
        name: Set(black_box(NAME).to_owned()),
        ..Default::default()
    }
}

fn generated_async_row() -> generated_async::ActiveModel {
    generated_async::ActiveModel {
        name: Set(black_box(NAME).to_owned()),
        ..Default::default()
    }
}

fn registry_row() -> registry::ActiveModel {
    registry::ActiveModel {
        name: Set(black_box(NAME).to_owned()),
        ..Default::default()
    }
}

/// What SeaORM's `insert` does around its SQL: `before_save(insert = true)`,
/// then `after_save` with the row (here made from the values, as if returned).
async fn behavior<E>(am: E::ActiveModel, db: &DatabaseConnection) -> Result<(), DbErr>
where
    E: EntityTrait,
    E::ActiveModel: ActiveModelBehavior + Send,
    E::Model: sea_orm::IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: sea_orm::TryIntoModel<E::Model>,
{
    use sea_orm::TryIntoModel;
    let mut am = black_box(am).before_save(db, true).await?;
    // The id the database would have given the row.
    let key = <E::PrimaryKey as sea_orm::Iterable>::iter().next();
    if let Some(key) = key {
        am.set(sea_orm::PrimaryKeyToColumn::into_column(key), 1i32.into());
    }
    let model = am.try_into_model()?;
    let model = E::ActiveModel::after_save(model, db, true).await?;
    black_box(model);
    Ok(())
}

/// An in-memory SQLite database (one connection) with the tables.
pub async fn sqlite() -> DatabaseConnection {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let db = Database::connect(options)
        .await
        .expect("open in-memory SQLite");
    let schema = Schema::new(db.get_database_backend());
    for stmt in [
        schema.create_table_from_entity(plain::Entity),
        schema.create_table_from_entity(hand_written::Entity),
        schema.create_table_from_entity(generated::Entity),
        schema.create_table_from_entity(registry::Entity),
        schema.create_table_from_entity(generated_async::Entity),
    ] {
        db.execute(&stmt).await.expect("create a table");
    }
    db
}

/// A single-threaded Tokio runtime for the inserts.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("build a Tokio runtime")
}

/// Polls `future` once: the behaviour calls without SQL never wait.
pub fn now<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("a behaviour call without SQL waited"),
    }
}
