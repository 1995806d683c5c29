// Hygiene, the serde way: the `#[hooks]` block sits in a crate with no implicit prelude and
// with `Result`, `Ok`, `Err`, `Option`, `Some`, `None`, `Box`, `Send`, `Sync`, `Sized`,
// `Future`, `Default` and `From` shadowed, so its generated code must name everything by
// absolute path. The entity itself needs the std prelude back: SeaORM's derives name
// `Option`, `Some`, `Ok`, `std::`, `sea_orm::` relative to the module, and the
// `#[async_trait]` impl that `#[derive(Hooked)]` emits names `Box` and `Box::pin`
// unqualified. `derive(Hooked)` is still checked against every shadowed name that SeaORM
// tolerates.

#![no_implicit_prelude]

extern crate core;
extern crate hooks_orm;
extern crate sea_orm;
extern crate std;

mod entity {
    use ::{sea_orm, std};
    use ::hooks_orm::prelude::*;
    use ::sea_orm::entity::prelude::*;
    use ::std::prelude::rust_2024::*;

    #[allow(dead_code)]
    struct Send;
    #[allow(dead_code)]
    struct Sync;
    #[allow(dead_code)]
    struct Sized;
    #[allow(dead_code)]
    struct Future;
    #[allow(dead_code)]
    struct Pin;
    #[allow(dead_code)]
    struct Unpin;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
}

use ::hooks_orm::prelude::*;
use entity::{ActiveModel, Model};

#[allow(dead_code)]
type Result = ();
#[allow(dead_code)]
type Option = ();
#[allow(dead_code)]
struct Ok;
#[allow(dead_code)]
struct Err;
#[allow(dead_code)]
struct Some;
#[allow(dead_code)]
struct None;
#[allow(dead_code)]
struct Box;
#[allow(dead_code)]
struct Send;
#[allow(dead_code)]
struct Sync;
#[allow(dead_code)]
struct Sized;
#[allow(dead_code)]
struct Future;
#[allow(dead_code)]
struct Default;
#[allow(dead_code)]
struct From;

#[hooks]
impl Model {
    #[before_save(priority = -1)]
    fn before_save(post: &mut ActiveModel, cx: &HookContext) {
        let _ = (post, cx);
    }
    #[before_create]
    async fn before_create(post: &mut ActiveModel) -> HookResult {
        let _ = post;
        ::core::result::Result::Ok(())
    }
    #[after_create]
    fn after_create(&self) {}
    #[before_update]
    async fn before_update(change: &mut ActiveModel, old: &Model, cx: &HookContext<'_>) {
        let _ = (change, old, cx);
    }
    #[after_update]
    fn after_update(&self, old: &Self) -> HookResult {
        let _ = old;
        ::core::result::Result::Ok(())
    }
    #[after_save]
    fn after_save(row: &Model) {
        let _ = row;
    }
    #[before_delete]
    async fn before_delete(&self, cx: &HookContext<'_>) -> HookResult<Deletion> {
        let _ = cx;
        ::core::result::Result::Ok(Deletion::Keep)
    }
    #[after_delete]
    fn after_delete(&self) -> HookResult {
        ::core::result::Result::Ok(())
    }
}

fn main() {}
