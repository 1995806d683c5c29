//! `Model::hook_chain()`: an entity's hooks, in the order they run.

use hooks_core::HookInfo;
use hooks_core::dispatch::ModelHooks;

/// The hooks of an entity that derives `Hooked`, in the order they run: by
/// event, then `priority`, then declaration order. Only the hooks compiled in
/// are listed (a hook under a `#[cfg]` that does not hold is not). The slice
/// is built at compile time.
///
/// ```
/// use hooks_orm::prelude::*;
/// use sea_orm::entity::prelude::*;
///
/// #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
/// #[sea_orm(table_name = "users")]
/// pub struct Model {
///     #[sea_orm(primary_key)]
///     pub id: i32,
///     pub email: String,
/// }
///
/// #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
/// pub enum Relation {}
///
/// #[hooks]
/// impl Model {
///     #[before_delete]
///     fn second(&self) {}
///     #[before_delete(priority = -10)]
///     async fn first(&self) {}
/// }
///
/// let chain = Model::hook_chain();
/// assert_eq!(chain.iter().map(|h| h.name).collect::<Vec<_>>(), ["first", "second"]);
/// assert!(chain[0].is_async && chain[0].priority == -10);
/// for hook in chain {
///     println!("{hook}"); // before_delete first (priority -10, async) at src/lib.rs:31
/// }
/// ```
pub trait HookChain {
    /// The hooks, in run order.
    fn hook_chain() -> &'static [HookInfo];
}

impl<M: ModelHooks> HookChain for M {
    fn hook_chain() -> &'static [HookInfo] {
        M::HOOK_CHAIN
    }
}
