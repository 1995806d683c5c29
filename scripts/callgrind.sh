#!/usr/bin/env bash
# Instructions per operation of the four dispatch variants, in one run, under
# valgrind's callgrind (see BENCHMARKS.md). For each mode and variant it runs
# `dispatch-count` with N and 2N iterations and prints (I(2N) - I(N)) / N, so
# process start, database setup and first-use costs cancel out. Instruction
# counts do not depend on the machine's load, unlike wall times.
#
#   scripts/callgrind.sh [N_BEHAVIOR [N_INSERT]]     (defaults: 20000, 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
n_behavior="${1:-20000}"
n_insert="${2:-2000}"

cargo build --quiet --release -p hooks-benches --bin dispatch-count
bin="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/dispatch-count"

# Instructions of one run: callgrind's "Collected" total.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "machine: $(nproc) cores, $(rustc --version), $(valgrind --version), $(date -u +%Y-%m-%d)"
for mode in behavior insert; do
    n="$n_behavior"
    [ "$mode" = insert ] && n="$n_insert"
    echo
    echo "## $mode (instructions per operation, N = $n)"
    echo
    echo "| variant | instructions | over plain | over plain / hand-written's |"
    echo "|---|---:|---:|---:|"
    declare -A per=()
    for variant in plain hand_written generated registry generated_async; do
        one="$(count "$mode" "$variant" "$n")"
        two="$(count "$mode" "$variant" "$((2 * n))")"
        per[$variant]=$(( (two - one) / n ))
    done
    base="${per[plain]}"
    hand=$(( per[hand_written] - base ))
    for variant in plain hand_written generated registry generated_async; do
        over=$(( per[$variant] - base ))
        ratio="-"
        if [ "$hand" -gt 0 ] && [ "$variant" != plain ]; then
            ratio="$(awk -v a="$over" -v b="$hand" 'BEGIN { printf "%.2fx", a / b }')"
        fi
        echo "| $variant | ${per[$variant]} | $over | $ratio |"
    done
    unset per
done
