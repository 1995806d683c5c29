//! The hooked bulk operations (`insert_many_hooked`, `update_many_hooked`,
//! `delete_many_hooked`): every row's hooks, with its stored row; per-row
//! changes applied; kept rows kept; all or nothing; a statement count that
//! does not grow with the rows beyond chunking; an audit chain that holds
//! under concurrent bulk updates.
//!
//! The `item` hooks record what they saw in the caller's `Seen`, so these
//! tests read what every row's hooks got without extra statements.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use hooks_orm::prelude::*;
use hooks_orm::{HookErrorKind, HookEvent, max_binds};
use hooks_tests::backend::unique_name;
use hooks_tests::capture::{capture, captured};
use hooks_tests::*;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    QueryOrder, TransactionTrait,
};
use tokio::sync::Barrier;

fn item(name: &str, qty: i32) -> item::ActiveModel {
    item::ActiveModel {
        name: Set(name.to_owned()),
        qty: Set(qty),
        version: Set(0),
        note: Set(String::new()),
        admin: Set(false),
        ..Default::default()
    }
}

async fn items(db: &impl ConnectionTrait) -> Vec<item::Model> {
    item::Entity::find()
        .order_by_asc(item::Column::Id)
        .all(db)
        .await
        .expect("read items")
}

/// Statements the backend needs for one bulk insert chunk: the `INSERT`,
/// and on MariaDB first a `SELECT VERSION()` per operation.
fn version_probe(db: &impl ConnectionTrait) -> usize {
    usize::from(db.get_database_backend() == DbBackend::MySql)
}

/// Statements after a bulk `UPDATE` to read the stored rows: none with
/// `RETURNING`, a `SELECT` per statement on MySQL/MariaDB.
fn reread(db: &impl ConnectionTrait) -> usize {
    usize::from(!db.support_returning())
}

async fn insert_many_runs_every_rows_hooks_with_ids_and_defaults(db: DatabaseConnection) {
    let seen = Seen::default();
    let hook_db = HookDb::new(db.clone()).with(seen.clone());
    let rows = [" a ", "b", "c ", "d"].map(|name| item(name, 1));
    let stored = item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();

    assert_eq!(
        stored,
        items(&db).await,
        "returned as stored, in input order"
    );
    let names: Vec<_> = stored.iter().map(|row| row.name.as_str()).collect();
    assert_eq!(
        names,
        ["a", "b", "c", "d"],
        "before_create trimmed each row"
    );
    assert!(
        stored
            .iter()
            .all(|row| row.status == "fresh" && row.note == "saved")
    );
    let mut expected = Vec::new();
    for row in &stored {
        expected.push(format!("after_create:{}:{}:fresh", row.id, row.name));
        // `after_save` reads what `before_save` left in the row's shared state.
        expected.push(format!("after_save:{}:{}", row.id, row.name));
    }
    // before_save saw the untrimmed name: " a " is the state of row 0.
    expected[1] = format!("after_save:{}: a ", stored[0].id);
    expected[5] = format!("after_save:{}:c ", stored[2].id);
    assert_eq!(seen.take(), expected);
}

