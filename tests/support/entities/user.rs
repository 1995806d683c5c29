//! The design's user: normalised email, permanent email, protected admins, soft delete.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub is_admin: bool,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_save]
    pub fn normalize_email(user: &mut ActiveModel) {
        if let Set(email) = &user.email {
            user.email = Set(email.trim().to_lowercase());
        }
    }

    #[before_create]
    fn email_has_at(user: &mut ActiveModel) -> HookResult {
        match &user.email {
            Set(email) if !email.contains('@') => {
                Err(HookError::invalid("email", "must contain `@`"))
            }
            _ => Ok(()),
        }
    }

    #[before_update]
    fn email_is_permanent(change: &mut ActiveModel, old: &Model) -> HookResult {
        match &change.email {
            Set(email) if *email != old.email => Err(HookError::validation("email cannot change")),
            _ => Ok(()),
        }
    }

    #[before_delete(priority = -10)]
    pub fn protect_admins(&self) -> HookResult {
        if self.is_admin {
            return Err(HookError::forbidden("cannot delete admin users"));
        }
        Ok(())
    }

    #[before_delete]
    async fn soft_delete(&self, cx: &HookContext<'_>) -> HookResult<Deletion> {
        let mut row: ActiveModel = self.clone().into();
        row.deleted_at = Set(Some(chrono::Utc::now()));
        row.update(cx.db()).await?;
        Ok(Deletion::Keep)
    }
}
