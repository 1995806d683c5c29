//! Compile-time diagnostics of `#[migration_hooks]` and the phase attributes:
//! one mistake per file in `ui/fail`, with its reviewed `.stderr`; the accepted
//! signature forms in `ui/pass`.
//!
//! Regenerate after a deliberate message change with
//! `TRYBUILD=overwrite cargo test -p hooks-tests-migration --test ui`, then read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
