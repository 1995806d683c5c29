//! Typed lifecycle hooks for SeaORM entities, checked at compile time.
//!
//! See the [README](https://docs.rs/hooks-orm) for the tour; the short of it:
//!
//! ```
//! use hooks_orm::prelude::*;
//! use sea_orm::entity::prelude::*;
//!
//! #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
//! #[sea_orm(table_name = "users")]
//! pub struct Model {
//!     #[sea_orm(primary_key)]
//!     pub id: i32,
//!     pub email: String,
//! }
//!
//! #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
//! pub enum Relation {}
//!
//! #[hooks]
//! impl Model {
//!     #[before_create]
//!     fn normalize_email(user: &mut ActiveModel) {
//!         if let Set(email) = &user.email {
//!             user.email = Set(email.trim().to_lowercase());
//!         }
//!     }
//!
//!     #[before_delete]
//!     fn never_the_first_user(&self) -> HookResult {
//!         if self.id == 1 {
//!             return Err(HookError::forbidden("user 1 stays"));
//!         }
//!         Ok(())
//!     }
//! }
//! ```
//!
//! `#[derive(Hooked)]` writes the entity's `ActiveModelBehavior` impl; do not
//! write one by hand beside it (the compiler reports "conflicting
//! implementations of trait `ActiveModelBehavior`").
//!
//! Two doors lead to the hooks. SeaORM's own API (`am.insert(&db)`, ...) runs
//! them through that impl. The hooked operations of [`HookedActiveModelTrait`]
//! and [`HookedModelTrait`] (`am.insert_hooked(&db)`, `model.delete_hooked(&db)`,
//! ...) run them in a transaction or savepoint of their own and return typed
//! outcomes ([`SaveOutcome`], [`DeleteOutcome`]); [`HookedEntityTrait`] adds
//! the bulk ones (`Entity::insert_many_hooked(rows, &db)`,
//! `update_many_hooked`, `delete_many_hooked`), which run every row's hooks
//! in a number of statements that does not grow with the rows. Through either door, a
//! [`HookDb`] handle hands hooks the caller's data (`db.with(actor)`, read
//! with [`HookContext::get`]), and [`HookDb::skip_hooks`] is the one way to
//! write without hooks.
//!
//! With the `tracing` feature (on by default), each write is a
//! `hooks_orm.write` span and each hook call a `hooks_orm.hook` span inside
//! it, and a hook error that goes back to the caller is a `WARN` event of
//! target `hooks_orm::hook_error` inside its hook's span; the README's
//! "Tracing" lists the fields and what each door produces. Without the
//! feature they are compiled out.
//!
//! With the `migration` feature, `hooks_orm::migration` brings the same
//! compile-time hooks to `sea-orm-migration` runs: `#[migration_hooks]` on a
//! migrator's `impl MigratorTrait for Migrator` block.

#![deny(missing_docs)]

mod behavior;
mod bulk;
mod bypass;
mod chain;
mod commit;
mod db;
#[cfg(feature = "migration")]
pub mod migration;
mod ops;
mod policy;
mod trace;

pub use bulk::{DeleteManyOutcome, HookedEntityTrait, max_binds};
pub use chain::HookChain;
pub use db::{HookDb, HookTransaction};
pub use hooks_core::{
    CallerData, Deletion, HookConnection, HookContext, HookError, HookErrorKind, HookEvent,
    HookInfo, HookResult, WriteKind, WriteState,
};
pub use hooks_core::{Col, HasColumn, SetModel, dispatch::ActiveModelOf};
pub use hooks_macros::{
    Hooked, after_commit, after_create, after_delete, after_rollback, after_save, after_update,
    before_create, before_delete, before_save, before_update, hook_set, hooks,
};
pub use ops::{DeleteOutcome, HookedActiveModelTrait, HookedModelTrait, SaveOutcome};

/// The name of a model's column as a type (and a value), for the bounds of a
/// hook set: `M: HasColumn<col!(created_at), Value = DateTimeUtc>` says that
/// the model `M` has a field `created_at` of type `DateTimeUtc`, and
/// `col!(created_at).change::<M>(am)` reaches it in a change.
///
/// ```
/// use hooks_orm::prelude::*;
/// use sea_orm::entity::prelude::*;
///
/// fn touch<M>(change: &mut ActiveModelOf<M>, now: DateTimeUtc)
/// where
///     M: HasColumn<col!(updated_at), Value = DateTimeUtc>,
/// {
///     *col!(updated_at).change::<M>(change) = Set(now);
/// }
///
/// fn is_deleted<M>(row: &M) -> bool
/// where
///     M: HasColumn<col!(deleted_at), Value = Option<DateTimeUtc>>,
/// {
///     col!(deleted_at).of(row).is_some()
/// }
/// ```
#[macro_export]
macro_rules! col {
    ($name:ident) => {
        $crate::__private::col_impl!($crate; $name)
    };
}

/// Everything a hooked entity needs: `use hooks_orm::prelude::*;`.
///
/// It glob-imports cleanly beside `sea_orm::entity::prelude::*` and `sea_orm::*`.
pub mod prelude {
    pub use crate::{
        DeleteManyOutcome, DeleteOutcome, Deletion, HookChain, HookContext, HookDb, HookError,
        HookResult, HookTransaction, Hooked, HookedActiveModelTrait, HookedEntityTrait,
        HookedModelTrait, SaveOutcome, WriteKind, after_commit, after_create, after_delete,
        after_rollback, after_save, after_update, before_create, before_delete, before_save,
        before_update, col, hook_set, hooks,
    };
    pub use hooks_core::{HasColumn, SetModel, dispatch::ActiveModelOf};
    pub use sea_orm::{NotSet, Set, Unchanged};
}

/// What generated code names by absolute path. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::behavior::{BoxFuture, after_delete, after_save, before_delete, before_save};
    pub use crate::policy::log_hook_error;
    /// `#[hooked(bypass = "deny")]`.
    pub mod bypass {
        pub use crate::bypass::*;
    }
    pub use async_trait::async_trait;
    pub use hooks_core::dispatch::*;
    pub use hooks_core::{Col, HasColumn};
    pub use hooks_core::{
        CommitScope, Deletion, HookContext, HookEvent, HookInfo, HookResult, WriteKind,
    };
    pub use hooks_core::{HookSet, Priorities, SetModel, chain_len, merge_chains};
    pub use hooks_macros::{col_impl, in_hooks_block};
    pub use sea_orm;

    /// What `#[migration_hooks]` generates code against.
    #[cfg(feature = "migration")]
    pub mod migration {
        pub use crate::migration::checks::*;
        pub use crate::migration::{
            MigrationContext, MigrationFailure, MigrationHooks, MigrationPhase, MigrationPlan,
            MigrationStep, PhaseResult, RunSummary, down, fresh, refresh, reset, up,
        };
        pub use async_trait::async_trait;
        pub use hooks_core::dispatch::send_hook;
        pub use sea_orm::DbErr;
        pub use sea_orm_migration::{IntoSchemaManagerConnection, MigratorTrait};
    }
}
