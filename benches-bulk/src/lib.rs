//! What the bulk benchmarks share: an entity with two cheap hooks per
//! operation, and the databases they run on (a SQLite file, and a scratch
//! schema on PostgreSQL when `HOOKS_BENCH_POSTGRES` holds a URL).

use std::sync::atomic::{AtomicUsize, Ordering};

use hooks_orm::HookError;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    Schema,
};

/// The benchmarked entity: `rows`.
pub mod row {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    /// A row: a name, a quantity, what the hooks set.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "bench_rows")]
    pub struct Model {
        /// The key.
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Trimmed by `before_create`.
        pub name: String,
        /// What the updates change.
        pub qty: i32,
        /// Set by `before_save`.
        pub note: String,
        /// Bumped by `before_update`.
        pub version: i32,
    }

    /// No relations.
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {
        #[before_save]
        fn stamp(row: &mut ActiveModel) {
            row.note = Set("saved".to_owned());
        }

        #[before_create]
        fn trim(row: &mut ActiveModel) {
            if let Set(name) = &row.name {
                row.name = Set(name.trim().to_owned());
            }
        }

        #[after_save]
        fn count_saved(&self) {
            super::count();
        }

        #[before_update]
        fn bump(row: &mut ActiveModel, old: &Model) {
            row.version = Set(old.version + 1);
        }

        #[before_delete]
        fn protect(&self) -> HookResult<Deletion> {
            Ok(if self.name == "protected" {
                Deletion::Keep
            } else {
                Deletion::Proceed
            })
        }

        #[after_delete]
        fn count_deleted(&self) {
            super::count();
        }
    }
}

static HOOK_RUNS: AtomicUsize = AtomicUsize::new(0);

fn count() {
    HOOK_RUNS.fetch_add(1, Ordering::Relaxed);
}

/// How many times the counting hooks ran: a check that the hooks did run.
pub fn hook_runs() -> usize {
    HOOK_RUNS.load(Ordering::Relaxed)
}

/// `n` new rows, as a caller builds them, each at a version of its own (as
/// rows that have lived do): `bump` then sets a value per row, so the hooked
/// update writes per-row values, not one shared value.
pub fn new_rows(n: usize) -> Vec<row::ActiveModel> {
    use sea_orm::Set;
    (0..n)
        .map(|k| row::ActiveModel {
            name: Set(format!("row {k}")),
            qty: Set(1),
            note: Set(String::new()),
            version: Set(k as i32),
            ..Default::default()
        })
        .collect()
}

/// Inserts `rows` with SeaORM's raw `insert_many`, in chunks under the
/// backend's bind-parameter limit (SeaORM does not chunk: 10,000 rows of 4
/// columns are too many variables for SQLite in one statement).
pub async fn raw_insert(db: &DatabaseConnection, rows: Vec<row::ActiveModel>) -> Result<(), DbErr> {
    let per_chunk = hooks_orm::max_binds(db.get_database_backend()) / 5;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(per_chunk).collect();
        row::Entity::insert_many(chunk).exec(db).await?;
    }
    Ok(())
}

/// [`raw_insert`] with `exec_with_returning`: the stored rows, as the hooked
/// insert reads them back.
pub async fn raw_insert_returning(
    db: &DatabaseConnection,
    rows: Vec<row::ActiveModel>,
) -> Result<Vec<row::Model>, DbErr> {
    let per_chunk = hooks_orm::max_binds(db.get_database_backend()) / 5;
    let mut stored = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(per_chunk).collect();
        stored.extend(
            row::Entity::insert_many(chunk)
                .exec_with_returning(db)
                .await?,
        );
    }
    Ok(stored)
}

/// Empties the table and inserts `n` rows with SeaORM's raw `insert_many`.
pub async fn reset(db: &DatabaseConnection, n: usize) -> Result<(), DbErr> {
    row::Entity::delete_many().exec(db).await?;
    raw_insert(db, new_rows(n)).await
}

/// A bulk operation the benchmarks time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Insert new rows into an empty table.
    Insert,
    /// `qty = 2` on every row; the hooks set `note` and bump `version`, which
    /// differs per row ([`new_rows`]), so the hooked update writes per-row
    /// values.
    Update,
    /// Delete every row.
    Delete,
}

/// How an [`Op`] is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    /// SeaORM's statement as a caller writes it (`exec`), no hooks.
    Raw,
    /// The same with `exec_with_returning`: the stored rows, which the hooked
    /// operations hand their `after_*` hooks.
    RawReturning,
    /// The hooked bulk operation.
    Hooked,
    /// One hooked single-row write per row, each in its own transaction
    /// (update and delete include the `SELECT` of the rows).
    Loop,
}

impl Op {
    /// Every operation, in the order the benchmarks run them.
    pub const ALL: [Op; 3] = [Op::Insert, Op::Update, Op::Delete];

