#!/usr/bin/env bash
# What hooks-orm's spans cost with no subscriber: instructions per operation
# of the `generated` and `generated_async` variants, with the `tracing`
# feature compiled in (the default) and compiled out (`--no-default-features`
# on hooks-benches), under valgrind's callgrind (see BENCHMARKS.md,
# "Tracing"). Like scripts/callgrind.sh, each count is (I(2N) - I(N)) / N.
#
#   scripts/callgrind-tracing.sh [N_BEHAVIOR [N_INSERT]]     (defaults: 20000, 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
n_behavior="${1:-20000}"
n_insert="${2:-2000}"

target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"
bins="$(mktemp -d)"
trap 'rm -rf "$bins"' EXIT
cargo build --quiet --release -p hooks-benches --bin dispatch-count
cp "$target/release/dispatch-count" "$bins/on"
cargo build --quiet --release -p hooks-benches --bin dispatch-count --no-default-features
cp "$target/release/dispatch-count" "$bins/off"

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Instructions per operation of one binary, mode and variant.
per() {
    local bin="$1" mode="$2" variant="$3" n="$4"
    local one two
    one="$(count "$bins/$bin" "$mode" "$variant" "$n")"
    two="$(count "$bins/$bin" "$mode" "$variant" "$((2 * n))")"
    echo $(( (two - one) / n ))
}

echo "machine: $(nproc) cores, $(rustc --version), $(valgrind --version), $(date -u +%Y-%m-%d)"
echo
echo "| operation | variant | tracing off | tracing on, no subscriber | difference |"
echo "|---|---|---:|---:|---:|"
for mode in behavior insert insert_hooked; do
    n="$n_behavior"
    [ "$mode" != behavior ] && n="$n_insert"
    for variant in generated generated_async; do
        off="$(per off "$mode" "$variant" "$n")"
        on="$(per on "$mode" "$variant" "$n")"
        diff=$(( on - off ))
        pct="$(awk -v d="$diff" -v b="$off" 'BEGIN { printf "%+.2f%%", 100 * d / b }')"
        echo "| $mode (N = $n) | $variant | $off | $on | $diff ($pct) |"
    done
done
