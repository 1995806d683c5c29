//! [`HookInfo`]: a static description of an entity's hooks, for logs and
//! startup banners. Built at compile time by `#[hooks]`; no registry.

use core::fmt;

use crate::HookEvent;

/// One hook of an entity, as `#[hooks]` found it: a `&'static` value built at
/// compile time. An entity's hooks, in the order they run, are
/// `Model::hook_chain()` (the `HookChain` trait of `hooks-orm`). It displays
/// as `before_delete protect_admins (priority -10, sync) at src/user.rs:42`.
///
/// More fields may come, so it is `#[non_exhaustive]`: read it, match it
/// with `..`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct HookInfo {
    /// The event the hook runs for.
    pub event: HookEvent,
    /// The hook fn's name (without `r#`).
    pub name: &'static str,
    /// Its `priority`: within one event, lower runs first.
    pub priority: i32,
    /// Whether it is an `async fn`.
    pub is_async: bool,
    /// `on_error = "log"`: its error is logged and the write stands.
    pub logs_errors: bool,
    /// The source file of the hook fn.
    pub file: &'static str,
    /// The line of the hook fn's name.
    pub line: u32,
    /// `if_changed(..)`: the columns one of which must be in the change
    /// (`before_*`) or differ from the old row (`after_update`); empty when
    /// the hook has no such condition.
    pub if_changed: &'static [&'static str],
    /// `when = ..`: the predicate (a path or a closure), as written.
    pub when: Option<&'static str>,
    /// The hook set the hook comes from (`#[hooks(sets(Timestamps))]`), as
    /// its `#[hook_set]` block names it; `None` for the entity's own hooks.
    pub set: Option<&'static str>,
}

impl HookInfo {
    #[doc(hidden)]
    pub const fn new(
        event: HookEvent,
        name: &'static str,
        priority: i32,
        is_async: bool,
        logs_errors: bool,
        file: &'static str,
        line: u32,
    ) -> Self {
        Self {
            event,
            name,
            priority,
            is_async,
            logs_errors,
            file,
            line,
            if_changed: &[],
            when: None,
            set: None,
        }
    }

    #[doc(hidden)]
    pub const fn with_conditions(
        mut self,
        if_changed: &'static [&'static str],
        when: Option<&'static str>,
    ) -> Self {
        self.if_changed = if_changed;
        self.when = when;
        self
    }

    #[doc(hidden)]
    pub const fn from_set(mut self, set: &'static str) -> Self {
        self.set = Some(set);
        self
    }
}

impl fmt::Display for HookInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} (priority {}, {}",
            self.event,
            self.name,
            self.priority,
            if self.is_async { "async" } else { "sync" },
        )?;
        if self.logs_errors {
            f.write_str(", errors logged")?;
        }
        if !self.if_changed.is_empty() {
            write!(f, ", if_changed({})", self.if_changed.join(", "))?;
        }
        if let Some(when) = self.when {
            write!(f, ", when {when}")?;
        }
        f.write_str(")")?;
        if let Some(set) = self.set {
            write!(f, " from {set}")?;
        }
        write!(f, " at {}:{}", self.file, self.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_on_one_line() {
        let info = HookInfo::new(
            HookEvent::BeforeDelete,
            "protect_admins",
            -10,
            false,
            false,
            "src/user.rs",
            42,
        );
        assert_eq!(
            info.to_string(),
            "before_delete protect_admins (priority -10, sync) at src/user.rs:42"
        );
        let logged = HookInfo::new(HookEvent::AfterSave, "notify", 0, true, true, "a.rs", 1);
        assert_eq!(
            logged.to_string(),
            "after_save notify (priority 0, async, errors logged) at a.rs:1"
        );
        let conditional =
            HookInfo::new(HookEvent::AfterUpdate, "audit", 0, false, false, "a.rs", 2)
                .with_conditions(&["email", "name"], Some("is_admin"))
                .from_set("Audit");
        assert_eq!(
            conditional.to_string(),
            "after_update audit (priority 0, sync, if_changed(email, name), when is_admin) \
             from Audit at a.rs:2"
        );
    }
}
