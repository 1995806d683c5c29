//! A revision of a [`doc`](super::doc), written by the doc's `after_save`
//! hook through the context: its `before_create` hook stamps the actor that
//! the nested write carries.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

use crate::Actor;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "doc_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub doc_id: i32,
    pub title: String,
    pub actor: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

#[hooks]
impl Model {
    #[before_create]
    fn stamp_actor(revision: &mut ActiveModel, cx: &HookContext<'_>) {
        let actor = cx.get::<Actor>().map_or("-", |actor| actor.0.as_str());
        revision.actor = Set(actor.to_owned());
    }
}