async fn update_many_applies_the_change_and_each_rows_own(db: DatabaseConnection) {
    let seen = Seen::default();
    let hook_db = HookDb::new(db.clone()).with(seen.clone());
    let mut rows = Vec::new();
    for (n, name) in ["a", "loud-b", "c", "loud-d", "other"].iter().enumerate() {
        let mut row = item(name, if *name == "other" { 100 } else { 1 });
        row.version = Set(n as i32 * 10);
        rows.push(row);
    }
    let before = item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();
    seen.take();

    let change = item::ActiveModel {
        qty: Set(7),
        ..Default::default()
    };
    let updated = item::Entity::update_many_hooked(item::Column::Qty.lt(10), change, &hook_db)
        .await
        .unwrap();

    let after = items(&db).await;
    assert_eq!(updated, after[..4], "the stored rows, in key order");
    for (old, new) in before[..4].iter().zip(&after) {
        assert_eq!(new.qty, 7, "the change");
        assert_eq!(new.version, old.version + 1, "before_update's own value");
        let name = if old.name.starts_with("loud") {
            old.name.to_uppercase()
        } else {
            old.name.clone()
        };
        assert_eq!(new.name, name, "a hook's change of its own row");
    }
    assert_eq!(after[4], before[4], "a row outside the filter");
    let audit: Vec<_> = seen
        .take()
        .into_iter()
        .filter(|entry| entry.starts_with("after_update"))
        .collect();
    let expected: Vec<_> = before[..4]
        .iter()
        .map(|old| {
            format!(
                "after_update:{}:{}->{}:7",
                old.id,
                old.version,
                old.version + 1
            )
        })
        .collect();
    assert_eq!(audit, expected, "after_update gets the old and the new row");
}

async fn delete_many_keeps_what_hooks_keep(db: DatabaseConnection) {
    let seen = Seen::default();
    let hook_db = HookDb::new(db.clone()).with(seen.clone());
    let mut rows: Vec<_> = (0..6).map(|n| item(&format!("i{n}"), n)).collect();
    rows[1].admin = Set(true);
    rows[4].admin = Set(true);
    let stored = item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();
    seen.take();

    let outcome = item::Entity::delete_many_hooked(item::Column::Qty.lt(5), &hook_db)
        .await
        .unwrap();

    assert_eq!(outcome.deleted_count(), 3);
    assert_eq!(outcome.kept_count(), 2);
    assert_eq!(outcome.kept_by("protect_admins"), 2);
    let kept: Vec<_> = outcome.kept.iter().map(|(row, _)| row.clone()).collect();
    assert_eq!(kept, [stored[1].clone(), stored[4].clone()]);
    assert_eq!(
        outcome.deleted,
        [stored[0].clone(), stored[2].clone(), stored[3].clone()]
    );
    assert_eq!(
        items(&db).await,
        [stored[1].clone(), stored[4].clone(), stored[5].clone()],
        "kept rows and rows outside the filter stay"
    );
    let expected: Vec<_> = outcome
        .deleted
        .iter()
        .map(|row| format!("after_delete:{}", row.id))
        .collect();
    assert_eq!(seen.take(), expected);
}

