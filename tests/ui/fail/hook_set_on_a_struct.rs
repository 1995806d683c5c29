// `#[hook_set]` goes on the impl block, not the struct.

use hooks_orm::prelude::*;

#[hook_set]
pub struct Audit;

fn main() {}
