//! Conditions on hooks: `if_changed(..)` and `when = ..`, through SeaORM's
//! door, the hooked operations and the bulk ones.

use hooks_orm::prelude::*;
use hooks_tests::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
};

async fn saved(db: &DatabaseConnection, name: &str, vip: bool) -> contact::Model {
    let row = contact::ActiveModel {
        name: Set(name.to_owned()),
        email: Set(format!("{name}@example.com")),
        vip: Set(vip),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    clear_log(db).await;
    row
}

async fn if_changed_on_before_update_looks_at_the_change(db: DatabaseConnection) {
    let row = saved(&db, "ann", false).await;

    // A change without the email: the hook does not run.
    let mut change = row.clone().into_active_model();
    change.name = Set("anne".to_owned());
    let row = change.update(&db).await.unwrap();
    assert_eq!(log(&db).await, ["after_update:audit:anne:ann@example.com"]);
    clear_log(&db).await;

    // The email in the change: it runs (`Set`, even to the same value).
    let mut change = row.into_active_model();
    change.email = Set("ann@example.com".to_owned());
    change.update(&db).await.unwrap();
    assert_eq!(
        log(&db).await,
        ["before_update:email_in_change:Set(\"ann@example.com\")"]
    );
}

async fn if_changed_on_after_update_compares_the_old_and_new_rows(db: DatabaseConnection) {
    let row = saved(&db, "bob", false).await;

    // Set to the value it had: in the change, but the row did not change.
    let mut change = row.clone().into_active_model();
    change.name = Set("bob".to_owned());
    let row = change.update(&db).await.unwrap();
    assert_eq!(log(&db).await, Vec::<String>::new());

    let mut change = row.into_active_model();
    change.email = Set("robert@example.com".to_owned());
    change.update_hooked(&db).await.unwrap();
    assert_eq!(
        log(&db).await,
        [
            "before_update:email_in_change:Set(\"robert@example.com\")",
            "after_update:audit:bob:robert@example.com",
        ]
    );
}

async fn when_takes_the_change_or_the_row(db: DatabaseConnection) {
    // `when = makes_vip` on `before_save`: the change decides, on insert...
    contact::ActiveModel {
        name: Set("cy".to_owned()),
        email: Set("cy@example.com".to_owned()),
        vip: Set(true),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    assert_eq!(log(&db).await, ["before_save:welcome_vip"]);
    let cy = contact::Entity::find()
        .filter(contact::Column::Email.eq("cy@example.com"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cy.name, "cy (VIP)");

    // ... and on update, where `if_changed(vip)` and `when = Self::is_vip`
    // both hold for `promoted`; `welcome_vip` changed the name, so `audit`
    // runs too.
    let dee = saved(&db, "dee", false).await;
    let mut change = dee.into_active_model();
    change.vip = Set(true);
    let dee = change.update(&db).await.unwrap();
    assert_eq!(
        log(&db).await,
        [
            "before_save:welcome_vip",
            "after_update:audit:dee (VIP):dee@example.com",
            "after_update:promoted:was_vip=false",
        ]
    );

    // A closure, `when = |contact| ..` on `after_create`: the stored row
    // decides.
    clear_log(&db).await;
    contact::ActiveModel {
        name: Set("ida".to_owned()),
        email: Set("ida@vip.example".to_owned()),
        vip: Set(false),
        ..Default::default()
    }
    .insert_hooked(&db)
    .await
    .unwrap();
    assert_eq!(log(&db).await, ["after_create:greet_by_domain:ida"]);
    clear_log(&db).await;

    // `when = Self::is_vip` on `before_delete`: a VIP is kept, others go.
    let outcome = dee.clone().delete_hooked(&db).await.unwrap();
    assert!(
        matches!(
            outcome,
            DeleteOutcome::Kept {
                by: "vips_stay",
                ..
            }
        ),
        "{outcome:?}"
    );
    let eve = saved(&db, "eve", false).await;
    let outcome = eve.delete_hooked(&db).await.unwrap();
    assert!(matches!(outcome, DeleteOutcome::Deleted(_)), "{outcome:?}");
}

async fn conditions_hold_per_row_in_bulk_writes(db: DatabaseConnection) {
    saved(&db, "fay", false).await;
    saved(&db, "gus", true).await;

    // One change for both rows; `promoted` runs for the row that became a VIP
    // only (`gus` was one already: `vip` did not change).
    let change = contact::ActiveModel {
        vip: Set(true),
        ..Default::default()
    };
    contact::Entity::update_many_hooked(contact::Column::Id.is_not_null(), change, &db)
        .await
        .unwrap();
    let log = log(&db).await;
    assert_eq!(
        log.iter()
            .filter(|e| e.starts_with("after_update:promoted"))
            .count(),
        1,
        "{log:?}"
    );
    assert_eq!(
        log.iter()
            .filter(|e| *e == "before_save:welcome_vip")
            .count(),
        2,
        "{log:?}"
    );

    // Both are VIPs now: `vips_stay` keeps every row.
    let outcome = contact::Entity::delete_many_hooked(contact::Column::Id.is_not_null(), &db)
        .await
        .unwrap();
    assert_eq!(outcome.deleted.len(), 0);
    assert_eq!(outcome.kept.len(), 2);
}

on_every_backend!(
    if_changed_on_before_update_looks_at_the_change,
    if_changed_on_after_update_compares_the_old_and_new_rows,
    when_takes_the_change_or_the_row,
    conditions_hold_per_row_in_bulk_writes,
);

/// `hook_chain()` shows each hook's conditions.
#[test]
fn the_hook_chain_shows_the_conditions() {
    let chain = contact::Model::hook_chain();
    let conditions: Vec<(&str, &[&str], Option<&str>)> = chain
        .iter()
        .map(|hook| (hook.name, hook.if_changed, hook.when))
        .collect();
    assert_eq!(
        conditions,
        [
            ("welcome_vip", &[][..], Some("makes_vip")),
            (
                "greet_by_domain",
                &[][..],
                Some("|contact| contact.email.ends_with(\"@vip.example\")")
            ),
            ("email_in_change", &["email"][..], None),
            ("audit", &["email", "name"][..], None),
            ("promoted", &["vip"][..], Some("Self::is_vip")),
            ("vips_stay", &[][..], Some("Self::is_vip")),
        ]
    );
    let promoted = chain.iter().find(|hook| hook.name == "promoted").unwrap();
    assert!(
        promoted.to_string().starts_with(
            "after_update promoted (priority 1, async, if_changed(vip), when Self::is_vip) at "
        ),
        "{promoted}"
    );
}
