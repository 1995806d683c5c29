use std::sync::Arc;

use sea_orm::DbErr;

/// What a `before_delete` hook decides about the row.
///
/// A `before_delete` hook that returns `HookResult<Deletion>` can veto the delete
/// without failing it: `Deletion::Keep` leaves the row in place (a soft delete
/// marks it instead) and skips the `after_delete` hooks.
///
/// SeaORM's `delete` can only report a kept row as an error: it returns a
/// [`DbErr`] for which [`Deletion::was_kept`] is `true`, and nothing was deleted.
/// `hooks-orm`'s `delete_hooked` reports it as an outcome, `DeleteOutcome::Kept { by }`.
///
/// ```
/// use hooks_core::{Deletion, HookResult};
///
/// fn keep_published(published: bool) -> HookResult<Deletion> {
///     Ok(if published { Deletion::Keep } else { Deletion::Proceed })
/// }
/// assert_eq!(keep_published(true).unwrap(), Deletion::Keep);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Deletion {
    /// Delete the row (what a hook returning `()` or `HookResult` means).
    #[default]
    Proceed,
    /// Leave the row in the table; the `after_delete` hooks do not run.
    Keep,
}

impl Deletion {
    /// Whether `err`, returned by SeaORM's `ActiveModel::delete` or `Model::delete`,
    /// says that a `before_delete` hook kept the row (nothing was deleted).
    ///
    /// ```
    /// use hooks_core::Deletion;
    /// use sea_orm::DbErr;
    ///
    /// assert!(!Deletion::was_kept(&DbErr::RecordNotFound("users".into())));
    /// ```
    pub fn was_kept(err: &DbErr) -> bool {
        kept_by(err).is_some()
    }

    #[doc(hidden)]
    pub fn into_db_err(hook: &'static str, entity: &'static str) -> DbErr {
        DbErr::TryIntoErr {
            from: "hooks_orm::Deletion::Keep",
            into: "sea_orm::DeleteResult",
            source: Arc::new(Kept { hook, entity }),
        }
    }
}

/// The payload of the `DbErr` that reports a kept row through SeaORM's API.
#[derive(Debug)]
struct Kept {
    hook: &'static str,
    entity: &'static str,
}

impl core::fmt::Display for Kept {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "before_delete hook `{}` kept the `{}` row (Deletion::Keep); nothing was deleted",
            self.hook, self.entity
        )
    }
}

impl std::error::Error for Kept {}

fn kept_by(err: &DbErr) -> Option<&Kept> {
    match err {
        DbErr::TryIntoErr { source, .. } => source.downcast_ref::<Kept>(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_round_trips_through_db_err() {
        let err = Deletion::into_db_err("soft_delete", "users");
        assert!(Deletion::was_kept(&err));
        assert!(
            err.to_string()
                .contains("`soft_delete` kept the `users` row")
        );
    }
}
