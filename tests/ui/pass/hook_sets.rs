// Hook sets in every form: a local set whose hooks take each parameter of
// their event, sync and async, with bounds inline and in `where`, conditions
// (`when` by path and by closure, naming the hook's type parameter) and
// options; attached alone, beside a library's sets, and beside the
// entity's own hooks.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

pub struct Everything;

fn is_named<M: HasColumn<col!(name), Value = String>>(row: &M) -> bool {
    !col!(name).of(row).is_empty()
}

#[hooks_orm::hook_set]
impl Everything {
    #[before_save(priority = -1)]
    fn save<M: ModelTrait>(change: &mut ActiveModelOf<M>, cx: &HookContext<'_>) {
        let _ = (change, cx);
    }

    #[before_create(if_changed(name))]
    async fn create<M>(change: &mut ActiveModelOf<M>) -> HookResult
    where
        M: HasColumn<col!(name), Value = String>,
    {
        let _ = col!(name).change::<M>(change);
        Ok(())
    }

    #[after_create(when = |row: &M| col!(name).of(row).len() > 1)]
    fn created<M: SetModel + HasColumn<col!(name), Value = String>>(row: &M) {
        let _ = row;
    }

    #[before_update]
    fn update<M: ModelTrait>(change: &mut ActiveModelOf<M>, old: &M, cx: &HookContext<'_>) {
        let _ = (change, old, cx);
    }

    #[after_update(if_changed(name), when = is_named::<M>, on_error = "log")]
    async fn updated<M>(row: &M, old: &M) -> HookResult
    where
        M: HasColumn<col!(name), Value = String>,
    {
        let _ = (row, old);
        Ok(())
    }

    #[after_save(when = |row| is_named::<M>(row))]
    fn saved<M>(row: &M)
    where
        M: HasColumn<col!(name), Value = String>,
    {
        let _ = row;
    }

    #[before_delete]
    fn delete<M: ModelTrait>(row: &M) -> HookResult<Deletion> {
        let _ = row;
        Ok(Deletion::Proceed)
    }

    #[after_delete]
    fn deleted(cx: &HookContext<'_>) {
        let _ = cx;
    }

    #[after_commit]
    fn committed<M: ModelTrait>(row: &M, kind: WriteKind) {
        let _ = (row, kind);
    }

    #[after_rollback]
    fn rolled_back<M: ModelTrait>(row: &M, kind: WriteKind, cx: &HookContext<'_>) {
        let _ = (row, kind, cx);
    }

    /// Not a hook: a set's block holds helpers too.
    pub fn helper() {}
}

pub mod posts {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "posts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub deleted_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks(sets(super::Everything, hook_sets::Timestamps, hook_sets::SoftDelete))]
    impl Model {
        #[before_delete]
        fn own(&self) {}
    }
}

pub mod tags {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[sea_orm(table_name = "tags")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks(sets(super::Everything))]
    impl Model {}
}

fn main() {
    Everything::helper();
    assert_eq!(posts::Model::hook_chain().len(), 14);
    assert_eq!(tags::Model::hook_chain().len(), 10);
}
