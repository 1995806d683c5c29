// Hooks under `#[cfg]` and `#[cfg_attr]` behave as plain Rust: a hook that is
// compiled out is neither called nor checked (its signature here is wrong, and
// it names a type that does not exist), two hooks of one name under opposite
// `cfg`s are one hook, and a parameter under `#[cfg]` is passed only where it
// exists.

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
    #[cfg(any())]
    #[before_create]
    fn compiled_out(row: &mut NoSuchType, extra: &mut i32, more: String) -> bool {
        true
    }

    #[cfg(all())]
    #[after_save]
    fn twin(&self) {}

    #[cfg(not(all()))]
    #[after_save]
    fn twin(&self, cx: &HookContext) {
        let _ = cx;
    }

    #[cfg_attr(all(), before_create(priority = 1))]
    fn switched_on(post: &mut ActiveModel) {
        let _ = post;
    }

    #[cfg_attr(any(), before_create)]
    fn switched_off(this: &str) -> bool {
        this.is_empty()
    }

    #[cfg_attr(all(), cfg_attr(all(), after_update), inline)]
    fn nested(&self) {}

    #[after_update]
    fn parameter_under_cfg(&self, #[cfg(any())] old: &Model, #[cfg(all())] cx: &HookContext) {
        let _ = cx;
    }

    #[before_update]
    #[cfg_attr(any(), cfg(any()))]
    fn cfg_through_cfg_attr(change: &mut ActiveModel) {
        let _ = change;
    }
}

fn main() {}
