// `col!` spells names of up to 32 characters.

use hooks_orm::prelude::*;

fn f<M: HasColumn<col!(a_column_name_that_is_longer_than_thirty_two)>>() {}

fn main() {}
