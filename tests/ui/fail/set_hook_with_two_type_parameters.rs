// A set's hook has one type parameter, the model.

use hooks_orm::prelude::*;

pub struct Audit;

#[hook_set]
impl Audit {
    #[after_save]
    fn log<M, N>(row: &M) {
        let _ = row;
    }
}

fn main() {}
