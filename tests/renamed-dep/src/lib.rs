//! `hooks-orm` as a renamed dependency, `hooks = { package = "hooks-orm" }`:
//! `#[hooked(crate = "hooks")]` on the model and `#[hooks(crate = "hooks")]`
//! on the block point the generated code at it. The tests are in `tests/`.
