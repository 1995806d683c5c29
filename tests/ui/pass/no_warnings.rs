#![deny(warnings)]

// Generated code raises no warning the user cannot act on, under
// `#![deny(warnings)]`: a deprecated hook, `#[must_use]` hooks, hooks of a
// private module that nothing else calls, a raw identifier, hooks that say
// how to inline them.



mod entity {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {
        #[deprecated = "kept for the old importer"]
        #[before_create]
        fn old_normalizer(post: &mut ActiveModel) {
            let _ = post;
        }

        #[must_use]
        #[before_save]
        fn must_use_unit(post: &mut ActiveModel) {
            let _ = post;
        }

        #[must_use]
        #[after_save]
        fn must_use_result(&self) -> HookResult {
            Ok(())
        }

        #[must_use]
        #[after_create]
        async fn must_use_async(&self) -> HookResult {
            Ok(())
        }

        #[after_delete]
        fn r#type(&self) {}

        #[before_update]
        fn with_lifetimes<'a, 'b>(change: &'a mut ActiveModel, cx: &'a HookContext<'b>) {
            let _ = (change, cx);
        }

        // `#[hooks]` adds `#[inline]` to a hook that says nothing about
        // inlining, and no second one to these.
        #[inline(never)]
        #[before_delete]
        fn never_inlined(&self) {}

        #[cold]
        #[after_update]
        fn cold(&self) {}

        #[cfg_attr(all(), inline(always))]
        #[before_save]
        fn inlined_under_cfg_attr(change: &mut ActiveModel) {
            let _ = change;
        }
    }
}

fn main() {
    let _ = entity::Entity;
}
