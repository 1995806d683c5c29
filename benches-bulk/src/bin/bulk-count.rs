//! One bulk operation on a fresh SQLite file, for `scripts/callgrind-bulk.sh`,
//! which counts its instructions under valgrind's callgrind.
//!
//! `bulk-count OP VARIANT ROWS`: OP is `insert_many`, `update_many` or
//! `delete_many`; VARIANT is `raw`, `raw-returning`, `hooked`, `loop`, or
//! `setup`, which only prepares the table. The script subtracts a `setup` run
//! from each variant's, so what is left is the operation alone.

use hooks_bulk_benches::{Bench, Op, Variant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [op, variant, rows] = &args[..] else {
        eprintln!("usage: bulk-count OP VARIANT ROWS");
        std::process::exit(2);
    };
    let op = Op::ALL
        .into_iter()
        .find(|o| o.name() == op)
        .unwrap_or_else(|| panic!("no operation `{op}`"));
    let variant = match variant.as_str() {
        "setup" => None,
        name => Some(
            Variant::ALL
                .into_iter()
                .find(|v| v.name() == name)
                .unwrap_or_else(|| panic!("no variant `{name}`")),
        ),
    };
    let rows: usize = rows.parse().expect("ROWS is a number");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    rt.block_on(async {
        let bench = Bench::sqlite().await.expect("a SQLite file");
        op.setup(&bench.db, rows).await.expect("the table");
        if let Some(variant) = variant {
            op.run(variant, &bench.db, rows)
                .await
                .expect("the operation");
        }
        bench.teardown().await.expect("dropping the file");
    });
}
