#!/usr/bin/env bash
# Instructions of the hooked bulk operations against SeaORM's raw statements
# on a SQLite file, under valgrind's callgrind (see BENCHMARKS.md, "Bulk
# writes"). SQLite runs in the process, so the count covers the whole
# operation: SeaORM, sqlx, SQLite and the hooks. Each variant's run minus a
# run that only prepares the table is the operation alone. Unlike wall
# times, the counts do not depend on the machine's load; they leave out
# waiting for the disk.
#
#   scripts/callgrind-bulk.sh [ROWS]     (default: 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
rows="${1:-10000}"

cargo build --quiet --release -p hooks-bulk-benches --bin bulk-count
bin="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release/bulk-count"

count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "machine: $(nproc) cores, $(rustc --version), $(valgrind --version), $(date -u +%Y-%m-%d)"
echo
echo "| operation, $rows rows | raw | raw-returning | hooked | hooked / raw | hooked / raw-returning |"
echo "|---|---:|---:|---:|---:|---:|"
for op in insert_many update_many delete_many; do
    setup="$(count "$op" setup "$rows")"
    declare -A per=()
    for variant in raw raw-returning hooked; do
        per[$variant]=$(( $(count "$op" "$variant" "$rows") - setup ))
    done
    awk -v op="$op" -v raw="${per[raw]}" -v ret="${per[raw-returning]}" -v hooked="${per[hooked]}" \
        'BEGIN { printf "| %s | %.1f M | %.1f M | %.1f M | %.2f× | %.2f× |\n", op, raw / 1e6, ret / 1e6, hooked / 1e6, hooked / raw, hooked / ret }'
done
