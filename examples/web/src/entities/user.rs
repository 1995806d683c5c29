//! Users: a unique name and the bearer token they authenticate with.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked, Serialize)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub name: String,
    #[serde(skip)]
    #[sea_orm(unique)]
    pub token: String,
    pub is_admin: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_create]
    fn name_is_a_handle(user: &mut ActiveModel) -> HookResult {
        if let Set(name) = &user.name {
            let name = name.trim().to_lowercase();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(HookError::invalid(
                    "name",
                    "a name is letters, digits and `_`",
                ));
            }
            user.name = Set(name);
        }
        Ok(())
    }
}
