// A set's hooks take the row as `&M`: `self` would be the set.

use hooks_orm::prelude::*;

pub struct Audit;

#[hook_set]
impl Audit {
    #[after_save]
    fn log(&self) {}
}

fn main() {}