/// A hook that fails at row k of n: nothing is written, and the error names
/// the hook and the row.
async fn a_failing_row_leaves_nothing(db: DatabaseConnection) {
    let hook_db = HookDb::new(db.clone());
    let stored = item::Entity::insert_many_hooked(
        ["a", "fail-update", "fail-delete", "d"].map(|name| item(name, 1)),
        &hook_db,
    )
    .await
    .unwrap();
    let before = items(&db).await;

    // Insert: a `before_*` hook at row 2 of 4; the row has no key yet.
    let rows = ["x", "y", "fail-before", "z"].map(|name| item(name, 1));
    let err = item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap_err();
    assert_eq!(err.hook(), Some("stamp"), "{err}");
    assert_eq!(err.row_key(), Some("#2"), "{err}");
    assert!(err.to_string().contains("row #2"), "{err}");
    assert_eq!(items(&db).await, before);

    // Insert: an `after_save` hook, once the rows are written.
    let rows = ["x", "fail-after", "z"].map(|name| item(name, 1));
    let err = item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap_err();
    assert_eq!(err.hook(), Some("saved"), "{err}");
    assert!(
        err.row_key().is_some_and(|key| key.starts_with("id=")),
        "{err}"
    );
    assert_eq!(items(&db).await, before);

    // Update: row 1 of 4 fails; no row changes.
    let change = item::ActiveModel {
        qty: Set(9),
        ..Default::default()
    };
    let err = item::Entity::update_many_hooked(item::Column::Qty.eq(1), change, &hook_db)
        .await
        .unwrap_err();
    assert_eq!(err.hook(), Some("bump"));
    assert_eq!(err.event(), Some(HookEvent::BeforeUpdate));
    assert_eq!(err.row_key(), Some(format!("id={}", stored[1].id).as_str()));
    assert_eq!(items(&db).await, before);

    // Delete: row 2 of 4 fails; no row goes.
    let err = item::Entity::delete_many_hooked(item::Column::Qty.eq(1), &hook_db)
        .await
        .unwrap_err();
    assert!(err.is_forbidden());
    assert_eq!(err.hook(), Some("refuse"));
    assert_eq!(err.row_key(), Some(format!("id={}", stored[2].id).as_str()));
    assert_eq!(items(&db).await, before);

    // Inside a caller's transaction only the savepoint rolls back: the
    // caller catches the error and goes on.
    let txn = hook_db.begin().await.unwrap();
    item::Entity::insert_many_hooked([item("kept", 2)], &txn)
        .await
        .unwrap();
    let failed = item::Entity::insert_many_hooked([item("fail-before", 2)], &txn).await;
    assert!(failed.is_err());
    item::Entity::insert_many_hooked([item("after", 2)], &txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    let names: Vec<_> = items(&db).await.into_iter().map(|row| row.name).collect();
    assert_eq!(names[4..], ["kept", "after"]);
}

async fn empty_input_writes_nothing_and_runs_no_hook(mut db: DatabaseConnection) {
    let statements = count_statements(&mut db);
    let seen = Seen::default();
    let hook_db = HookDb::new(db.clone()).with(seen.clone());

    let stored = item::Entity::insert_many_hooked(Vec::new(), &hook_db)
        .await
        .unwrap();
    assert!(stored.is_empty());
    assert_eq!(
        statements.swap(0, Ordering::SeqCst),
        0,
        "no statement at all"
    );

    let change = item::ActiveModel {
        qty: Set(1),
        ..Default::default()
    };
    let updated = item::Entity::update_many_hooked(item::Column::Id.eq(-1), change, &hook_db)
        .await
        .unwrap();
    assert!(updated.is_empty());
    let outcome = item::Entity::delete_many_hooked(item::Column::Id.eq(-1), &hook_db)
        .await
        .unwrap();
    assert_eq!((outcome.deleted_count(), outcome.kept_count()), (0, 0));
    assert_eq!(
        statements.swap(0, Ordering::SeqCst),
        2,
        "one SELECT each, nothing written"
    );
    assert!(seen.take().is_empty(), "no hook ran");
}

/// Statements of one insert, update and delete of `n` rows.
async fn statements_for(
    db: &HookDb,
    statements: &AtomicUsize,
    n: i32,
    tag: &str,
) -> (usize, usize, usize) {
    let rows: Vec<_> = (0..n)
        .map(|k| {
            let mut row = item(&format!("{tag}{k}"), n);
            // Different versions: before_update sets a value per row (the
            // joined rows' values).
            row.version = Set(k);
            row
        })
        .collect();
    statements.store(0, Ordering::SeqCst);
    item::Entity::insert_many_hooked(rows, db).await.unwrap();
    let insert = statements.swap(0, Ordering::SeqCst);
    let change = item::ActiveModel {
        qty: Set(-n),
        ..Default::default()
    };
    let updated = item::Entity::update_many_hooked(item::Column::Qty.eq(n), change, db)
        .await
        .unwrap();
    assert_eq!(updated.len(), n as usize);
    let update = statements.swap(0, Ordering::SeqCst);
    let outcome = item::Entity::delete_many_hooked(item::Column::Qty.eq(-n), db)
        .await
        .unwrap();
    assert_eq!(outcome.deleted_count(), n as usize);
    let delete = statements.swap(0, Ordering::SeqCst);
    (insert, update, delete)
}

/// SeaORM's metric callback reports statements, not the `BEGIN`/`COMMIT`
/// (`SAVEPOINT`/`RELEASE`) around each operation.
async fn statement_counts_do_not_grow_with_the_rows(mut db: DatabaseConnection) {
    let statements = count_statements(&mut db);
    let hook_db = HookDb::new(db.clone());
    let few = statements_for(&hook_db, &statements, 3, "few").await;
    let many = statements_for(&hook_db, &statements, 500, "many").await;
    assert_eq!(few, many);
    let expected = (
        version_probe(&db) + 1,
        // The SELECT ... FOR UPDATE, one UPDATE (qty uniform, version per row,
        // joined).
        1 + 1 + reread(&db),
        // The SELECT ... FOR UPDATE, one DELETE.
        2,
    );
    assert_eq!(many, expected);

    // Rows whose hooks change different columns: one UPDATE per set of columns.
    let rows = ["a", "loud-b", "c", "loud-d"].map(|name| item(name, 77));
    item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();
    statements.store(0, Ordering::SeqCst);
    let change = item::ActiveModel {
        qty: Set(78),
        ..Default::default()
    };
    item::Entity::update_many_hooked(item::Column::Qty.eq(77), change, &hook_db)
        .await
        .unwrap();
    assert_eq!(
        statements.swap(0, Ordering::SeqCst),
        1 + 2 * (1 + reread(&db))
    );
}

/// 70,000 rows: more bound values than any backend takes in one statement
/// (7 columns: 490,000), so each operation is several chunks, each under
/// the limit, and every row arrives, with its own values.
async fn chunking_holds_past_the_bind_parameter_limit(mut db: DatabaseConnection) {
    const ROWS: usize = 70_000;
    let statements = count_statements(&mut db);
    let hook_db = HookDb::new(db.clone());
    let limit = max_binds(db.get_database_backend());
    let columns = 7;
    let chunks = |per_row: usize, fixed: usize| ROWS.div_ceil((limit - fixed) / per_row);

    let rows: Vec<_> = (0..ROWS)
        .map(|k| {
            let mut row = item(&format!("r{k}"), 1);
            row.version = Set(k as i32);
            row
        })
        .collect();
    let stored = item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();
    assert_eq!(
        statements.swap(0, Ordering::SeqCst),
        version_probe(&db) + chunks(columns, 0)
    );
    assert_eq!(stored.len(), ROWS);
    assert_eq!(item::Entity::find().count(&db).await.unwrap(), ROWS as u64);
    assert!(
        stored.windows(2).all(|pair| pair[0].id < pair[1].id),
        "every row its own id, in input order"
    );
    assert!(
        stored
            .iter()
            .enumerate()
            .all(|(k, row)| row.name == format!("r{k}")),
        "RETURNING in VALUES order: each row's hooks get its own stored row"
    );
    statements.store(0, Ordering::SeqCst);

    // qty, version and note change; version differs per row: per row its
    // key and its version in the joined rows, per statement one qty and note.
    let change = item::ActiveModel {
        qty: Set(2),
        ..Default::default()
    };
    let updated = item::Entity::update_many_hooked(item::Column::Qty.eq(1), change, &hook_db)
        .await
        .unwrap();
    assert_eq!(updated.len(), ROWS);
    assert!(
        updated
            .iter()
            .enumerate()
            .all(|(k, row)| row.qty == 2 && row.version == k as i32 + 1 && row.note == "saved"),
        "each row its own version"
    );
    assert_eq!(
        statements.swap(0, Ordering::SeqCst),
        1 + chunks(1 + 1, 2) * (1 + reread(&db))
    );
    assert_eq!(updated, items(&db).await, "returned as stored");
    statements.store(0, Ordering::SeqCst);

    let outcome = item::Entity::delete_many_hooked(item::Column::Qty.eq(2), &hook_db)
        .await
        .unwrap();
    assert_eq!(outcome.deleted_count(), ROWS);
    assert_eq!(statements.swap(0, Ordering::SeqCst), 1 + chunks(1, 0));
    assert_eq!(item::Entity::find().count(&db).await.unwrap(), 0);
}

/// The SQL of the statements run on `db` from now on.
fn record_statements(db: &mut DatabaseConnection) -> Arc<Mutex<Vec<String>>> {
    let sql = Arc::new(Mutex::new(Vec::new()));
    let seen = sql.clone();
    db.set_metric_callback(move |info| seen.lock().unwrap().push(info.statement.sql.clone()));
    sql
}

/// A value of its own per row in every changed column, past where the
/// `CASE` it replaced was cut (1,000 rows): a composite key, NULLs among the
/// values (the first row all NULLs), an enum (a type of its own on
/// PostgreSQL), and a column every row sets alike. One `UPDATE` for all,
/// which joins the rows' keys and values.
async fn update_many_writes_each_rows_own_values(mut db: DatabaseConnection) {
    const ROWS: i32 = 2_500;
    let statements = record_statements(&mut db);
    let hook_db = HookDb::new(db.clone());
    let rows = (0..ROWS).map(|k| grade::ActiveModel {
        student: Set(k / 2),
        term: Set(k % 2),
        score: Set(k),
        bonus: Set(None),
        level: Set(Some(grade::Level::High)),
    });
    let before = grade::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();
    statements.lock().unwrap().clear();

    let change = grade::ActiveModel {
        score: Set(-1),
        ..Default::default()
    };
    let updated = grade::Entity::update_many_hooked(grade::Column::Score.gte(0), change, &hook_db)
        .await
        .unwrap();

    let sql = std::mem::take(&mut *statements.lock().unwrap());
    assert_eq!(
        sql.len(),
        1 + 1 + reread(&db),
        "the SELECT ... FOR UPDATE, one UPDATE"
    );
    let (update, joined) = match db.get_database_backend() {
        DbBackend::MySql => (
            "UPDATE `grades` JOIN (SELECT ? AS `column1`, ? AS `column2`, ? AS `column3`, ? AS `column4` UNION ALL (SELECT ?, ?, ?, ?)",
            "AS `hooks_orm_rows` ON `grades`.`student` = `hooks_orm_rows`.`column1` AND `grades`.`term` = `hooks_orm_rows`.`column2` SET `grades`.`score` = ?, `grades`.`bonus` = `hooks_orm_rows`.`column3`, `grades`.`level` = `hooks_orm_rows`.`column4`",
        ),
        DbBackend::Postgres => (
            r#"UPDATE "grades" SET "score" = $1, "bonus" = "hooks_orm_rows"."column3", "level" = CAST("hooks_orm_rows"."column4" AS "grade_level") FROM (VALUES ($2, $3, $4, $5), ($6, $7, $8, $9)"#,
            r#"AS "hooks_orm_rows" WHERE "grades"."student" = "hooks_orm_rows"."column1" AND "grades"."term" = "hooks_orm_rows"."column2" RETURNING"#,
        ),
        _ => (
            r#"UPDATE "grades" SET "score" = ?, "bonus" = "hooks_orm_rows"."column3", "level" = "hooks_orm_rows"."column4" FROM (VALUES (?, ?, ?, ?), (?, ?, ?, ?)"#,
            r#"AS "hooks_orm_rows" WHERE "grades"."student" = "hooks_orm_rows"."column1" AND "grades"."term" = "hooks_orm_rows"."column2" RETURNING"#,
        ),
    };
    assert!(sql[1].starts_with(update), "{}", &sql[1][..400]);
    assert!(sql[1].contains(joined), "{}", &sql[1][sql[1].len() - 800..]);
    let stored = grade::Entity::find()
        .order_by_asc(grade::Column::Student)
        .order_by_asc(grade::Column::Term)
        .all(&db)
        .await
        .unwrap();
    assert_eq!(updated, stored, "returned as stored, in key order");
    let expected: Vec<_> = before
        .iter()
        .map(|old| grade::Model {
            score: -1,
            bonus: grade::bonus_for(old.score),
            level: grade::level_for(old.score),
            ..old.clone()
        })
        .collect();
    assert_eq!(stored, expected);
    assert_eq!((stored[0].bonus, stored[0].level), (None, None));
    assert!(
        stored
            .iter()
            .any(|row| row.bonus.is_some() && row.level.is_none())
    );
    assert!(
        stored
            .iter()
            .any(|row| row.bonus.is_none() && row.level.is_some())
    );
}

/// Writers update overlapping ranges of items at once; `after_update`
/// audits each row's (old, new) version. The rows are read under row locks,
/// in key order, so every audit of an item forms one chain 0 → 1 → 2 ...
async fn concurrent_bulk_updates_keep_the_audit_chain(db: DatabaseConnection) {
    const WRITERS: i32 = 8;
    const ITEMS: i32 = 12;
    let hook_db = HookDb::new(db.clone()).with(Audit);
    let rows: Vec<_> = (0..ITEMS).map(|k| item(&format!("c{k}"), k)).collect();
    item::Entity::insert_many_hooked(rows, &hook_db)
        .await
        .unwrap();
    clear_log(&db).await;

    let start = Arc::new(Barrier::new(WRITERS as usize));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (db, start) = (hook_db.clone(), start.clone());
            tokio::spawn(async move {
                start.wait().await;
                let change = item::ActiveModel {
                    admin: Set(w % 2 == 0),
                    ..Default::default()
                };
                // Ranges of 6 qty values starting at w: each overlaps the next five.
                let range = item::Column::Qty.between(w % 6, w % 6 + 5);
                item::Entity::update_many_hooked(range, change, &db)
                    .await
                    .map(|rows| rows.len())
            })
        })
        .collect();
    let mut written = 0;
    for writer in writers {
        written += writer.await.unwrap().unwrap();
    }

    let audit = log(&db).await;
    assert_eq!(audit.len(), written, "one audit entry per row written");
    for row in items(&db).await {
        let prefix = format!("audit:{}:", row.id);
        let chain: Vec<_> = audit
            .iter()
            .filter_map(|entry| entry.strip_prefix(&prefix))
            .collect();
        let expected: Vec<_> = (0..row.version)
            .map(|v| format!("{v}->{}", v + 1))
            .collect();
        assert_eq!(chain, expected, "item {}", row.id);
    }
}

