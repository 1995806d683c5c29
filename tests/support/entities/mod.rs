//! Test entities. Hooks record what they saw in `hook_log`, through the
//! connection the write runs on, so a test reads back real rows.

pub mod article;
pub mod author;
pub mod badge;
pub mod contact;
pub mod counter;
pub mod doc;
pub mod doc_revision;
pub mod gizmo;
pub mod grade;
pub mod hook_log;
pub mod item;
pub mod job;
pub mod journal;
pub mod member;
pub mod note;
pub mod post;
pub mod secret;
pub mod setting;
pub mod setting_change;
pub mod stmt_after_old;
pub mod stmt_before_old;
pub mod stmt_hooks;
pub mod stmt_none;
pub mod ticket;
pub mod user;
pub mod widget;
