//! Shared support for the integration tests: a database per test on every
//! backend ([`on_every_backend!`]), a hook log, and the test entities.

pub mod backend;
pub mod capture;
pub mod entities;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Schema};

pub use entities::*;

async fn create_table<E: EntityTrait>(db: &impl ConnectionTrait, entity: E) -> Result<(), DbErr> {
    let schema = Schema::new(db.get_database_backend());
    // PostgreSQL's enum types first (none on the other backends).
    for enum_type in schema.create_enum_from_entity(entity) {
        db.execute(&enum_type).await?;
    }
    db.execute(&schema.create_table_from_entity(entity)).await?;
    Ok(())
}

/// Creates every test table (parents before the tables that reference them).
pub async fn create_tables(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    create_table(db, hook_log::Entity).await?;
    create_table(db, post::Entity).await?;
    create_table(db, user::Entity).await?;
    create_table(db, counter::Entity).await?;
    create_table(db, note::Entity).await?;
    create_table(db, author::Entity).await?;
    create_table(db, article::Entity).await?;
    create_table(db, job::Entity).await?;
    create_table(db, member::Entity).await?;
    create_table(db, setting::Entity).await?;
    create_table(db, setting_change::Entity).await?;
    create_table(db, widget::Entity).await?;
    create_table(db, gizmo::Entity).await?;
    create_table(db, ticket::Entity).await?;
    create_table(db, badge::Entity).await?;
    create_table(db, contact::Entity).await?;
    create_table(db, journal::Entity).await?;
    create_table(db, doc::Entity).await?;
    create_table(db, doc_revision::Entity).await?;
    create_table(db, secret::Entity).await?;
    create_table(db, item::Entity).await?;
    create_table(db, grade::Entity).await?;
    create_table(db, stmt_none::Entity).await?;
    create_table(db, stmt_hooks::Entity).await?;
    create_table(db, stmt_before_old::Entity).await?;
    create_table(db, stmt_after_old::Entity).await?;
    Ok(())
}

/// The acting user, as a caller attaches it with `HookDb::with`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    pub fn new(name: &str) -> Actor {
        Actor(name.to_owned())
    }
}

/// What the bulk test hooks saw (`item`), in the order they ran.
#[derive(Clone, Debug, Default)]
pub struct Seen(pub Arc<std::sync::Mutex<Vec<String>>>);

impl Seen {
    pub fn push(&self, entry: String) {
        self.0.lock().expect("seen").push(entry);
    }

    /// Everything seen so far, emptied.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().expect("seen"))
    }
}

/// Attached by a caller whose item updates are audited in `hook_log`.
#[derive(Clone, Copy, Debug)]
pub struct Audit;

/// A request id, a second value a caller attaches beside the actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestId(pub u32);

/// A doc, not yet inserted, whose hooks fail at `fail_at` (empty: never).
pub fn new_doc(title: &str, fail_at: &str) -> doc::ActiveModel {
    use sea_orm::Set;
    doc::ActiveModel {
        title: Set(title.to_owned()),
        fail_at: Set(fail_at.to_owned()),
        ..Default::default()
    }
}

/// Every doc revision, by id.
pub async fn revisions(db: &impl ConnectionTrait) -> Vec<doc_revision::Model> {
    use sea_orm::QueryOrder;
    doc_revision::Entity::find()
        .order_by_asc(doc_revision::Column::Id)
        .all(db)
        .await
        .expect("read doc revisions")
}

/// Counts the SQL statements run on `db` from now on.
pub fn count_statements(db: &mut DatabaseConnection) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    db.set_metric_callback(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    count
}

/// The statements SeaORM itself runs for one `insert` or `update` that returns
/// the row: the write with `RETURNING`, or (MySQL) the write and a `SELECT`.
pub fn write_statements(db: &impl ConnectionTrait) -> usize {
    if db.support_returning() { 1 } else { 2 }
}

/// The hook log, oldest entry first.
pub async fn log(db: &impl ConnectionTrait) -> Vec<String> {
    use sea_orm::QueryOrder;
    hook_log::Entity::find()
        .order_by_asc(hook_log::Column::Id)
        .all(db)
        .await
        .expect("read hook log")
        .into_iter()
        .map(|row| row.entry)
        .collect()
}

/// Every job, by id.
pub async fn jobs(db: &impl ConnectionTrait) -> Vec<job::Model> {
    use sea_orm::QueryOrder;
    job::Entity::find()
        .order_by_asc(job::Column::Id)
        .all(db)
        .await
        .expect("read jobs")
}

/// What a job write can touch: the `jobs` table, and `hook_log` where its
/// hooks write.
#[derive(Debug, PartialEq)]
pub struct JobsAndLog {
    pub jobs: Vec<job::Model>,
    pub log: Vec<String>,
}

impl JobsAndLog {
    pub async fn read(db: &impl ConnectionTrait) -> JobsAndLog {
        JobsAndLog {
            jobs: jobs(db).await,
            log: log(db).await,
        }
    }
}

/// The event each hook-log entry starts with (`"before_save:..."`), in order.
pub fn events_of(entries: &[String]) -> Vec<hooks_orm::HookEvent> {
    entries
        .iter()
        .map(|entry| {
            let name = entry.split(':').next().unwrap_or_default();
            *hooks_orm::HookEvent::ALL
                .iter()
                .find(|event| event.as_str() == name)
                .unwrap_or_else(|| panic!("not an event's log entry: {entry}"))
        })
        .collect()
}

/// Empties the hook log.
pub async fn clear_log(db: &impl ConnectionTrait) {
    hook_log::Entity::delete_many()
        .exec(db)
        .await
        .expect("clear hook log");
}

/// An unpublished post, not yet inserted.
pub fn new_post(title: &str) -> post::ActiveModel {
    use sea_orm::Set;
    post::ActiveModel {
        title: Set(title.to_owned()),
        published: Set(false),
        ..Default::default()
    }
}

/// A note, not yet inserted.
pub fn new_note(text: &str) -> note::ActiveModel {
    use sea_orm::Set;
    note::ActiveModel {
        text: Set(text.to_owned()),
        previous: Set(String::new()),
        ..Default::default()
    }
}

/// A job whose hooks do not fail, not yet inserted.
pub fn new_job(name: &str) -> job::ActiveModel {
    use sea_orm::Set;
    job::ActiveModel {
        name: Set(name.to_owned()),
        fail_at: Set(String::new()),
        ..Default::default()
    }
}

/// Inserts a counter at `value`.
pub async fn insert_counter(db: &impl ConnectionTrait, value: i32) -> counter::Model {
    use sea_orm::{ActiveModelTrait, Set};
    counter::ActiveModel {
        value: Set(value),
        updates: Set(0),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert counter")
}