/// Caller data reaches every row's hooks; a skipping handle runs none and
/// leaves its trace; `after_commit` runs per row once the commit is done,
/// `after_rollback` per row when it rolls back.
async fn caller_data_skipping_and_commit_hooks_as_for_single_writes(db: DatabaseConnection) {
    capture();
    let seen = Seen::default();
    let hook_db = HookDb::new(db.clone()).with(seen.clone());
    let reason = format!("bulk backfill {}", unique_name());
    let skipping = hook_db.skip_hooks(reason.clone());
    let stored = item::Entity::insert_many_hooked([item("s1", 1), item("s2", 1)], &skipping)
        .await
        .unwrap();
    assert!(seen.take().is_empty(), "no hook ran");
    assert!(stored.iter().all(|row| row.note.is_empty()));
    let skips: Vec<_> = captured()
        .into_iter()
        .filter(|event| event.fields.get("reason") == Some(&reason))
        .map(|event| {
            assert_eq!(event.target, "hooks_orm::skip");
            (
                event.fields["entity"].clone(),
                event.fields["operation"].clone(),
            )
        })
        .collect();
    assert_eq!(
        skips,
        [("items".to_owned(), "insert_many".to_owned())],
        "one trace for the whole operation"
    );

    let hook_db = HookDb::new(db.clone()).with(Actor::new("ada"));
    let tickets = ["a", "b"].map(|name| ticket::ActiveModel {
        name: Set(name.to_owned()),
        ..Default::default()
    });
    ticket::Entity::insert_many_hooked(tickets, &hook_db)
        .await
        .unwrap();
    let commits: Vec<_> = log(&db)
        .await
        .into_iter()
        .filter(|entry| entry.starts_with("after_commit:tickets"))
        .collect();
    assert_eq!(
        commits,
        [
            "after_commit:tickets:a:create:ada",
            "after_commit:tickets:b:create:ada"
        ]
    );
    clear_log(&db).await;

    let txn = hook_db.begin().await.unwrap();
    ticket::Entity::update_many_hooked(
        ticket::Column::Name.is_in(["a", "b"]),
        ticket::ActiveModel {
            name: Set("renamed".to_owned()),
            ..Default::default()
        },
        &txn,
    )
    .await
    .unwrap();
    txn.rollback().await.unwrap();
    let rollbacks: Vec<_> = log(&db)
        .await
        .into_iter()
        .filter(|entry| entry.starts_with("after_"))
        .collect();
    assert_eq!(
        rollbacks,
        [
            "after_rollback:tickets:renamed:update",
            "after_rollback:tickets:renamed:update"
        ]
    );
}

