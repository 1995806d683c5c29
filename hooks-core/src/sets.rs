//! Hook sets: hooks written once, generic over the entity, and attached to
//! many entities with `#[hooks(sets(..))]`. A set names the columns it needs
//! with [`HasColumn`] bounds; `#[derive(Hooked)]` implements `HasColumn` for
//! every field of the model, so an entity without the column (or with another
//! type) fails the bound where the set is attached.

use std::future::{Future, ready};

use sea_orm::{ActiveValue, EntityTrait, IntoActiveModel, ModelTrait};

use crate::dispatch::{ActiveModelOf, DeleteDecision, OldRow};
use crate::{HookContext, HookInfo, HookResult, WriteKind};

macro_rules! column_name {
    ($($c:ident)*) => {
        /// A column's name as a type: `col!(created_at)`, one `char` per
        /// parameter (names of up to 32 characters). Also a value, whose
        /// methods reach the column of a row or a change (see
        /// `hooks_orm::col!` for an example).
        #[derive(Clone, Copy, Debug, Default)]
        pub struct Col<$(const $c: char = '\0'),*>;

        impl<$(const $c: char),*> Col<$($c),*> {
            /// The column's value in `row`.
            #[inline(always)]
            pub fn of<M: HasColumn<Self>>(self, row: &M) -> &M::Value {
                M::value(row)
            }

            /// The column's slot in the change `am`, to read or `Set`.
            #[inline(always)]
            pub fn change<M: HasColumn<Self>>(
                self,
                am: &mut ActiveModelOf<M>,
            ) -> &mut ActiveValue<M::Value> {
                M::change(am)
            }
        }
    };
}

column_name!(
    C0 C1 C2 C3 C4 C5 C6 C7 C8 C9 C10 C11 C12 C13 C14 C15
    C16 C17 C18 C19 C20 C21 C22 C23 C24 C25 C26 C27 C28 C29 C30 C31
);

/// The model has a column named `N` (`col!(name)`) of type `Value`.
/// `#[derive(Hooked)]` implements it for every field; a hook set bounds its
/// hooks with it (see `hooks_orm::col!` for an example).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no column `{N}`, which a hook set attached to it needs",
    label = "the hook set is attached here",
    note = "`{N}` spells the column's name one letter per parameter; add the field to the model, or attach another set"
)]
pub trait HasColumn<N>: ModelTrait<Entity: EntityTrait<Model = Self>> + Sized {
    /// The field's type.
    type Value: Into<sea_orm::Value>;

    /// The field of a row.
    fn value(row: &Self) -> &Self::Value;

    /// The field of a change.
    fn change(am: &mut ActiveModelOf<Self>) -> &mut ActiveValue<Self::Value>;
}

/// What every model a hook set is attached to is: a SeaORM model whose
/// `ActiveModel` is `Send + Sync` and that converts into it. A set's hook
/// that bounds its model with `M: SetModel` can call SeaORM's async write API
/// on it, which needs those bounds spelled out otherwise.
///
/// ```
/// use hooks_core::{HasColumn, HookContext, HookResult, SetModel, dispatch::ActiveModelOf};
/// use sea_orm::entity::prelude::*;
/// use sea_orm::{IntoActiveModel, Set};
///
/// // The body of a set's `after_save` hook that writes its row back.
/// async fn touch<M, N>(row: &M, cx: &HookContext<'_>) -> HookResult
/// where
///     M: SetModel + HasColumn<N, Value = i32>,
/// {
///     let mut change: ActiveModelOf<M> = row.clone().into_active_model();
///     *M::change(&mut change) = Set(M::value(row) + 1);
///     change.update(cx.db()).await?;
///     Ok(())
/// }
/// ```
///
/// Every model SeaORM's `DeriveEntityModel` makes is one.
pub trait SetModel:
    ModelTrait<Entity: EntityTrait<Model = Self, ActiveModel: Send + Sync>>
    + IntoActiveModel<<<Self as ModelTrait>::Entity as EntityTrait>::ActiveModel>
    + Sync
    + Send
    + Sized
    + 'static
{
}

