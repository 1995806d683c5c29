//! Criterion wall times of the four variants (see BENCHMARKS.md): the
//! `ActiveModelBehavior` calls of one insert without SQL, and whole inserts
//! into in-memory SQLite (SeaORM's `insert`, and `insert_hooked` for the
//! generated variants). Wall times on a shared machine are noisy; compare
//! the variants of one run, and see `scripts/callgrind.sh` for instruction
//! counts.

use criterion::{Criterion, criterion_group, criterion_main};
use hooks_benches::{Variant, now, runtime, sqlite};

fn behavior(c: &mut Criterion) {
    let rt = runtime();
    let db = rt.block_on(sqlite());
    let mut group = c.benchmark_group("behavior");
    for variant in Variant::ALL {
        group.bench_function(variant.name(), |b| {
            b.iter(|| now(variant.behavior(&db)).expect("behaviour calls"))
        });
    }
    group.finish();
}

fn insert(c: &mut Criterion) {
    let rt = runtime();
    let db = rt.block_on(sqlite());
    let mut group = c.benchmark_group("insert");
    for variant in Variant::ALL {
        group.bench_function(variant.name(), |b| {
            b.iter(|| rt.block_on(variant.insert(&db)).expect("insert"))
        });
    }
    group.finish();
}

fn insert_hooked(c: &mut Criterion) {
    let rt = runtime();
    let db = rt.block_on(sqlite());
    let mut group = c.benchmark_group("insert_hooked");
    for variant in [Variant::Generated, Variant::GeneratedAsync] {
        group.bench_function(variant.name(), |b| {
            b.iter(|| {
                rt.block_on(variant.insert_hooked(&db))
                    .expect("a generated variant")
                    .expect("insert_hooked")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, behavior, insert, insert_hooked);
criterion_main!(benches);
