//! `on_error = "log"`: an `after_*` hook whose error is logged, with the
//! hook, the event, the entity and the row's key, while the write stands and
//! the other hooks run.

use hooks_core::{HookContext, HookError};
use sea_orm::{EntityTrait, IdenStatic, Iterable, ModelTrait, PrimaryKeyToColumn};

/// Logs the error of an `on_error = "log"` hook: `ERROR`, target
/// `hooks_orm::hook_error`, fields `hook`, `event`, `entity`, `key`, `error`.
pub fn log_hook_error<M: ModelTrait>(err: &HookError, row: &M, cx: &HookContext<'_>) {
    let hook = err.hook().unwrap_or("?");
    let key = row_key(row);
    tracing::error!(
        target: "hooks_orm::hook_error",
        hook,
        event = %cx.event(),
        entity = cx.entity(),
        key = %key,
        error = %err,
        "{} hook `{hook}` failed on `{}` {key}, and the write stands (on_error = \"log\")",
        cx.event(),
        cx.entity()
    );
}

/// The row's primary key as `column=value`, e.g. `id=7`.
pub(crate) fn row_key<M: ModelTrait>(row: &M) -> String {
    <M::Entity as EntityTrait>::PrimaryKey::iter()
        .map(|key| {
            let column = key.into_column();
            format!("{}={}", column.as_str(), row.get(column))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
