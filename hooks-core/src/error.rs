use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

use sea_orm::DbErr;
use serde::ser::SerializeStruct;

use crate::HookEvent;

/// What a fallible hook returns: `Ok` to let the write go on, `Err` to stop it.
///
/// `before_delete` hooks may return `HookResult<Deletion>` to keep the row.
pub type HookResult<T = ()> = Result<T, HookError>;

/// An error raised by a hook.
///
/// It carries a [`HookErrorKind`] that an API can map to a response
/// (validation → 400, forbidden → 403, ...) and, once it has left the hook,
/// which hook, event and entity raised it.
///
/// `?` works on [`DbErr`] inside a hook. SeaORM's own API returns a `DbErr`;
/// [`HookError::from_db_err`] recovers the typed error from it.
///
/// ```
/// use hooks_core::{HookError, HookResult};
///
/// fn check_email(email: &str) -> HookResult {
///     if !email.contains('@') {
///         return Err(HookError::invalid("email", "must contain `@`"));
///     }
///     Ok(())
/// }
///
/// let err = check_email("nobody").unwrap_err();
/// assert!(err.is_validation());
/// assert_eq!(err.field(), Some("email"));
/// assert_eq!(err.message(), "must contain `@`");
/// ```
#[derive(Clone)]
pub struct HookError {
    // Boxed, so that a `HookResult` is a pointer wide: hooks return it, and
    // the dispatch's futures hold it, on every write that succeeds.
    inner: Box<Inner>,
}

#[derive(Clone, Debug)]
struct Inner {
    kind: HookErrorKind,
    origin: Option<Origin>,
    /// The row of a bulk write whose hook failed (see [`HookError::row_key`]).
    row: Option<Arc<str>>,
}

impl fmt::Debug for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HookError")
            .field("kind", &self.inner.kind)
            .field("origin", &self.inner.origin)
            .field("row", &self.inner.row)
            .finish()
    }
}

/// The kind of a [`HookError`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum HookErrorKind {
    /// The values are not acceptable; `field` names the column when the hook said which.
    Validation {
        /// The offending field, if the hook named one.
        field: Option<Cow<'static, str>>,
        /// What is wrong, in words for the caller.
        message: Cow<'static, str>,
    },
    /// The caller may not do this.
    Forbidden {
        /// Why, in words for the caller.
        message: Cow<'static, str>,
    },
    /// A database error inside the hook (usually through `?`).
    Db(DbErr),
    /// Any other error.
    Other(Arc<dyn StdError + Send + Sync>),
}

#[derive(Clone, Copy, Debug)]
struct Origin {
    hook: &'static str,
    event: HookEvent,
    entity: &'static str,
}

impl HookError {
    /// A validation error without a field: the values are not acceptable.
    pub fn validation(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(HookErrorKind::Validation {
            field: None,
            message: message.into(),
        })
    }

    /// A validation error about one field.
    pub fn invalid(
        field: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::new(HookErrorKind::Validation {
            field: Some(field.into()),
            message: message.into(),
        })
    }

    /// The caller may not perform this write.
    ///
    /// ```
    /// use hooks_core::HookError;
    ///
    /// let err = HookError::forbidden("cannot delete admin users");
    /// assert!(err.is_forbidden());
    /// ```
    pub fn forbidden(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(HookErrorKind::Forbidden {
            message: message.into(),
        })
    }

    /// Wraps any other error.
    ///
    /// ```
    /// use hooks_core::HookError;
    ///
    /// let err = HookError::other(std::io::Error::other("cache unreachable"));
    /// assert_eq!(err.message(), "cache unreachable");
    /// ```
    pub fn other(error: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(HookErrorKind::Other(Arc::from(error.into())))
    }

    fn new(kind: HookErrorKind) -> Self {
        Self {
            inner: Box::new(Inner {
                kind,
                origin: None,
                row: None,
            }),
        }
    }

    /// The kind of error, to match on.
    pub fn kind(&self) -> &HookErrorKind {
        &self.inner.kind
    }

    /// Whether this is a validation error.
    pub fn is_validation(&self) -> bool {
        matches!(self.inner.kind, HookErrorKind::Validation { .. })
    }

    /// Whether this is a forbidden error.
    pub fn is_forbidden(&self) -> bool {
        matches!(self.inner.kind, HookErrorKind::Forbidden { .. })
    }

    /// Whether this wraps a database error.
    pub fn is_db(&self) -> bool {
        matches!(self.inner.kind, HookErrorKind::Db(_))
    }

