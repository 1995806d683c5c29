// `after_commit` and `after_rollback` in every accepted form: the row, the
// write's kind (by value), the context, each optional, sync or async, under
// another name, returning nothing or `HookResult`, with priorities.

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

type Ctx<'a> = HookContext<'a>;
type Kind = WriteKind;

#[hooks]
impl Model {
    #[after_commit]
    fn nothing() {}
    #[after_commit]
    fn row(&self) {}
    #[after_commit]
    fn row_and_kind(&self, kind: WriteKind) {
        let _ = kind;
    }
    #[after_commit(priority = -1)]
    async fn all(&self, kind: WriteKind, cx: &HookContext<'_>) -> HookResult {
        let _ = (kind, cx.db());
        Ok(())
    }
    #[after_commit]
    fn kind_alone(kind: WriteKind) {
        let _ = kind;
    }
    #[after_commit]
    fn context_alone(cx: &HookContext) {
        let _ = cx.event();
    }
    #[after_rollback]
    fn model_kind_context(row: &Model, kind: Kind, cx: &Ctx) -> HookResult {
        let _ = (row.id, kind, cx.entity());
        Ok(())
    }
    #[after_rollback]
    async fn kind_and_context(kind: WriteKind, cx: &Ctx<'_>) {
        let _ = (kind, cx.event());
    }
    #[after_rollback]
    fn self_type(row: &Self) {
        let _ = row.id;
    }
}

fn main() {}