    /// Its name in benchmark ids and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Op::Insert => "insert_many",
            Op::Update => "update_many",
            Op::Delete => "delete_many",
        }
    }

    /// The table `rows` runs of this operation start from: empty for an
    /// insert, else `rows` rows.
    pub async fn setup(self, db: &DatabaseConnection, rows: usize) -> Result<(), DbErr> {
        match self {
            Op::Insert => reset(db, 0).await,
            Op::Update | Op::Delete => reset(db, rows).await,
        }
    }

    /// Runs the operation on `rows` rows (the table [`Op::setup`] left),
    /// checking that every row was written.
    pub async fn run(
        self,
        variant: Variant,
        db: &DatabaseConnection,
        rows: usize,
    ) -> Result<(), HookError> {
        use hooks_orm::prelude::*;
        use sea_orm::sea_query::{Expr, ExprTrait};
        use sea_orm::{ColumnTrait, QueryFilter};

        let filter = || row::Column::Qty.eq(1);
        let raw_update = || {
            row::Entity::update_many()
                .col_expr(row::Column::Qty, Expr::value(2))
                .col_expr(row::Column::Note, Expr::value("saved"))
                .col_expr(row::Column::Version, Expr::col(row::Column::Version).add(1))
                .filter(filter())
        };
        let written = match (self, variant) {
            (Op::Insert, Variant::Raw) => {
                raw_insert(db, new_rows(rows)).await?;
                rows
            }
            (Op::Insert, Variant::RawReturning) => {
                raw_insert_returning(db, new_rows(rows)).await?.len()
            }
            (Op::Insert, Variant::Hooked) => row::Entity::insert_many_hooked(new_rows(rows), db)
                .await?
                .len(),
            (Op::Insert, Variant::Loop) => {
                for am in new_rows(rows) {
                    am.insert_hooked(db).await?;
                }
                rows
            }
            (Op::Update, Variant::Raw) => raw_update().exec(db).await?.rows_affected as usize,
            (Op::Update, Variant::RawReturning) => {
                raw_update().exec_with_returning(db).await?.len()
            }
            (Op::Update, Variant::Hooked) => {
                let change = row::ActiveModel {
                    qty: Set(2),
                    ..Default::default()
                };
                row::Entity::update_many_hooked(filter(), change, db)
                    .await?
                    .len()
            }
            (Op::Update, Variant::Loop) => {
                let found = row::Entity::find().filter(filter()).all(db).await?;
                for row in &found {
                    let mut am: row::ActiveModel = row.clone().into();
                    am.qty = Set(2);
                    am.update_hooked(db).await?;
                }
                found.len()
            }
            (Op::Delete, Variant::Raw) => {
                let deleted = row::Entity::delete_many().filter(filter()).exec(db).await?;
                deleted.rows_affected as usize
            }
            (Op::Delete, Variant::RawReturning) => {
                let deleted = row::Entity::delete_many()
                    .filter(filter())
                    .exec_with_returning(db);
                deleted.await?.len()
            }
            (Op::Delete, Variant::Hooked) => {
                let outcome = row::Entity::delete_many_hooked(filter(), db).await?;
                outcome.deleted_count()
            }
            (Op::Delete, Variant::Loop) => {
                let found = row::Entity::find().filter(filter()).all(db).await?;
                for row in &found {
                    row.clone().delete_hooked(db).await?;
                }
                found.len()
            }
        };
        assert_eq!(
            written,
            rows,
            "{} {variant:?}: every row written",
            self.name()
        );
        Ok(())
    }
}

impl Variant {
    /// Every variant, in the order the benchmarks run them.
    pub const ALL: [Variant; 4] = [
        Variant::Raw,
        Variant::RawReturning,
        Variant::Hooked,
        Variant::Loop,
    ];

    /// Its name in benchmark ids and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Variant::Raw => "raw",
            Variant::RawReturning => "raw-returning",
            Variant::Hooked => "hooked",
            Variant::Loop => "loop",
        }
    }
}

/// A database the benchmarks run on; dropped by [`Bench::teardown`].
pub struct Bench {
    /// `"sqlite-file"` or `"postgres"`.
    pub name: &'static str,
    /// The connection pool.
    pub db: DatabaseConnection,
    cleanup: Cleanup,
}

enum Cleanup {
    File(std::path::PathBuf),
    Schema(DatabaseConnection, String),
}

impl Bench {
    /// A fresh SQLite file in the temp directory, with the table.
    pub async fn sqlite() -> Result<Bench, DbErr> {
        let path = std::env::temp_dir().join(format!("hooks_bulk_bench_{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let mut options = ConnectOptions::new(format!("sqlite://{}?mode=rwc", path.display()));
        options.sqlx_logging(false);
        let db = Database::connect(options).await?;
        create_table(&db).await?;
        Ok(Bench {
            name: "sqlite-file",
            db,
            cleanup: Cleanup::File(path),
        })
    }

    /// A scratch schema on the PostgreSQL server at `url`, with the table.
    pub async fn postgres(url: &str) -> Result<Bench, DbErr> {
        let schema = format!("hooks_bulk_bench_{}", std::process::id());
        let admin = Database::connect(url).await?;
        admin
            .execute_unprepared(&format!("CREATE SCHEMA {schema}"))
            .await?;
        let mut options = ConnectOptions::new(url);
        options
            .sqlx_logging(false)
            .max_connections(4)
            .set_schema_search_path(schema.clone());
        let db = Database::connect(options).await?;
        create_table(&db).await?;
        Ok(Bench {
            name: "postgres",
            db,
            cleanup: Cleanup::Schema(admin, schema),
        })
    }

    /// Closes the pool and drops the file or schema.
    pub async fn teardown(self) -> Result<(), DbErr> {
        self.db.close().await?;
        match self.cleanup {
            Cleanup::File(path) => {
                let _ = std::fs::remove_file(path);
            }
            Cleanup::Schema(admin, schema) => {
                admin
                    .execute_unprepared(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
                    .await?;
                admin.close().await?;
            }
        }
        Ok(())
    }
}

async fn create_table(db: &DatabaseConnection) -> Result<(), DbErr> {
    let backend: DbBackend = db.get_database_backend();
    let schema = Schema::new(backend);
    db.execute(&schema.create_table_from_entity(row::Entity))
        .await?;
    Ok(())
}