    /// The kind's name, as it serializes: `"validation"`, `"forbidden"`, `"db"`, `"other"`.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self.inner.kind {
            HookErrorKind::Validation { .. } => "validation",
            HookErrorKind::Forbidden { .. } => "forbidden",
            HookErrorKind::Db(_) => "db",
            HookErrorKind::Other(_) => "other",
        }
    }

    /// The message for the caller, without the hook's name.
    pub fn message(&self) -> Cow<'_, str> {
        match &self.inner.kind {
            HookErrorKind::Validation { message, .. } | HookErrorKind::Forbidden { message } => {
                Cow::Borrowed(message)
            }
            HookErrorKind::Db(err) => Cow::Owned(err.to_string()),
            HookErrorKind::Other(err) => Cow::Owned(err.to_string()),
        }
    }

    /// The field a validation error is about, if the hook named one.
    pub fn field(&self) -> Option<&str> {
        match &self.inner.kind {
            HookErrorKind::Validation { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The database error inside, if this is [`HookErrorKind::Db`].
    pub fn db_err(&self) -> Option<&DbErr> {
        match &self.inner.kind {
            HookErrorKind::Db(err) => Some(err),
            _ => None,
        }
    }

    /// The name of the hook fn that raised the error; `None` before it left the hook.
    pub fn hook(&self) -> Option<&'static str> {
        self.inner.origin.map(|o| o.hook)
    }

    /// The event whose hook raised the error.
    pub fn event(&self) -> Option<HookEvent> {
        self.inner.origin.map(|o| o.event)
    }

    /// The table name of the entity whose hook raised the error.
    pub fn entity(&self) -> Option<&'static str> {
        self.inner.origin.map(|o| o.entity)
    }

    /// Which row of a bulk write (`insert_many_hooked`, `update_many_hooked`,
    /// `delete_many_hooked`) the failing hook ran for; `None` for a single-row
    /// write.
    ///
    /// It reads `id=5` (each primary key column `name=value`, joined by `, `)
    /// for a row that has its key, and `#3` (the row's position in the input,
    /// from 0) for a row to insert whose key the database assigns.
    ///
    /// ```
    /// use hooks_core::HookError;
    ///
    /// let err = HookError::forbidden("admins stay").at_row("id=1");
    /// assert_eq!(err.row_key(), Some("id=1"));
    /// assert_eq!(err.to_string(), "row id=1: forbidden: admins stay");
    /// ```
    pub fn row_key(&self) -> Option<&str> {
        self.inner.row.as_deref()
    }

    /// Records the row of a bulk write whose hook raised the error, unless an
    /// inner bulk write already did.
    #[doc(hidden)]
    pub fn at_row(mut self, key: impl Into<Arc<str>>) -> Self {
        if self.inner.row.is_none() {
            self.inner.row = Some(key.into());
        }
        self
    }

    /// Recovers the hook's error from a `DbErr` returned by SeaORM's API.
    ///
    /// Returns `None` when `err` did not come from a hook (a constraint
    /// violation of the write itself, say).
    ///
    /// ```
    /// use hooks_core::HookError;
    /// use sea_orm::DbErr;
    ///
    /// let db_err: DbErr = HookError::forbidden("no").into();
    /// let err = HookError::from_db_err(&db_err).unwrap();
    /// assert!(err.is_forbidden());
    /// assert!(HookError::from_db_err(&DbErr::RecordNotUpdated).is_none());
    /// ```
    pub fn from_db_err(err: &DbErr) -> Option<HookError> {
        match err {
            DbErr::TryIntoErr { source, .. } => source.downcast_ref::<HookError>().cloned(),
            _ => None,
        }
    }

    /// Records which hook raised the error, unless an inner hook already did
    /// (a hook that writes another hooked entity passes that entity's error on).
    #[doc(hidden)]
    pub fn raised_by(mut self, hook: &'static str, event: HookEvent, entity: &'static str) -> Self {
        if self.inner.origin.is_none() {
            self.inner.origin = Some(Origin {
                hook,
                event,
                entity,
            });
        }
        self
    }
}

impl fmt::Display for HookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.inner.origin, &self.inner.row) {
            (Some(o), Some(row)) => write!(
                f,
                "{} hook `{}` on `{}`, row {row}: ",
                o.event, o.hook, o.entity
            )?,
            (Some(o), None) => write!(f, "{} hook `{}` on `{}`: ", o.event, o.hook, o.entity)?,
            (None, Some(row)) => write!(f, "row {row}: ")?,
            (None, None) => {}
        }
        match &self.inner.kind {
            HookErrorKind::Validation {
                field: Some(field),
                message,
            } => write!(f, "invalid `{field}`: {message}"),
            HookErrorKind::Validation {
                field: None,
                message,
            } => write!(f, "invalid: {message}"),
            HookErrorKind::Forbidden { message } => write!(f, "forbidden: {message}"),
            HookErrorKind::Db(err) => write!(f, "database error: {err}"),
            HookErrorKind::Other(err) => fmt::Display::fmt(err, f),
        }
    }
}

impl StdError for HookError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.inner.kind {
            HookErrorKind::Db(err) => Some(err),
            HookErrorKind::Other(err) => Some(&**err),
            _ => None,
        }
    }
}

