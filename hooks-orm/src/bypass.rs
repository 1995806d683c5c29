//! `#[hooked(bypass = "deny")]`: the bounds that turn a call of one of
//! SeaORM's hook-skipping paths into a compile error that names the hooked
//! replacement.
//!
//! The derive gives the entity inherent fns named like `EntityTrait`'s
//! skipping ones (`Entity::delete_many()`, ...), which path calls reach first.
//! Under `deny`, each is bounded by one of these traits, which no type
//! implements; the lifetime parameter keeps the bound from being trivially
//! false where it is declared, so it fails only where it is called, with the
//! message below.

/// Declares one trait per skipping path, no impls.
macro_rules! denied {
    ($($(#[$attr:meta])* $name:ident;)*) => {$(
        $(#[$attr])*
        pub trait $name<'hooks> {}
    )*};
}

denied! {
    /// Bounds `Entity::insert` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::insert` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `Insert` skips `ActiveModelBehavior`",
        note = "write `am.insert(&db)` (SeaORM's door, runs the hooks) or `am.insert_hooked(&db)`",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::insert(am)`"
    )]
    DeniedInsert;
    /// Bounds `Entity::insert_many` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::insert_many` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `InsertMany` skips `ActiveModelBehavior`",
        note = "write `Entity::insert_many_hooked(rows, &db)`: every row's hooks, in one `INSERT` per chunk",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::insert_many(rows)`"
    )]
    DeniedInsertMany;
    /// Bounds `Entity::update` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::update` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `UpdateOne` skips `ActiveModelBehavior`",
        note = "write `am.update(&db)` (SeaORM's door, runs the hooks) or `am.update_hooked(&db)`",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::update(am)`"
    )]
    DeniedUpdate;
    /// Bounds `Entity::update_many` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::update_many` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `UpdateMany` skips `ActiveModelBehavior`",
        note = "write `Entity::update_many_hooked(filter, change, &db)`: every row's hooks, with its old row",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::update_many()`"
    )]
    DeniedUpdateMany;
    /// Bounds `Entity::delete` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::delete` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `DeleteOne` skips `ActiveModelBehavior`",
        note = "write `am.delete(&db)` (SeaORM's door, runs the hooks) or `am.delete_hooked(&db)`",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::delete(am)`"
    )]
    DeniedDelete;
    /// Bounds `Entity::delete_many` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::delete_many` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `DeleteMany` skips `ActiveModelBehavior`",
        note = "write `Entity::delete_many_hooked(filter, &db)`: every row's `before_delete`, kept rows stay",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::delete_many()`"
    )]
    DeniedDeleteMany;
    /// Bounds `Entity::delete_by_id` under `deny`; implemented by no type.
    #[diagnostic::on_unimplemented(
        message = "`{Self}::delete_by_id` runs no hooks, and this entity denies it (`#[hooked(bypass = \"deny\")]`)",
        label = "SeaORM's `DeleteOne` skips `ActiveModelBehavior`",
        note = "write `Entity::delete_many_hooked(Column::Id.eq(id), &db)`, or `model.delete_hooked(&db)` with the row",
        note = "to skip the hooks on purpose, name SeaORM's fn in full: `<Entity as EntityTrait>::delete_by_id(id)`"
    )]
    DeniedDeleteById;
}
