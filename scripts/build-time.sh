#!/usr/bin/env bash
# Build time of hooked entities against hand-written ones (see BENCHMARKS.md).
#
# Generates, in a temporary directory outside this workspace, two crates of 50
# entities each: `gen_hooked` (`#[derive(Hooked)]` and a `#[hooks]` block of 4
# to 6 hooks per entity) and `gen_hand` (the same logic in hand-written
# `impl ActiveModelBehavior`). Their dependencies are built once, untimed.
# Then, one crate after the other and ROUNDS times over, it times a clean
# build of the crate itself (`cargo clean -p`, then `cargo build`) and an
# incremental rebuild after touching one entity's file, and prints the
# medians and the ratios hooked / hand-written, of wall and of CPU time.
# Not run in CI. The target
# directory (default `target/build-time`, or $HOOKS_BUILD_TIME_TARGET) keeps
# the dependencies for the next run.
#
#   scripts/build-time.sh [ROUNDS]        (default 3)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${1:-3}"
entities=50
work="$(mktemp -d /tmp/hooks-build-time.XXXXXX)"
# HOOKS_BUILD_TIME_KEEP=1 keeps the generated crates, to look into them.
if [ -z "${HOOKS_BUILD_TIME_KEEP:-}" ]; then
    trap 'rm -rf "$work"' EXIT
else
    echo "the generated crates stay in $work"
fi

# A crate's manifest and lib.rs.
crate() {
    local name="$1" extra="$2"
    mkdir -p "$work/$name/src"
    cat >"$work/$name/Cargo.toml" <<TOML
[package]
name = "$name"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
sea-orm = { version = "2.0.4", default-features = false, features = ["macros", "sqlx-sqlite", "runtime-tokio"] }
$extra
TOML
    {
        echo "#![allow(dead_code)]"
        echo "pub static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);"
        for i in $(seq 1 "$entities"); do echo "pub mod e$i;"; done
    } >"$work/$name/src/lib.rs"
}

# The entity's model; `$2` is the extra derive.
model() {
    cat <<RS
#[derive(Clone, Debug, PartialEq, DeriveEntityModel$2)]
#[sea_orm(table_name = "e$1")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub score: i32,
    pub protected: bool,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
RS
}