/// `?` on a `DbErr` inside a hook. A `DbErr` that carries another hook's error
/// (a hooked write inside a hook failed) gives back that error, not a wrapper.
impl From<DbErr> for HookError {
    fn from(err: DbErr) -> Self {
        HookError::from_db_err(&err).unwrap_or_else(|| HookError::new(HookErrorKind::Db(err)))
    }
}

/// How a hook's error travels through SeaORM's API, which only knows `DbErr`.
///
/// The result displays as `Error converting `hooks_orm::HookError` into
/// `sea_orm::DbErr`: <the hook error>`; [`HookError::from_db_err`] recovers it.
impl From<HookError> for DbErr {
    fn from(err: HookError) -> Self {
        DbErr::TryIntoErr {
            from: "hooks_orm::HookError",
            into: "sea_orm::DbErr",
            source: Arc::new(err),
        }
    }
}

/// Serializes as a flat object for API responses:
/// `{"kind": "validation", "message": "...", "field": "email", "hook": "...", "event": "...", "entity": "..."}`,
/// plus `"row_key": "id=5"` for an error of a bulk write.
///
/// ```
/// use hooks_core::HookError;
///
/// let json = serde_json::to_value(HookError::invalid("email", "taken")).unwrap();
/// assert_eq!(json["kind"], "validation");
/// assert_eq!(json["field"], "email");
/// assert_eq!(json["message"], "taken");
/// assert!(json["hook"].is_null());
/// ```
impl serde::Serialize for HookError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("HookError", 7)?;
        s.serialize_field("kind", self.kind_name())?;
        s.serialize_field("message", &self.message())?;
        s.serialize_field("field", &self.field())?;
        s.serialize_field("hook", &self.hook())?;
        s.serialize_field("event", &self.event())?;
        s.serialize_field("entity", &self.entity())?;
        match self.row_key() {
            Some(row) => s.serialize_field("row_key", row)?,
            None => s.skip_field("row_key")?,
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_is_kept_by_the_innermost_hook() {
        let err = HookError::forbidden("no")
            .raised_by("inner", HookEvent::BeforeCreate, "audit_log")
            .raised_by("outer", HookEvent::AfterUpdate, "users");
        assert_eq!(err.hook(), Some("inner"));
        assert_eq!(err.entity(), Some("audit_log"));
    }

    #[test]
    fn db_err_round_trip_keeps_kind_and_origin() {
        let err = HookError::invalid("email", "taken").raised_by(
            "unique_email",
            HookEvent::BeforeCreate,
            "users",
        );
        let db: DbErr = err.into();
        let back = HookError::from_db_err(&db).unwrap();
        assert_eq!(back.field(), Some("email"));
        assert_eq!(back.hook(), Some("unique_email"));
        assert_eq!(back.event(), Some(HookEvent::BeforeCreate));
        assert_eq!(
            db.to_string(),
            "Error converting `hooks_orm::HookError` into `sea_orm::DbErr`: \
             before_create hook `unique_email` on `users`: invalid `email`: taken"
        );
    }

    #[test]
    fn question_mark_on_a_hooked_db_err_unwraps_the_inner_hook_error() {
        let inner: DbErr = HookError::forbidden("no")
            .raised_by("guard", HookEvent::BeforeDelete, "posts")
            .into();
        let outer = HookError::from(inner);
        assert!(outer.is_forbidden());
        assert_eq!(outer.hook(), Some("guard"));

        let plain = HookError::from(DbErr::RecordNotUpdated);
        assert!(plain.is_db());
        assert!(plain.hook().is_none());
    }

    #[test]
    fn a_bulk_row_is_named_after_the_hook() {
        let err = HookError::forbidden("admins stay")
            .raised_by("protect_admins", HookEvent::BeforeDelete, "users")
            .at_row("id=1")
            .at_row("id=2");
        assert_eq!(err.row_key(), Some("id=1"));
        assert_eq!(
            err.to_string(),
            "before_delete hook `protect_admins` on `users`, row id=1: forbidden: admins stay"
        );
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["row_key"], "id=1");
    }

    #[test]
    fn serializes_flat() {
        let err = HookError::forbidden("admins stay").raised_by(
            "protect_admins",
            HookEvent::BeforeDelete,
            "users",
        );
        let json = serde_json::to_string(&err).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"forbidden","message":"admins stay","field":null,"hook":"protect_admins","event":"before_delete","entity":"users"}"#
        );
    }

    #[test]
    fn a_hook_result_is_a_pointer_wide() {
        // What every hook returns and every dispatch future holds.
        assert_eq!(size_of::<HookResult>(), size_of::<usize>());
        let err = HookError::invalid("email", "must contain `@`");
        assert_eq!(
            format!("{err:?}"),
            r#"HookError { kind: Validation { field: Some("email"), message: "must contain `@`" }, origin: None, row: None }"#
        );
    }
}
