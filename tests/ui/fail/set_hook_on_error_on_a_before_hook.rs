// The rules of the options hold in a set as well.

use hooks_orm::prelude::*;

pub struct Checks;

#[hook_set]
impl Checks {
    #[before_save(on_error = "log")]
    fn check<M: sea_orm::ModelTrait>(change: &mut ActiveModelOf<M>) -> HookResult {
        let _ = change;
        Ok(())
    }
}

fn main() {}
