//! Hooked bulk writes against SeaORM's raw bulk statements and against a loop
//! of single hooked writes, on a SQLite file and (when `HOOKS_BENCH_POSTGRES`
//! holds a URL) on PostgreSQL.
//!
//! `cargo bench -p hooks-bulk-benches`. `raw` is SeaORM's statement as a
//! caller writes it (`exec`); `raw-returning` is the same with
//! `exec_with_returning`, which reads back the rows the hooked operations
//! hand their `after_*` hooks. Each timed run starts from the same
//! table (emptied, or refilled with `ROWS` rows by a raw `insert_many`),
//! outside the timing. SeaORM's raw `insert_many` does not chunk, and
//! 10,000 rows of 4 columns exceed SQLite's 32,766 bind parameters, so the
//! raw insert is chunked the same way the hooked one is. The loops run on `LOOP_ROWS` rows, a tenth of the
//! rest: a loop of 10,000 single writes, one transaction each, takes too long
//! to sample; its time per row does not depend on the table's size, so
//! BENCHMARKS.md ("Bulk writes") multiplies it by ten.

use std::future::Future;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion};
use hooks_bulk_benches::{
    Bench, hook_runs, new_rows, raw_insert, raw_insert_returning, reset, row,
};
use hooks_orm::prelude::*;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tokio::runtime::Runtime;

const ROWS: usize = 10_000;
const LOOP_ROWS: usize = 1_000;

/// Times `op` only; `setup` runs before each run, untimed.
fn timed<S, SF, O, OF>(
    c: &mut Criterion,
    rt: &Runtime,
    group: &str,
    id: BenchmarkId,
    db: &DatabaseConnection,
    setup: S,
    op: O,
) where
    S: Fn(DatabaseConnection) -> SF + Copy,
    SF: Future<Output = ()>,
    O: Fn(DatabaseConnection) -> OF + Copy,
    OF: Future<Output = ()>,
{
    let mut group = c.benchmark_group(group);
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    group.bench_function(id, |b| {
        b.to_async(rt).iter_custom(|iters| {
            let db = db.clone();
            async move {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    setup(db.clone()).await;
                    let start = Instant::now();
                    op(db.clone()).await;
                    total += start.elapsed();
                }
                total
            }
        })
    });
    group.finish();
}

fn change() -> row::ActiveModel {
    row::ActiveModel {
        qty: Set(2),
        ..Default::default()
    }
}

