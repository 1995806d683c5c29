//! Procedural macros for [`hooks-orm`](https://docs.rs/hooks-orm).
//!
//! Use them through `hooks_orm::prelude::*`; the generated code names
//! `hooks_orm` by absolute path, so this crate is not meant to be used alone.

mod ast;
mod bypass;
mod check;
mod codegen;
mod columns;
mod events;
mod expand;
mod migration;
mod text;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Generates the entity's `ActiveModelBehavior` impl, which runs the hooks of
/// its `#[hooks] impl Model { ... }` block. See `hooks_orm` for the full story.
///
/// `#[hooked(crate = "path")]` on the struct names `hooks-orm` when the
/// dependency is renamed (`hooks = { package = "hooks-orm" }`).
///
/// `#[hooked(bypass = "warn")]` makes each path call of SeaORM's fns that
/// write without hooks (`Entity::insert_many(..)`, `Entity::delete_many()`,
/// ...) a deprecation warning that names the hooked replacement;
/// `#[hooked(bypass = "deny")]` makes it a compile error; `"allow"` is the
/// default. `<Entity as EntityTrait>::delete_many()` still reaches SeaORM's.
#[proc_macro_derive(Hooked, attributes(hooked))]
pub fn derive_hooked(input: TokenStream) -> TokenStream {
    expand::derive_hooked(parse_macro_input!(input as DeriveInput)).into()
}

/// Marks the impl block that holds an entity's hooks: `#[hooks] impl Model { ... }`.
///
/// `#[hooks(sets(Timestamps, SoftDelete))]` attaches hook sets (types with a
/// `#[hook_set]` block) to the entity: their hooks run in its chain, by
/// priority. `#[hooks(crate = "path")]` names `hooks-orm` when the dependency
/// is renamed.
#[proc_macro_attribute]
pub fn hooks(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::hooks(args.into(), input.into()).into()
}

/// `col!($crate; name)`: the type of a column name, behind `hooks_orm::col!`.
#[doc(hidden)]
#[proc_macro]
pub fn col_impl(input: TokenStream) -> TokenStream {
    columns::col(input.into()).into()
}

/// Marks the impl block of a hook set: hooks written once, generic over the
/// model, that `#[hooks(sets(Set))]` attaches to entities.
///
/// Each hook has one type parameter, the model `M`, and takes what its event
/// passes with `M` for the model (`&mut ActiveModelOf<M>`, `&M`,
/// `&HookContext`, `WriteKind`). Its bounds say what an entity needs to take
/// the set, typically `M: HasColumn<col!(created_at), Value = DateTimeUtc>`;
/// attaching the set to an entity that lacks it is a compile error where it is
/// attached. The README's "Hook sets" section has the whole story, and
/// `examples/hook-sets` two sets a library exports.
#[proc_macro_attribute]
pub fn hook_set(args: TokenStream, input: TokenStream) -> TokenStream {
    expand::hook_set(args.into(), input.into()).into()
}

/// Left by `#[hooks]` on the fns of its block that carry other attribute
/// macros, so that an event attribute under another name knows where it is.
#[doc(hidden)]
#[proc_macro_attribute]
pub fn in_hooks_block(_args: TokenStream, item: TokenStream) -> TokenStream {
    item
}

macro_rules! event_attributes {
    ($($(#[$doc:meta])* $name:ident)*) => {$(
        $(#[$doc])*
        ///
        /// Only valid on a fn inside a `#[hooks] impl Model { ... }` (or
        /// `#[hook_set]`) block, which reads and removes it. Options:
        /// `priority = N` (an `i32`, default 0: within one event, lower
        /// priorities run first, then declaration order); `on_error = "log"`
        /// (`after_*` hooks: log the error, the write stands);
        /// `if_changed(a, b)` (run only when one of these columns is in the
        /// change, or differs from the old row on `after_update`); `when = ..`
        /// (run only when a fn, by its path, or a closure returns `true` for
        /// the change or the row).
        #[proc_macro_attribute]
        pub fn $name(_args: TokenStream, item: TokenStream) -> TokenStream {
            expand::misplaced_event(stringify!($name), item.into()).into()
        }
    )*};
}

event_attributes! {
    /// Runs before an insert or an update; takes `&mut ActiveModel` and `&HookContext`.
    before_save
    /// Runs before an insert; takes `&mut ActiveModel` and `&HookContext`.
    before_create
    /// Runs after an insert; takes `&self` (or `&Model`) and `&HookContext`.
    after_create
    /// Runs before an update; takes `&mut ActiveModel`, `&Model` (the row as stored) and `&HookContext`.
    before_update
    /// Runs after an update; takes `&self` (the row now), `&Model` (the row as it was) and `&HookContext`.
    after_update
    /// Runs after an insert or an update; takes `&self` (or `&Model`) and `&HookContext`.
    after_save
    /// Runs before a delete; takes `&self` (or `&Model`) and `&HookContext`; may return `HookResult<Deletion>`.
    before_delete
    /// Runs after a delete; takes `&self` (the deleted row) and `&HookContext`.
    after_delete
    /// Runs after the transaction of a write commits (outside a transaction:
    /// after the write); takes `&self`, `WriteKind` and `&HookContext`.
    after_commit
    /// Runs after the transaction of a write rolls back; takes `&self`,
    /// `WriteKind` and `&HookContext`.
    after_rollback
}

/// Marks a migrator's `impl MigratorTrait for Migrator { ... }` block whose
/// fns include migration hooks (`#[before_run]`, `#[before_migration]`, ...).
///
/// The hooks move to an inherent `impl Migrator`; the block gains `up`,
/// `down`, `fresh`, `refresh` and `reset`, which run the hooks around each
/// migration. Takes `state = Type` (what the hooks of one run share;
/// `Default + Send`) and `crate = "path"` (a renamed `hooks-orm`). See
/// `hooks_orm::migration`.
#[proc_macro_attribute]
pub fn migration_hooks(args: TokenStream, input: TokenStream) -> TokenStream {
    migration::expand::migration_hooks(args.into(), input.into()).into()
}

macro_rules! phase_attributes {
    ($($(#[$doc:meta])* $name:ident)*) => {$(
        $(#[$doc])*
        ///
        /// Only valid on a fn inside a `#[migration_hooks] impl MigratorTrait for
        /// Migrator { ... }` block, which reads and removes it. Takes
        /// `priority = N` (an `i32`, default 0): within one phase, lower
        /// priorities run first, then declaration order.
        #[proc_macro_attribute]
        pub fn $name(_args: TokenStream, item: TokenStream) -> TokenStream {
            migration::expand::misplaced_phase(stringify!($name), item.into()).into()
        }
    )*};
}

phase_attributes! {
    /// Runs once before a migration run (up or down); takes `&MigrationPlan` and `&mut MigrationContext`; may abort the run.
    before_run
    /// Runs once before a `down` run, after `before_run`; takes `&MigrationPlan` and `&mut MigrationContext`; may abort it.
    before_down
    /// Runs before each migration, either direction; takes `&MigrationStep` and `&mut MigrationContext`; may abort the run.
    before_migration
    /// Runs after each migration that succeeded; takes `&MigrationStep` and `&mut MigrationContext`.
    after_migration
    /// Runs when a migration fails; takes `&MigrationFailure` and `&mut MigrationContext`.
    on_migration_error
    /// Runs once after a `down` run, before `after_run`; takes `&RunSummary` and `&mut MigrationContext`.
    after_down
    /// Runs once after a run's last migration; takes `&RunSummary` and `&mut MigrationContext`.
    after_run
}
