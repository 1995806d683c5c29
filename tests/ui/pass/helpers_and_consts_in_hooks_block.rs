// Non-hook fns, consts and attributes beside hooks in the block; hooks stay ordinary
// associated fns.

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

#[hooks]
impl Model {
    const MAX_TITLE: usize = 80;

    /// Hooks keep their doc comments and other attributes.
    #[before_save]
    #[allow(clippy::needless_return)]
    #[inline]
    fn clamp_title(post: &mut ActiveModel) {
        if let Set(title) = &post.title {
            post.title = Set(Self::clamp(title));
        }
    }

    fn clamp(title: &str) -> String {
        title.chars().take(Self::MAX_TITLE).collect()
    }

    pub fn is_long(&self) -> bool {
        self.title.len() > Self::MAX_TITLE
    }

    #[before_delete]
    pub fn never_long_ones(&self) -> HookResult<Deletion> {
        Ok(if self.is_long() {
            Deletion::Keep
        } else {
            Deletion::Proceed
        })
    }

    #[after_update]
    fn title_changed(&self, old: &Model) -> HookResult {
        if self.title == old.title {
            return Err(HookError::validation("title unchanged"));
        }
        Ok(())
    }
}

fn main_body() {
    let mut post = ActiveModel {
        title: Set("x".repeat(100)),
        ..Default::default()
    };
    Model::clamp_title(&mut post);
    let row = Model {
        id: 1,
        title: "a".into(),
    };
    let old = Model {
        id: 1,
        title: "b".into(),
    };
    assert!(!row.is_long());
    assert_eq!(row.never_long_ones().unwrap(), Deletion::Proceed);
    assert!(Model::title_changed(&row, &old).is_ok());
    assert!(row.title_changed(&row).is_err());
}

fn main() {
    main_body();
}
