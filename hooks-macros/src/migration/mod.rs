//! `#[migration_hooks]`: hooks around `sea-orm-migration` runs. The same
//! pipeline as the entity macros, one file per stage: `phase` (the phases and
//! what each passes), `ast` (parse), `check` (validate), `codegen` (emit),
//! `expand` (wiring).

mod ast;
mod check;
mod codegen;
pub(crate) mod expand;
mod phase;
