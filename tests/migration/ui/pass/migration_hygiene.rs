#![deny(warnings)]

// Generated code names nothing through the user's scope: shadowed `Result`,
// `Ok`, `Err`, `Option`, `Send` and `Future`, and user items named like the
// generated locals, leave it working, and it raises no warning under
// `#![deny(warnings)]`: `#[must_use]` and `#[deprecated]` hooks, hooks of a
// private module.

#[allow(dead_code, non_camel_case_types)]
mod user_items {
    pub struct __hooks_info;
    pub struct __hooks_cx;
}

mod migrator {
    #![allow(dead_code, non_camel_case_types, non_upper_case_globals)]

    #[allow(unused_imports)]
    use super::user_items::*;
    use hooks_orm::migration::prelude::*;
    use sea_orm_migration::prelude::*;

    type Result = ();
    struct Ok;
    struct Err;
    struct Option;
    trait Send {}
    trait Future {}

    pub struct Migrator;

    #[migration_hooks]
    impl MigratorTrait for Migrator {
        fn migrations() -> Vec<Box<dyn MigrationTrait>> {
            vec![]
        }

        #[before_run]
        #[must_use]
        fn must_use(_plan: &MigrationPlan) -> HookResult {
            HookResult::Ok(())
        }

        #[after_run]
        #[deprecated = "still runs"]
        async fn deprecated(_cx: &mut MigrationContext<'_>) {}
    }
}

fn main() {
    let _ = migrator::Migrator;
}
