// Every form of a condition: `if_changed` on each event that has a change or
// an old row, `when` with a fn of the module, an associated fn and a closure
// (of the change and of the row), and both together, with the other options.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub email: String,
    pub r#type: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

fn sets_email(change: &ActiveModel) -> bool {
    change.email.is_set()
}

impl Model {
    fn is_staff(&self) -> bool {
        self.r#type == "staff"
    }
}

#[hooks]
impl Model {
    #[before_save(if_changed(email))]
    fn a(change: &mut ActiveModel) {
        let _ = change;
    }

    #[before_create(if_changed(email, r#type), when = sets_email)]
    fn b(change: &mut ActiveModel, cx: &HookContext<'_>) {
        let _ = (change, cx);
    }

    #[before_update(if_changed(r#type), priority = -1)]
    fn c(change: &mut ActiveModel, old: &Model) -> HookResult {
        let _ = (change, old);
        Ok(())
    }

    #[after_update(if_changed(email), on_error = "log")]
    async fn d(&self, cx: &HookContext<'_>) -> HookResult {
        let _ = cx;
        Ok(())
    }

    #[after_create(when = Self::is_staff)]
    fn e(&self) {}

    #[before_delete(when = Model::is_staff)]
    fn f(&self) -> HookResult<Deletion> {
        Ok(Deletion::Keep)
    }

    #[after_commit(when = Self::is_staff)]
    fn g(&self, kind: WriteKind) {
        let _ = kind;
    }

    #[before_update(when = |change| change.email.is_set(), priority = 2)]
    fn h(change: &mut ActiveModel) {
        let _ = change;
    }

    #[after_update(if_changed(email), when = |user: &Model| !user.email.is_empty())]
    fn i(&self) {}
}

fn main() {
    assert_eq!(Model::hook_chain().len(), 9);
}
