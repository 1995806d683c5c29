//! Tests of `hooks_orm::migration` (the `migration` feature): on every backend
//! in `tests/migration.rs`, compile-time diagnostics in `ui/`.
