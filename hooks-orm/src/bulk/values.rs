//! The rows of an update, keys and per-row values, as a table that the
//! `UPDATE` joins: one statement writes a value of its own to each row, in
//! time linear in the rows. (A `CASE WHEN key = .. THEN .. END` per column
//! does the same in quadratic time: each row's key is compared against every
//! branch before its own.)
//!
//! - PostgreSQL, SQLite 3.33+: `UPDATE t SET c = r.column2 FROM (VALUES ($1,
//!   $2), ..) AS r WHERE t.id = r.column1`. Both name the columns of a
//!   `VALUES` list `column1`, `column2`, ...
//! - MySQL/MariaDB: `UPDATE t JOIN (SELECT ? AS column1, ? AS column2 UNION
//!   ALL (SELECT ?, ?) ..) AS r ON t.id = r.column1 SET t.c = r.column2`.
//!   MariaDB names the columns of a `VALUES` list after its first row's
//!   values and MySQL spells its rows `ROW(..)`; a `UNION ALL` reads the same
//!   on both.
//!
//! `r` is `hooks_orm_rows` in the statements, and every column is qualified
//! by its table, so that no name of the entity's clashes with the joined
//! rows' (`RETURNING` included).

use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, IntoIden, Query, SelectStatement, TableRef, UnionType, ValueTuple,
};
use sea_orm::{ColumnTrait, Condition, DbBackend, Value};

/// The joined table's name, one that no entity's table is likely to have.
const TABLE: &str = "hooks_orm_rows";

/// The `n`th column (from 0) of the joined rows: `hooks_orm_rows.column1`, ...
pub(super) fn column(n: usize) -> Expr {
    Expr::col((Alias::new(TABLE), name(n)))
}

/// The join: each of the `keys` equals its joined column, the first ones.
pub(super) fn on<C: ColumnTrait>(keys: &[C]) -> Condition {
    keys.iter()
        .enumerate()
        .fold(Condition::all(), |all, (n, key)| {
            all.add(key.into_expr().eq(key.save_as(column(n))))
        })
}

fn name(n: usize) -> Alias {
    Alias::new(format!("column{}", n + 1))
}

/// `rows`, each of the same number of values, as a table to join, whose
/// columns [`column()`] names.
pub(super) fn table(backend: DbBackend, rows: Vec<Vec<Value>>) -> TableRef {
    let alias = Alias::new(TABLE).into_iden();
    if backend != DbBackend::MySql {
        return TableRef::ValuesList(rows.into_iter().map(ValueTuple::Many).collect(), alias);
    }
    let mut rows = rows.into_iter();
    let mut select = Query::select();
    for (n, value) in rows.next().unwrap_or_default().into_iter().enumerate() {
        select.expr_as(Expr::val(value), name(n));
    }
    select.unions(rows.map(|row| (UnionType::All, select_row(row))));
    TableRef::SubQuery(Box::new(select), alias)
}

fn select_row(row: Vec<Value>) -> SelectStatement {
    let mut select = Query::select();
    select.exprs(row.into_iter().map(Expr::val));
    select
}
