//! One entity, four ways (and the generated one again with an `async` hook): the same table shape and, where there are hooks,
//! the same four hooks (`before_save` normalises the name, `before_create`
//! validates it and may fail, `after_create` bumps a counter, `after_save`
//! does nothing).

pub mod generated;
pub mod generated_async;
pub mod hand_written;
pub mod plain;
pub mod registry;

use std::sync::atomic::{AtomicU64, Ordering};

use hooks_orm::HookError;

/// What the `after_create` hooks bump.
pub static CREATED: AtomicU64 = AtomicU64::new(0);

/// The `before_save` logic: trims and lowercases the name, in place.
#[inline]
pub fn normalise(name: &mut String) {
    let trimmed = name.trim();
    if trimmed.len() != name.len() || trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
        *name = trimmed.to_lowercase();
    }
}

/// The `before_create` logic: a name must not be empty.
#[inline]
pub fn validate(name: &str) -> Result<(), HookError> {
    if name.is_empty() {
        return Err(HookError::validation("name must not be empty"));
    }
    Ok(())
}

/// The `after_create` logic.
#[inline]
pub fn bump() {
    CREATED.fetch_add(1, Ordering::Relaxed);
}
