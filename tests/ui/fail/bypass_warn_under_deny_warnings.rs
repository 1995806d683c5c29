#![deny(warnings)]

// `#[hooked(bypass = "warn")]`: a path call of SeaORM's fns that write
// without hooks is a deprecation warning, an error under `deny(warnings)`.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[hooked(bypass = "warn")]
#[sea_orm(table_name = "posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {}

async fn bypass(db: &DatabaseConnection, rows: Vec<ActiveModel>) -> Result<(), DbErr> {
    Entity::insert_many(rows).exec(db).await?;
    Entity::delete_many().filter(Column::Id.eq(1)).exec(db).await?;
    Ok(())
}

fn main() {
    let _ = bypass;
}
