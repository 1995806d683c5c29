//! A secret that only its owner may write or delete: permission hooks that
//! need the caller's [`Actor`] (`cx.require`).

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use crate::Actor;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "secrets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub owner: String,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_save]
    fn owner_writes(secret: &mut ActiveModel, cx: &HookContext<'_>) -> HookResult {
        let actor = cx.require::<Actor>()?;
        match &secret.owner {
            Set(owner) | Unchanged(owner) if *owner == actor.0 => Ok(()),
            _ => Err(HookError::forbidden("only the owner writes a secret")),
        }
    }

    #[before_delete]
    fn owner_deletes(&self, cx: &HookContext<'_>) -> HookResult {
        if cx.require::<Actor>()?.0 != self.owner {
            return Err(HookError::forbidden("only the owner deletes a secret"));
        }
        Ok(())
    }
}
