//! `#[hooked(bypass = "deny")]` and `"warn"`: the entity is used as any other
//! (SeaORM's reads and hooked doors, the hooked operations), and SeaORM's
//! skipping fns, named in full, still write without hooks. That the skipping
//! path calls fail to compile, or warn, is pinned by the UI suite
//! (`ui/fail/bypass_*`); this file compiles under `-D warnings`, so neither
//! level warns where no skipping path is called by name.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Schema,
};

/// Rows whose hooks count what ran, in the row itself.
mod guarded {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[hooked(bypass = "deny")]
    #[sea_orm(table_name = "guarded_rows")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        pub saves: i32,
        pub pinned: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {
        #[before_save]
        fn count_save(row: &mut ActiveModel) {
            let saves = match &row.saves {
                Set(n) | Unchanged(n) => *n,
                NotSet => 0,
            };
            row.saves = Set(saves + 1);
        }

        #[before_delete]
        fn keep_pinned(&self) -> HookResult<Deletion> {
            Ok(if self.pinned {
                Deletion::Keep
            } else {
                Deletion::Proceed
            })
        }
    }
}

/// The same under `warn`.
mod warned {
    use hooks_orm::prelude::*;
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Hooked)]
    #[hooked(bypass = "warn")]
    #[sea_orm(table_name = "warned_rows")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub pinned: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    #[hooks]
    impl Model {
        #[before_delete]
        fn keep_pinned(&self) -> HookResult<Deletion> {
            Ok(if self.pinned {
                Deletion::Keep
            } else {
                Deletion::Proceed
            })
        }
    }
}

fn row(name: &str, pinned: bool) -> guarded::ActiveModel {
    guarded::ActiveModel {
        name: Set(name.to_owned()),
        pinned: Set(pinned),
        ..Default::default()
    }
}

async fn create(db: &DatabaseConnection) {
    let schema = Schema::new(db.get_database_backend());
    db.execute(&schema.create_table_from_entity(guarded::Entity))
        .await
        .unwrap();
    db.execute(&schema.create_table_from_entity(warned::Entity))
        .await
        .unwrap();
}

async fn a_denying_entity_works_through_every_hooked_door(db: DatabaseConnection) {
    create(&db).await;
    let db = HookDb::new(db);

    // SeaORM's door and the reads.
    let a = row("a", false).insert(&db).await.unwrap();
    assert_eq!(a.saves, 1);
    let found = guarded::Entity::find_by_id(a.id).one(&db).await.unwrap();
    assert_eq!(found.as_ref(), Some(&a));
    let mut change: guarded::ActiveModel = a.into();
    change.name = Set("a2".to_owned());
    let a = change.update(&db).await.unwrap();
    assert_eq!((a.name.as_str(), a.saves), ("a2", 2));

    // The hooked operations, single and bulk.
    let b = row("b", true).insert_hooked(&db).await.unwrap();
    let many = guarded::Entity::insert_many_hooked([row("c", false), row("d", true)], &db)
        .await
        .unwrap();
    assert!(many.iter().all(|m| m.saves == 1));
    let change = guarded::ActiveModel {
        name: Set("renamed".to_owned()),
        ..Default::default()
    };
    let updated = guarded::Entity::update_many_hooked(guarded::Column::Id.gt(0), change, &db)
        .await
        .unwrap();
    assert_eq!(updated.len(), 4);
    let outcome = guarded::Entity::delete_many_hooked(guarded::Column::Id.gt(0), &db)
        .await
        .unwrap();
    assert_eq!(
        (outcome.deleted_count(), outcome.kept_by("keep_pinned")),
        (2, 2)
    );
    assert!(
        b.delete_hooked(&db).await.unwrap().kept_by() == Some("keep_pinned"),
        "the hook keeps a pinned row"
    );
    assert_eq!(guarded::Entity::find().count(&db).await.unwrap(), 2);

    // On purpose: SeaORM's trait fn, named in full, writes without hooks.
    let deleted = <guarded::Entity as EntityTrait>::delete_many()
        .filter(guarded::Column::Pinned.eq(true))
        .exec(&db)
        .await
        .unwrap();
    assert_eq!(
        deleted.rows_affected, 2,
        "the pinned rows, which no hook kept"
    );
    assert_eq!(guarded::Entity::find().count(&db).await.unwrap(), 0);
}

async fn a_warning_entity_works_and_warns_only_where_called(db: DatabaseConnection) {
    create(&db).await;
    let db = HookDb::new(db);
    let rows = [true, false].map(|pinned| warned::ActiveModel {
        pinned: Set(pinned),
        ..Default::default()
    });
    warned::Entity::insert_many_hooked(rows.clone(), &db)
        .await
        .unwrap();
    let outcome = warned::Entity::delete_many_hooked(warned::Column::Id.gt(0), &db)
        .await
        .unwrap();
    assert_eq!((outcome.deleted_count(), outcome.kept_count()), (1, 1));

    // A deliberate raw write under `allow(deprecated)`: SeaORM's, no hooks.
    #[allow(deprecated)]
    let inserted = warned::Entity::insert_many(rows).exec(&db).await;
    inserted.unwrap();
    #[allow(deprecated)]
    let deleted = warned::Entity::delete_many().exec(&db).await.unwrap();
    assert_eq!(deleted.rows_affected, 3);
}

on_every_backend!(
    a_denying_entity_works_through_every_hooked_door,
    a_warning_entity_works_and_warns_only_where_called,
);
