//! The keys that `hooks_orm.write` spans record (the spans themselves are
//! `hooks_core::trace::WriteSpan`, compiled out without the `tracing` feature).

use hooks_core::dispatch::{ActiveModelOf, ModelHooks};
use sea_orm::{
    ActiveModelTrait, ActiveValue, EntityTrait, IdenStatic, Iterable, PrimaryKeyToColumn,
};

pub(crate) use crate::policy::row_key;

/// The primary key of the values `am` holds, as [`row_key`] writes it
/// (`id=7`), or `None` while a key column is not set (an insert's generated key).
pub(crate) fn active_key<M: ModelHooks>(am: &ActiveModelOf<M>) -> Option<String> {
    let mut key = String::new();
    for column in
        <M::Entity as EntityTrait>::PrimaryKey::iter().map(PrimaryKeyToColumn::into_column)
    {
        match am.get(column) {
            ActiveValue::Set(value) | ActiveValue::Unchanged(value) => {
                if !key.is_empty() {
                    key.push_str(", ");
                }
                key.push_str(&format!("{}={value}", column.as_str()));
            }
            ActiveValue::NotSet => return None,
        }
    }
    Some(key)
}
