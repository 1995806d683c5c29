// `hooks_orm::prelude::*` glob-imported beside `sea_orm::*`: no name clashes.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;
use sea_orm::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_save]
    fn set_title(post: &mut ActiveModel) {
        if let NotSet = post.title {
            post.title = Set(String::new());
        }
    }
    #[before_delete]
    async fn keep(&self, cx: &HookContext<'_>) -> HookResult<Deletion> {
        Entity::find().one(cx.db()).await?;
        Ok(Deletion::Keep)
    }
}

fn main() {}
