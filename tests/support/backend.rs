//! One test body, every backend: SQLite always, PostgreSQL and MariaDB/MySQL
//! when `HOOKS_TEST_POSTGRES` / `HOOKS_TEST_MYSQL` held a URL at build time.
//!
//! Each run gets a database of its own (a schema on PostgreSQL, a database on
//! MySQL, in memory on SQLite), created with every test table and dropped
//! afterwards, also when the test panics. Only a run that is killed leaves its
//! `hooks_test_*` databases behind; their names never come back, so they get
//! in nobody's way.

use std::future::Future;
use std::panic::resume_unwind;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Connections a test may hold at once: the concurrency tests run 32
/// transactions side by side.
const MAX_CONNECTIONS: u32 = 36;

/// The URL that `backend`'s tests connect to, if the suite was built with one.
pub fn url(backend: DbBackend) -> Option<&'static str> {
    let url = match backend {
        DbBackend::Sqlite => Some("sqlite::memory:"),
        DbBackend::Postgres => option_env!("HOOKS_TEST_POSTGRES"),
        DbBackend::MySql => option_env!("HOOKS_TEST_MYSQL"),
        _ => None,
    };
    url.filter(|url| !url.is_empty())
}

/// Runs `test` on a fresh database of `backend` holding every test table, then
/// drops that database. A panic in `test` is re-raised after the drop.
pub async fn run<F, T>(backend: DbBackend, test: F)
where
    F: FnOnce(DatabaseConnection) -> T + Send + 'static,
    T: Future<Output = ()> + Send + 'static,
{
    let Some(base_url) = url(backend) else {
        panic!("no URL for {backend:?}: the test should have been ignored");
    };
    let scratch = Scratch::create(backend, base_url).await;
    let db = match scratch.connect().await {
        Ok(db) => db,
        Err(err) => {
            scratch.drop().await;
            panic!("connecting to the test database on {backend:?}: {err}");
        }
    };
    // Setup and test run as a task of their own, so that a panic comes back
    // here as a value and the database is dropped all the same.
    let outcome = tokio::spawn({
        let db = db.clone();
        async move {
            if let Err(err) = crate::create_tables(&db).await {
                panic!("creating the test tables on {backend:?}: {err}");
            }
            test(db).await;
        }
    })
    .await;
    // Ends the sessions, so nothing holds a lock on what is dropped next.
    let _ = db.close().await;
    scratch.drop().await;
    if let Err(err) = outcome {
        resume_unwind(err.into_panic());
    }
}

/// A name for a test's database (or file), `hooks_test_{pid}_{n}_{nanos}`:
/// unique across tests, processes and runs sharing a server, and never reused.
pub fn unique_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_nanos());
    format!(
        "hooks_test_{}_{}_{started}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// A database (PostgreSQL: a schema) that exists for one test.
struct Scratch {
    backend: DbBackend,
    base_url: &'static str,
    name: String,
    admin: Option<DatabaseConnection>,
}

impl Scratch {
    async fn create(backend: DbBackend, base_url: &'static str) -> Scratch {
        let name = unique_name();
        let admin = match backend {
            DbBackend::Sqlite => None,
            _ => {
                let mut options = ConnectOptions::new(base_url);
                options.max_connections(1).sqlx_logging(false);
                let admin = Database::connect(options)
                    .await
                    .unwrap_or_else(|err| panic!("connecting to {backend:?}: {err}"));
                execute(&admin, &create_statement(backend, &name)).await;
                Some(admin)
            }
        };
        Scratch {
            backend,
            base_url,
            name,
            admin,
        }
    }

    /// A connection pool whose every connection works in this database.
    async fn connect(&self) -> Result<DatabaseConnection, DbErr> {
        let url = match self.backend {
            DbBackend::MySql => with_database(self.base_url, &self.name),
            _ => self.base_url.to_owned(),
        };
        let mut options = ConnectOptions::new(url);
        options.sqlx_logging(false);
        match self.backend {
            // Every in-memory SQLite connection is a database of its own: keep SeaORM's one.
            DbBackend::Sqlite => {}
            DbBackend::Postgres => {
                options
                    .max_connections(MAX_CONNECTIONS)
                    .set_schema_search_path(self.name.clone());
            }
            _ => {
                options.max_connections(MAX_CONNECTIONS);
            }
        }
        Database::connect(options).await
    }

    async fn drop(self) {
        if let Some(admin) = self.admin {
            execute(&admin, &drop_statement(self.backend, &self.name)).await;
            let _ = admin.close().await;
        }
    }
}

fn create_statement(backend: DbBackend, name: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("CREATE SCHEMA {name}"),
        _ => format!("CREATE DATABASE {name}"),
    }
}

fn drop_statement(backend: DbBackend, name: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("DROP SCHEMA IF EXISTS {name} CASCADE"),
        _ => format!("DROP DATABASE IF EXISTS {name}"),
    }
}

async fn execute(db: &DatabaseConnection, sql: &str) {
    let result: Result<_, DbErr> = db.execute_unprepared(sql).await;
    if let Err(err) = result {
        panic!("{sql}: {err}");
    }
}

/// `url` with its database (the URL's path) replaced by `name`.
fn with_database(url: &str, name: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((url, query)) => (url, Some(query)),
        None => (url, None),
    };
    let after_scheme = url.find("://").map_or(0, |at| at + 3);
    let authority_end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |at| after_scheme + at);
    let mut out = format!("{}/{name}", &url[..authority_end]);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    out
}

/// Defines one test per backend for each named `async fn(DatabaseConnection)`:
/// `name::sqlite`, `name::postgres` and `name::mysql`. A backend whose
/// variable was not set at build time is reported as ignored, naming the
/// variable.
#[macro_export]
macro_rules! on_every_backend {
    ($($test:ident),+ $(,)?) => {$(
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::backend::run(::sea_orm::DbBackend::Sqlite, super::$test).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(hooks_test_backend = "postgres"),
                ignore = "set HOOKS_TEST_POSTGRES to run on PostgreSQL"
            )]
            async fn postgres() {
                $crate::backend::run(::sea_orm::DbBackend::Postgres, super::$test).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            #[cfg_attr(
                not(hooks_test_backend = "mysql"),
                ignore = "set HOOKS_TEST_MYSQL to run on MariaDB/MySQL"
            )]
            async fn mysql() {
                $crate::backend::run(::sea_orm::DbBackend::MySql, super::$test).await;
            }
        }
    )+};
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn with_database_replaces_only_the_path() {
        let cases = [
            (
                "mysql://root@127.0.0.1:3306/test",
                "mysql://root@127.0.0.1:3306/x",
            ),
            (
                "mysql://root@127.0.0.1:3306",
                "mysql://root@127.0.0.1:3306/x",
            ),
            (
                "mysql://u:p@h/test?ssl-mode=disabled",
                "mysql://u:p@h/x?ssl-mode=disabled",
            ),
        ];
        for (url, expected) in cases {
            assert_eq!(with_database(url, "x"), expected);
        }
    }
}