fn bench_backend(c: &mut Criterion, rt: &Runtime, bench: &Bench) {
    let db = &bench.db;
    let name = bench.name;
    let empty = |db: DatabaseConnection| async move { reset(&db, 0).await.unwrap() };
    let full = |db: DatabaseConnection| async move { reset(&db, ROWS).await.unwrap() };
    let loop_full = |db: DatabaseConnection| async move { reset(&db, LOOP_ROWS).await.unwrap() };

    // Insert many.
    let id = |variant: &str, rows: usize| BenchmarkId::new(format!("{name}/{variant}"), rows);
    timed(
        c,
        rt,
        "insert_many",
        id("raw", ROWS),
        db,
        empty,
        |db| async move {
            raw_insert(&db, new_rows(ROWS)).await.unwrap();
        },
    );
    timed(
        c,
        rt,
        "insert_many",
        id("raw-returning", ROWS),
        db,
        empty,
        |db| async move {
            let stored = raw_insert_returning(&db, new_rows(ROWS)).await.unwrap();
            assert_eq!(stored.len(), ROWS);
        },
    );
    timed(
        c,
        rt,
        "insert_many",
        id("hooked", ROWS),
        db,
        empty,
        |db| async move {
            let stored = row::Entity::insert_many_hooked(new_rows(ROWS), &db)
                .await
                .unwrap();
            assert_eq!(stored.len(), ROWS);
        },
    );
    timed(
        c,
        rt,
        "insert_many",
        id("loop", LOOP_ROWS),
        db,
        empty,
        |db| async move {
            for am in new_rows(LOOP_ROWS) {
                am.insert_hooked(&db).await.unwrap();
            }
        },
    );

    // Update many: qty = 2; the hooks set `note` and bump `version`, which
    // differs per row (`new_rows`), so the hooked update writes per-row values.
    timed(
        c,
        rt,
        "update_many",
        id("raw", ROWS),
        db,
        full,
        |db| async move {
            row::Entity::update_many()
                .col_expr(row::Column::Qty, Expr::value(2))
                .col_expr(row::Column::Note, Expr::value("saved"))
                .col_expr(row::Column::Version, Expr::col(row::Column::Version).add(1))
                .filter(row::Column::Qty.eq(1))
                .exec(&db)
                .await
                .unwrap();
        },
    );
    timed(
        c,
        rt,
        "update_many",
        id("raw-returning", ROWS),
        db,
        full,
        |db| async move {
            let rows = row::Entity::update_many()
                .col_expr(row::Column::Qty, Expr::value(2))
                .col_expr(row::Column::Note, Expr::value("saved"))
                .col_expr(row::Column::Version, Expr::col(row::Column::Version).add(1))
                .filter(row::Column::Qty.eq(1))
                .exec_with_returning(&db)
                .await
                .unwrap();
            assert_eq!(rows.len(), ROWS);
        },
    );
    timed(
        c,
        rt,
        "update_many",
        id("hooked", ROWS),
        db,
        full,
        |db| async move {
            let rows = row::Entity::update_many_hooked(row::Column::Qty.eq(1), change(), &db)
                .await
                .unwrap();
            assert_eq!(rows.len(), ROWS);
        },
    );
    timed(
        c,
        rt,
        "update_many",
        id("loop", LOOP_ROWS),
        db,
        loop_full,
        |db| async move {
            let rows = row::Entity::find()
                .filter(row::Column::Qty.eq(1))
                .all(&db)
                .await
                .unwrap();
            for row in rows {
                let mut am: row::ActiveModel = row.into();
                am.qty = Set(2);
                am.update_hooked(&db).await.unwrap();
            }
        },
    );

    // Delete many.
    timed(
        c,
        rt,
        "delete_many",
        id("raw", ROWS),
        db,
        full,
        |db| async move {
            row::Entity::delete_many()
                .filter(row::Column::Qty.eq(1))
                .exec(&db)
                .await
                .unwrap();
        },
    );
    timed(
        c,
        rt,
        "delete_many",
        id("raw-returning", ROWS),
        db,
        full,
        |db| async move {
            let rows = row::Entity::delete_many()
                .filter(row::Column::Qty.eq(1))
                .exec_with_returning(&db)
                .await
                .unwrap();
            assert_eq!(rows.len(), ROWS);
        },
    );
    timed(
        c,
        rt,
        "delete_many",
        id("hooked", ROWS),
        db,
        full,
        |db| async move {
            let outcome = row::Entity::delete_many_hooked(row::Column::Qty.eq(1), &db)
                .await
                .unwrap();
            assert_eq!(outcome.deleted_count(), ROWS);
        },
    );
    timed(
        c,
        rt,
        "delete_many",
        id("loop", LOOP_ROWS),
        db,
        loop_full,
        |db| async move {
            let rows = row::Entity::find()
                .filter(row::Column::Qty.eq(1))
                .all(&db)
                .await
                .unwrap();
            for row in rows {
                row.delete_hooked(&db).await.unwrap();
            }
        },
    );
}

fn main() {
    let rt = Runtime::new().expect("a tokio runtime");
    let mut c = Criterion::default().configure_from_args();
    let mut benches = vec![rt.block_on(Bench::sqlite()).expect("a SQLite file")];
    match std::env::var("HOOKS_BENCH_POSTGRES") {
        Ok(url) if !url.is_empty() => {
            benches.push(
                rt.block_on(Bench::postgres(&url))
                    .expect("a PostgreSQL schema"),
            );
        }
        _ => eprintln!("HOOKS_BENCH_POSTGRES is not set: PostgreSQL is not benchmarked"),
    }
    for bench in &benches {
        bench_backend(&mut c, &rt, bench);
    }
    for bench in benches {
        rt.block_on(bench.teardown())
            .expect("dropping the bench database");
    }
    assert!(hook_runs() > 0, "the hooks ran");
    c.final_summary();
}
