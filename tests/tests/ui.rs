//! Compile-time diagnostics of `#[derive(Hooked)]`, `#[hooks]` and the event
//! attributes: one mistake per file in `ui/fail`, with its reviewed `.stderr`;
//! every accepted signature form in `ui/pass`.
//!
//! Regenerate after a deliberate message change with
//! `TRYBUILD=overwrite cargo test -p hooks-tests --test ui`, then read the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
