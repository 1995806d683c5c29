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
use hooks_bulk_benches::{Bench, Op, Variant, hook_runs};
use sea_orm::DatabaseConnection;
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

fn bench_backend(c: &mut Criterion, rt: &Runtime, bench: &Bench) {
    for op in Op::ALL {
        for variant in Variant::ALL {
            let rows = if variant == Variant::Loop {
                LOOP_ROWS
            } else {
                ROWS
            };
            let id = BenchmarkId::new(format!("{}/{}", bench.name, variant.name()), rows);
            timed(
                c,
                rt,
                op.name(),
                id,
                &bench.db,
                move |db| async move { op.setup(&db, rows).await.unwrap() },
                move |db| async move { op.run(variant, &db, rows).await.unwrap() },
            );
        }
    }
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