hooked() {
    local i="$1" kind=$(( $1 % 3 ))
    echo "use hooks_orm::prelude::*;"
    echo "use sea_orm::entity::prelude::*;"
    echo
    model "$i" ", Hooked"
    cat <<RS

#[hooks]
impl Model {
    #[before_save]
    fn normalise(row: &mut ActiveModel) {
        if let Set(name) = &row.name {
            row.name = Set(name.trim().to_owned());
        }
    }

    #[before_create]
    fn validate(row: &mut ActiveModel) -> HookResult {
        match &row.name {
            Set(name) if name.is_empty() => Err(HookError::invalid("name", "must not be empty")),
            _ => Ok(()),
        }
    }

    #[after_create]
    fn count(&self) {
        crate::COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    #[before_delete]
    fn protect(&self) -> HookResult {
        if self.protected {
            return Err(HookError::forbidden("protected"));
        }
        Ok(())
    }
RS
    if [ "$kind" -ge 1 ]; then
        cat <<RS

    #[before_update]
    fn score_not_negative(change: &mut ActiveModel) -> HookResult {
        match change.score {
            Set(score) if score < 0 => Err(HookError::invalid("score", "must not be negative")),
            _ => Ok(()),
        }
    }
RS
    fi
    if [ "$kind" -eq 2 ]; then
        cat <<RS

    #[after_update]
    async fn renamed(&self, old: &Model, cx: &HookContext<'_>) -> HookResult {
        if self.name != old.name && cx.entity() == "e$i" {
            crate::COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    }
RS
    fi
    echo "}"
}

hand() {
    local i="$1" kind=$(( $1 % 3 ))
    echo "use sea_orm::entity::prelude::*;"
    echo "use sea_orm::{Set, Unchanged};"
    echo
    model "$i" ""
    cat <<RS

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if let Set(name) = &self.name {
            self.name = Set(name.trim().to_owned());
        }
        if insert {
            if let Set(name) = &self.name {
                if name.is_empty() {
                    return Err(DbErr::Custom("name must not be empty".to_owned()));
                }
            }
            return Ok(self);
        }
RS
    if [ "$kind" -ge 1 ]; then
        cat <<RS
        if let Set(score) = self.score {
            if score < 0 {
                return Err(DbErr::Custom("score must not be negative".to_owned()));
            }
        }
RS
    fi
    if [ "$kind" -eq 2 ]; then
        cat <<RS
        if let Set(id) | Unchanged(id) = self.id {
            if let Some(old) = Entity::find_by_id(id).one(db).await? {
                if let Set(name) = &self.name {
                    if *name != old.name {
                        crate::COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                }
            }
        }
RS
    else
        echo "        let _ = db;"
    fi
    cat <<RS
        Ok(self)
    }

    async fn after_save<C>(model: Model, _db: &C, insert: bool) -> Result<Model, DbErr>
    where
        C: ConnectionTrait,
    {
        if insert {
            crate::COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(model)
    }

    async fn before_delete<C>(self, _db: &C) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if let Set(true) | Unchanged(true) = self.protected {
            return Err(DbErr::Custom("protected".to_owned()));
        }
        Ok(self)
    }
}
RS
}

cat >"$work/Cargo.toml" <<TOML
[workspace]
resolver = "3"
members = ["gen_hooked", "gen_hand"]
TOML
cp "$repo/Cargo.lock" "$work/Cargo.lock"
cp "$repo/rust-toolchain.toml" "$work/" 2>/dev/null || true
crate gen_hooked "hooks-orm = { path = \"$repo/hooks-orm\" }"
crate gen_hand 'async-trait = "0.1.89"'
for i in $(seq 1 "$entities"); do
    hooked "$i" >"$work/gen_hooked/src/e$i.rs"
    hand "$i" >"$work/gen_hand/src/e$i.rs"
done

cd "$work"
# The dependencies' builds are kept across runs, beside the workspace's own.
export CARGO_TARGET_DIR="${HOOKS_BUILD_TIME_TARGET:-$repo/target/build-time}" CARGO_TERM_COLOR=never
echo "machine: $(nproc) cores, $(rustc --version), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "building the dependencies (not timed)..."
cargo build --quiet -p gen_hooked -p gen_hand

# Wall and CPU (user + system, of cargo and every rustc it runs) seconds of
# a command, as "wall cpu". CPU time depends much less on what else the
# machine runs than wall time does, so it is the figure to compare here.
seconds() {
    local TIMEFORMAT='%R %U %S' times
    times=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
    awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' <<<"$times"
}

median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A clean=() incr=() clean_cpu=() incr_cpu=()
for round in $(seq 1 "$rounds"); do
    for name in gen_hooked gen_hand; do
        cargo clean --quiet -p "$name"
        read -r c c_cpu < <(seconds cargo build -p "$name")
        touch "$name/src/e25.rs"
        read -r n n_cpu < <(seconds cargo build -p "$name")
        clean[$name]="${clean[$name]:-} $c"
        incr[$name]="${incr[$name]:-} $n"
        clean_cpu[$name]="${clean_cpu[$name]:-} $c_cpu"
        incr_cpu[$name]="${incr_cpu[$name]:-} $n_cpu"
        echo "round $round, $name: clean ${c}s (cpu ${c_cpu}s), incremental ${n}s (cpu ${n_cpu}s)"
    done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
# A table row: the medians of one measurement (an array named by $2).
row() {
    local label="$1" h m
    local -n times="$2"
    h=$(echo "${times[gen_hooked]}" | median)
    m=$(echo "${times[gen_hand]}" | median)
    echo "| $label | ${h}s | ${m}s | $(ratio "$h" "$m") |"
}
echo
echo "| build ($entities entities, median of $rounds) | hooked | hand-written | ratio |"
echo "|---|---:|---:|---:|"
row "clean \`cargo build\` of the crate, wall" clean
row "clean \`cargo build\` of the crate, CPU" clean_cpu
row "rebuild after touching one entity, wall" incr
row "rebuild after touching one entity, CPU" incr_cpu
