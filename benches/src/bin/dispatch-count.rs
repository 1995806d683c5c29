//! `dispatch-count MODE VARIANT ITERATIONS`: runs one variant's behaviour
//! calls (`MODE` = `behavior`), inserts (`MODE` = `insert`) or hooked
//! inserts (`MODE` = `insert_hooked`, generated variants only) `ITERATIONS`
//! times, for `scripts/callgrind.sh` to count instructions. The script runs
//! it with N and 2N iterations and takes the difference, so setup and
//! warm-up cancel out.

use hooks_benches::{Variant, now, runtime, sqlite};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: dispatch-count behavior|insert|insert_hooked plain|hand_written|generated|registry|generated_async ITERATIONS";
    let [_, mode, variant, iterations] = &args[..] else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let variant = Variant::from_name(variant).unwrap_or_else(|| panic!("{usage}"));
    let iterations: u64 = iterations.parse().unwrap_or_else(|_| panic!("{usage}"));
    let rt = runtime();
    let db = rt.block_on(sqlite());
    // One call first in both runs: first-use costs (the registry's map, the
    // prepared statement cache) are paid before what is counted.
    match mode.as_str() {
        "behavior" => {
            for _ in 0..=iterations {
                now(variant.behavior(&db)).expect("behaviour calls");
            }
        }
        "insert" => {
            for _ in 0..=iterations {
                rt.block_on(variant.insert(&db)).expect("insert");
            }
        }
        "insert_hooked" => {
            for _ in 0..=iterations {
                rt.block_on(variant.insert_hooked(&db))
                    .unwrap_or_else(|| panic!("{usage}: insert_hooked needs a generated variant"))
                    .expect("insert_hooked");
            }
        }
        _ => panic!("{usage}"),
    }
}