impl<M> SetModel for M where
    M: ModelTrait<Entity: EntityTrait<Model = Self, ActiveModel: Send + Sync>>
        + IntoActiveModel<<<Self as ModelTrait>::Entity as EntityTrait>::ActiveModel>
        + Sync
        + Send
        + Sized
        + 'static
{
}

/// The priorities a call of a set's event method runs: above `after`, up to
/// and including `upto`. The entity's own hooks cut each event into such
/// ranges, so the set's hooks run in priority order among them.
#[derive(Clone, Copy, Debug)]
pub struct Priorities {
    after: i64,
    upto: i64,
}

impl Priorities {
    /// Every priority.
    pub const ALL: Priorities = Priorities {
        after: i64::MIN,
        upto: i64::MAX,
    };

    #[allow(missing_docs)]
    pub const fn new(after: i64, upto: i64) -> Priorities {
        Priorities { after, upto }
    }

    /// Whether a hook of priority `priority` runs in this call.
    #[inline(always)]
    pub const fn hold(self, priority: i32) -> bool {
        self.after < priority as i64 && priority as i64 <= self.upto
    }
}

/// The hooks of a `#[hook_set]` block for the model `M`: one method per event,
/// each running the set's hooks of that event whose priority is in `range`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a hook set for `{M}`",
    label = "attached here",
    note = "a hook set is a type with a `#[hook_set] impl {Self} {{ ... }}` block; its hooks' bounds say what the entity needs"
)]
#[allow(missing_docs)]
pub trait HookSet<M: SetModel> {
    /// The set's name, for `hook_chain()`.
    const NAME: &'static str;
    const OLD_ROW: OldRow = OldRow::Unused;
    const COMMIT_HOOKS: bool = false;
    const SYNC_SAVE: bool = true;
    const HOOK_CHAIN: &'static [HookInfo] = &[];

    fn before_save(
        range: Priorities,
        am: &mut ActiveModelOf<M>,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, am, cx);
        ready(Ok(()))
    }

    fn before_create(
        range: Priorities,
        am: &mut ActiveModelOf<M>,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, am, cx);
        ready(Ok(()))
    }

    fn after_create(
        range: Priorities,
        model: &M,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, model, cx);
        ready(Ok(()))
    }

    fn before_update(
        range: Priorities,
        am: &mut ActiveModelOf<M>,
        old: Option<&M>,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, am, old, cx);
        ready(Ok(()))
    }

    fn after_update(
        range: Priorities,
        model: &M,
        old: Option<&M>,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, model, old, cx);
        ready(Ok(()))
    }

    fn after_save(
        range: Priorities,
        model: &M,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, model, cx);
        ready(Ok(()))
    }

    fn before_delete(
        range: Priorities,
        model: &M,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult<DeleteDecision>> + Send {
        let _ = (range, model, cx);
        ready(Ok(DeleteDecision::Proceed))
    }

    fn after_delete(
        range: Priorities,
        model: &M,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, model, cx);
        ready(Ok(()))
    }

    fn after_commit(
        range: Priorities,
        model: &M,
        kind: WriteKind,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, model, kind, cx);
        ready(Ok(()))
    }

    fn after_rollback(
        range: Priorities,
        model: &M,
        kind: WriteKind,
        cx: &HookContext<'_>,
    ) -> impl Future<Output = HookResult> + Send {
        let _ = (range, model, kind, cx);
        ready(Ok(()))
    }
}

/// How many hooks the parts of a chain hold.
pub const fn chain_len(parts: &[&[HookInfo]]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < parts.len() {
        len += parts[i].len();
        i += 1;
    }
    len
}

