//! The API's tables: users, their posts, an audit trail of post edits, and
//! the outbox of notifications that `after_commit` hooks record.

pub mod outbox;
pub mod post;
pub mod post_audit;
pub mod user;
