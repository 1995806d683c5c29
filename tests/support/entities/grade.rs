//! A grade, for the per-row values of a bulk update: a composite key
//! (`student`, `term`), and a nullable column and a nullable enum column
//! (a type of its own on PostgreSQL) that `before_update` sets from each old
//! row. So a hooked update writes a value per row into each, NULLs among
//! them, a row of nothing but NULLs first.

use hooks_orm::prelude::*;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
#[sea_orm(table_name = "grades")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub student: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub term: i32,
    pub score: i32,
    /// [`bonus_for`] the old score.
    pub bonus: Option<i32>,
    /// [`level_for`] the old score.
    pub level: Option<Level>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "Enum", enum_name = "grade_level")]
pub enum Level {
    #[sea_orm(string_value = "low")]
    Low,
    #[sea_orm(string_value = "mid")]
    Mid,
    #[sea_orm(string_value = "high")]
    High,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// No bonus for a multiple of 3, else ten times the score.
pub fn bonus_for(score: i32) -> Option<i32> {
    (score % 3 != 0).then_some(score * 10)
}

/// No level for a multiple of 4, else one of three.
pub fn level_for(score: i32) -> Option<Level> {
    match score % 4 {
        0 => None,
        1 => Some(Level::Low),
        2 => Some(Level::Mid),
        _ => Some(Level::High),
    }
}

#[hooks]
impl Model {
    #[before_update]
    fn regrade(grade: &mut ActiveModel, old: &Model) {
        grade.bonus = Set(bonus_for(old.score));
        grade.level = Set(level_for(old.score));
    }
}
