//! The events: their attribute names and the parameters each one passes.

use proc_macro2::Span;
use syn::Ident;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Event {
    BeforeSave,
    BeforeCreate,
    AfterCreate,
    BeforeUpdate,
    AfterUpdate,
    AfterSave,
    BeforeDelete,
    AfterDelete,
    AfterCommit,
    AfterRollback,
}

/// A parameter position of an event, in the order hooks declare them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slot {
    /// `&mut ActiveModel`: the values about to be written.
    Change,
    /// `&Model` or `&self`: the row.
    Row,
    /// `&Model`: the row as stored before an update.
    OldRow,
    /// `WriteKind`, by value: what the write did (`after_commit`, `after_rollback`).
    Write,
    /// `&HookContext`.
    Context,
}

impl Event {
    pub(crate) const ALL: [Event; 10] = [
        Event::BeforeSave,
        Event::BeforeCreate,
        Event::AfterCreate,
        Event::BeforeUpdate,
        Event::AfterUpdate,
        Event::AfterSave,
        Event::BeforeDelete,
        Event::AfterDelete,
        Event::AfterCommit,
        Event::AfterRollback,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Event::BeforeSave => "before_save",
            Event::BeforeCreate => "before_create",
            Event::AfterCreate => "after_create",
            Event::BeforeUpdate => "before_update",
            Event::AfterUpdate => "after_update",
            Event::AfterSave => "after_save",
            Event::BeforeDelete => "before_delete",
            Event::AfterDelete => "after_delete",
            Event::AfterCommit => "after_commit",
            Event::AfterRollback => "after_rollback",
        }
    }

    /// Whether `if_changed` has a meaning here: a change to look into
    /// (`before_save`, `before_create`, `before_update`), or an old and a new
    /// row to compare (`after_update`).
    pub(crate) fn has_condition_on_columns(self) -> bool {
        matches!(
            self,
            Event::BeforeSave | Event::BeforeCreate | Event::BeforeUpdate | Event::AfterUpdate
        )
    }

    /// Whether a condition of this event looks at the change (`&ActiveModel`)
    /// rather than the row.
    pub(crate) fn sees_change(self) -> bool {
        matches!(
            self,
            Event::BeforeSave | Event::BeforeCreate | Event::BeforeUpdate
        )
    }

    pub(crate) fn from_name(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The parameters a hook of this event may take, in order.
    pub(crate) fn slots(self) -> &'static [Slot] {
        match self {
            Event::BeforeSave | Event::BeforeCreate => &[Slot::Change, Slot::Context],
            Event::BeforeUpdate => &[Slot::Change, Slot::OldRow, Slot::Context],
            Event::AfterUpdate => &[Slot::Row, Slot::OldRow, Slot::Context],
            Event::AfterCreate | Event::AfterSave | Event::BeforeDelete | Event::AfterDelete => {
                &[Slot::Row, Slot::Context]
            }
            Event::AfterCommit | Event::AfterRollback => &[Slot::Row, Slot::Write, Slot::Context],
        }
    }

    pub(crate) fn has_slot(self, slot: Slot) -> bool {
        self.slots().contains(&slot)
    }

    /// One parameter in the user's words, e.g. "`&mut ActiveModel` (the pending change)".
    pub(crate) fn describe(self, slot: Slot) -> &'static str {
        match (slot, self) {
            (Slot::Change, Event::BeforeSave) => "`&mut ActiveModel` (the row about to be written)",
            (Slot::Change, Event::BeforeCreate) => {
                "`&mut ActiveModel` (the row about to be inserted)"
            }
            (Slot::Change, _) => "`&mut ActiveModel` (the pending change)",
            (Slot::Row, Event::AfterCreate) => "`&Model` or `&self` (the row as inserted)",
            (Slot::Row, Event::AfterUpdate) => "`&Model` or `&self` (the row now)",
            (Slot::Row, Event::BeforeDelete) => "`&Model` or `&self` (the row about to be deleted)",
            (Slot::Row, Event::AfterDelete) => "`&Model` or `&self` (the deleted row)",
            (Slot::Row, Event::AfterCommit) => "`&Model` or `&self` (the row as committed)",
            (Slot::Row, Event::AfterRollback) => {
                "`&Model` or `&self` (the row as written, now rolled back)"
            }
            (Slot::Write, _) => {
                "`WriteKind` (whether the write created, updated or deleted the row)"
            }
            (Slot::Row, _) => "`&Model` or `&self` (the row as saved)",
            (Slot::OldRow, Event::BeforeUpdate) => "`&Model` (the row as stored)",
            (Slot::OldRow, _) => "`&Model` (the row as it was)",
            (Slot::Context, _) => "`&HookContext`",
        }
    }

    /// What a hook of this event takes, as a sentence fragment:
    /// "`before_create` hooks take `&mut ActiveModel` (...) and `&HookContext`, in this order, each optional".
    pub(crate) fn expects(self) -> String {
        let parts: Vec<&str> = self.slots().iter().map(|s| self.describe(*s)).collect();
        let list = match parts.as_slice() {
            [a, b] => format!("{a} and {b}"),
            [a, b, c] => format!("{a}, {b} and {c}"),
            _ => parts.join(", "),
        };
        format!(
            "`{}` hooks take {list}, in this order, each optional",
            self.name()
        )
    }

    /// The event's name as an identifier: the `ModelHooks` method that runs
    /// its hooks, and the module in `__private::events` that checks them.
    pub(crate) fn ident(self, span: Span) -> Ident {
        Ident::new(self.name(), span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runtime's `on_unimplemented` texts repeat these sentences as
    /// literals (the attribute takes nothing else): every one must match.
    #[test]
    fn the_runtime_diagnostics_say_what_the_macros_say() {
        let dispatch = include_str!("../../hooks-core/src/dispatch.rs");
        for event in Event::ALL {
            let expects = format!("\"{}\"", event.expects());
            let copies = dispatch.matches(&expects).count();
            // One per checking trait of the event: the context and, where the
            // event has them, the row, the old row, the row or context and the
            // old row or context, and the change.
            let traits = 1
                + usize::from(event.has_slot(Slot::Change))
                + 2 * usize::from(event.has_slot(Slot::Row))
                + 2 * usize::from(event.has_slot(Slot::OldRow))
                + usize::from(event.has_slot(Slot::Write));
            assert_eq!(copies, traits, "{expects}");
        }
    }
}
