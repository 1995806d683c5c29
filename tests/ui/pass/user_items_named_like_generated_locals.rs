// User items named like the generated locals: the expansion neither breaks nor
// picks them up.

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

#[allow(non_camel_case_types, dead_code)]
struct __hooks_cx;
#[allow(non_camel_case_types, dead_code)]
struct __hooks_am;
#[allow(non_camel_case_types, dead_code)]
struct __hooks_model;
#[allow(non_camel_case_types, dead_code)]
struct __hooks_old;
#[allow(non_camel_case_types, dead_code)]
struct __hooks_out;
#[allow(non_upper_case_globals, dead_code)]
const __hooks_old_row: () = ();
#[allow(non_camel_case_types, dead_code)]
struct __hooks_db;
#[allow(non_camel_case_types, dead_code)]
struct __hooks_insert;
#[allow(non_camel_case_types, dead_code)]
struct __hooks_row;
#[allow(non_camel_case_types, dead_code)]
struct db;
#[allow(non_camel_case_types, dead_code)]
struct insert;
#[allow(non_camel_case_types, dead_code)]
struct model;

#[hooks]
impl Model {
    #[before_update]
    fn a(change: &mut ActiveModel, old: &Model, cx: &HookContext) -> HookResult {
        let _ = (change, old, cx);
        Ok(())
    }
    #[after_update]
    fn b(&self, old: &Model, cx: &HookContext) {
        let _ = (old, cx);
    }
    #[before_delete]
    fn c(&self) -> HookResult<Deletion> {
        Ok(Deletion::Proceed)
    }
}

fn main() {}
