use core::fmt;

/// One of the points in a write where hooks run.
///
/// Within one write the events fire in this order: `before_save`,
/// `before_create` or `before_update`, the SQL statement, `after_create` or
/// `after_update`, `after_save`. A delete fires `before_delete`, the SQL
/// statement, `after_delete`. When the transaction the write ran in ends,
/// `after_commit` or `after_rollback` fires (outside a transaction,
/// `after_commit` fires right after the write).
///
/// ```
/// use hooks_core::HookEvent;
///
/// assert_eq!(HookEvent::BeforeUpdate.as_str(), "before_update");
/// assert_eq!(HookEvent::AfterDelete.to_string(), "after_delete");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HookEvent {
    /// Before an insert or an update, ahead of `before_create` / `before_update`.
    BeforeSave,
    /// Before an insert.
    BeforeCreate,
    /// After an insert.
    AfterCreate,
    /// Before an update.
    BeforeUpdate,
    /// After an update.
    AfterUpdate,
    /// After an insert or an update, behind `after_create` / `after_update`.
    AfterSave,
    /// Before a delete; a hook may keep the row instead.
    BeforeDelete,
    /// After a delete.
    AfterDelete,
    /// After the transaction of a write committed (outside a transaction:
    /// after the write).
    AfterCommit,
    /// After the transaction of a write rolled back.
    AfterRollback,
}

impl HookEvent {
    /// All events, in the order a write that has them would fire them.
    pub const ALL: [HookEvent; 10] = [
        HookEvent::BeforeSave,
        HookEvent::BeforeCreate,
        HookEvent::AfterCreate,
        HookEvent::BeforeUpdate,
        HookEvent::AfterUpdate,
        HookEvent::AfterSave,
        HookEvent::BeforeDelete,
        HookEvent::AfterDelete,
        HookEvent::AfterCommit,
        HookEvent::AfterRollback,
    ];

    /// The event's attribute name, e.g. `"before_create"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            HookEvent::BeforeSave => "before_save",
            HookEvent::BeforeCreate => "before_create",
            HookEvent::AfterCreate => "after_create",
            HookEvent::BeforeUpdate => "before_update",
            HookEvent::AfterUpdate => "after_update",
            HookEvent::AfterSave => "after_save",
            HookEvent::BeforeDelete => "before_delete",
            HookEvent::AfterDelete => "after_delete",
            HookEvent::AfterCommit => "after_commit",
            HookEvent::AfterRollback => "after_rollback",
        }
    }

    /// Whether the event runs before the SQL statement (so an error stops the write).
    pub const fn is_before(self) -> bool {
        matches!(
            self,
            HookEvent::BeforeSave
                | HookEvent::BeforeCreate
                | HookEvent::BeforeUpdate
                | HookEvent::BeforeDelete
        )
    }
}

impl fmt::Display for HookEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for HookEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