/// A row that something beneath the statement skips (a trigger that ignores
/// the update) is not reported written: the update fails with SeaORM's
/// `RecordNotUpdated` and writes nothing. MySQL/MariaDB triggers cannot skip
/// a row silently (`SIGNAL` fails the statement), so there the update of
/// every row goes through.
async fn an_update_a_trigger_skips_is_an_error(db: DatabaseConnection) {
    let skip = match db.get_database_backend() {
        DbBackend::Sqlite => vec![
            "CREATE TRIGGER skip_frozen BEFORE UPDATE ON items WHEN OLD.name = 'frozen' \
             BEGIN SELECT RAISE(IGNORE); END",
        ],
        DbBackend::Postgres => vec![
            "CREATE FUNCTION skip_frozen() RETURNS trigger AS $$ BEGIN \
             IF OLD.name = 'frozen' THEN RETURN NULL; END IF; RETURN NEW; END $$ \
             LANGUAGE plpgsql",
            "CREATE TRIGGER skip_frozen BEFORE UPDATE ON items FOR EACH ROW \
             EXECUTE FUNCTION skip_frozen()",
        ],
        _ => Vec::new(),
    };
    for statement in &skip {
        db.execute_unprepared(statement).await.unwrap();
    }
    let hook_db = HookDb::new(db.clone());
    item::Entity::insert_many_hooked(["a", "frozen", "c"].map(|name| item(name, 1)), &hook_db)
        .await
        .unwrap();
    let before = items(&db).await;
    let change = item::ActiveModel {
        qty: Set(5),
        ..Default::default()
    };
    let updated = item::Entity::update_many_hooked(item::Column::Qty.eq(1), change, &hook_db).await;
    if skip.is_empty() {
        assert_eq!(updated.unwrap().len(), 3);
        return;
    }
    let err = updated.unwrap_err();
    assert!(
        matches!(
            err.kind(),
            HookErrorKind::Db(sea_orm::DbErr::RecordNotUpdated)
        ),
        "{err}"
    );
    assert_eq!(items(&db).await, before);
}

on_every_backend!(
    insert_many_runs_every_rows_hooks_with_ids_and_defaults,
    update_many_applies_the_change_and_each_rows_own,
    delete_many_keeps_what_hooks_keep,
    a_failing_row_leaves_nothing,
    empty_input_writes_nothing_and_runs_no_hook,
    statement_counts_do_not_grow_with_the_rows,
    chunking_holds_past_the_bind_parameter_limit,
    update_many_writes_each_rows_own_values,
    concurrent_bulk_updates_keep_the_audit_chain,
    caller_data_skipping_and_commit_hooks_as_for_single_writes,
    an_update_a_trigger_skips_is_an_error,
);