/// The chain of an entity with sets, in run order: `parts` are the sets'
/// chains in the order they are attached, then the entity's own (last). By
/// event; then by the entity's own hooks, which cut the event into ranges of
/// priorities; in each range the sets in order, then the entity's hook.
pub const fn merge_chains<const N: usize>(parts: &[&[HookInfo]]) -> [HookInfo; N] {
    let own = parts[parts.len() - 1];
    let placeholder = own_or_any(parts);
    let mut out = [placeholder; N];
    let mut keys = [(0u8, 0usize, 0usize); N];
    let mut n = 0;
    let mut part = 0;
    while part < parts.len() {
        let mut i = 0;
        while i < parts[part].len() {
            let hook = parts[part][i];
            out[n] = hook;
            keys[n] = (hook.event as u8, range_of(own, hook), part);
            n += 1;
            i += 1;
        }
        part += 1;
    }
    // Insertion sort: stable, so each part keeps its own order.
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && before(keys[j], keys[j - 1]) {
            let (hook, key) = (out[j], keys[j]);
            out[j] = out[j - 1];
            keys[j] = keys[j - 1];
            out[j - 1] = hook;
            keys[j - 1] = key;
            j -= 1;
        }
        i += 1;
    }
    out
}

const fn own_or_any(parts: &[&[HookInfo]]) -> HookInfo {
    let mut part = 0;
    while part < parts.len() {
        if !parts[part].is_empty() {
            return parts[part][0];
        }
        part += 1;
    }
    HookInfo::new(crate::HookEvent::BeforeSave, "", 0, false, false, "", 0)
}

/// Which range of the entity's own hooks `hook` falls in: how many of the
/// entity's hooks of its event have a lower priority.
const fn range_of(own: &[HookInfo], hook: HookInfo) -> usize {
    let mut below = 0;
    let mut i = 0;
    while i < own.len() {
        if own[i].event as u8 == hook.event as u8 && own[i].priority < hook.priority {
            below += 1;
        }
        i += 1;
    }
    below
}

const fn before(a: (u8, usize, usize), b: (u8, usize, usize)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && (a.1 < b.1 || (a.1 == b.1 && a.2 < b.2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HookEvent;

    fn hook(event: HookEvent, name: &'static str, priority: i32) -> HookInfo {
        HookInfo::new(event, name, priority, false, false, "", 0)
    }

    #[test]
    fn merged_chains_follow_the_run_order() {
        let set_a = [
            hook(HookEvent::BeforeSave, "a_first", -5),
            hook(HookEvent::BeforeSave, "a_late", 5),
            hook(HookEvent::AfterSave, "a_after", 0),
        ];
        let set_b = [hook(HookEvent::BeforeSave, "b_zero", 0)];
        let own = [
            hook(HookEvent::BeforeSave, "own_zero", 0),
            hook(HookEvent::BeforeSave, "own_ten", 10),
            hook(HookEvent::BeforeCreate, "own_create", 0),
        ];
        let parts: &[&[HookInfo]] = &[&set_a, &set_b, &own];
        let merged: [HookInfo; 7] = merge_chains(parts);
        let names: Vec<&str> = merged.iter().map(|h| h.name).collect();
        assert_eq!(
            names,
            [
                // Up to priority 0: set a's -5, set b's 0, then the entity's 0.
                "a_first",
                "b_zero",
                "own_zero",
                // Up to 10: set a's 5, then the entity's 10.
                "a_late",
                "own_ten",
                "own_create",
                "a_after",
            ]
        );
        assert_eq!(chain_len(parts), 7);
    }

    #[test]
    fn priorities_are_ranges_above_and_up_to() {
        let range = Priorities::new(0, 10);
        assert!(!range.hold(0));
        assert!(range.hold(1));
        assert!(range.hold(10));
        assert!(!range.hold(11));
        assert!(Priorities::ALL.hold(i32::MIN));
        assert!(Priorities::ALL.hold(i32::MAX));
    }
}
