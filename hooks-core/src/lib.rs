//! Runtime types for [`hooks-orm`](https://docs.rs/hooks-orm): the hook
//! events, [`HookError`], [`HookContext`] and [`Deletion`].
//!
//! Depend on `hooks-orm` and use `hooks_orm::prelude::*` instead of this crate.

#![deny(missing_docs)]

mod chain;
mod commit;
mod context;
mod deletion;
mod error;
mod event;
mod sets;

#[doc(hidden)]
#[allow(missing_docs)]
pub mod dispatch;
#[doc(hidden)]
pub mod trace;

pub use chain::HookInfo;
pub use commit::WriteKind;
#[doc(hidden)]
pub use commit::{CommitQueue, CommitScope, PendingWrite, Queued};
pub use context::{CallerData, HookConnection, HookContext, WriteState};
pub use deletion::Deletion;
pub use error::{HookError, HookErrorKind, HookResult};
pub use event::HookEvent;
pub use sets::{Col, HasColumn};
#[doc(hidden)]
pub use sets::{HookSet, Priorities, SetModel, chain_len, merge_chains};
