//! SQL of imports: their history, and lots and movements written many rows to a statement.

use sqlx::{AnyExecutor, FromRow};

use super::{MovementRow, NewLot};

/// An import, for the history.
#[derive(Clone, Debug, FromRow)]
pub struct ImportRow {
    pub id: String,
    pub kind: String,
    pub file_name: Option<String>,
    pub row_count: i64,
    pub outcome: String,
    pub error_count: i64,
    pub user_id: String,
    pub started_at_ms: i64,
    pub finished_at_ms: i64,
}

pub async fn insert_import<'e>(db: impl AnyExecutor<'e>, i: &ImportRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO stock_imports (id, kind, file_name, row_count, outcome, error_count, user_id, started_at_ms, \
         finished_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&i.id)
    .bind(&i.kind)
    .bind(&i.file_name)
    .bind(i.row_count)
    .bind(&i.outcome)
    .bind(i.error_count)
    .bind(&i.user_id)
    .bind(i.started_at_ms)
    .bind(i.finished_at_ms)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn recent_imports<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<ImportRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, file_name, row_count, outcome, error_count, user_id, started_at_ms, finished_at_ms \
         FROM stock_imports ORDER BY started_at_ms DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Rows per multi-row INSERT (well under both backends' limits on bound values). The statements
/// are assembled here because sqlx's `QueryBuilder` writes `?` placeholders for the `Any` driver,
/// which PostgreSQL refuses.
pub const BATCH_ROWS: usize = 400;

/// Inserts lots in one statement (several at once for imports and the benchmark's volume).
pub async fn insert_lots<'e>(db: impl AnyExecutor<'e>, lots: &[NewLot<'_>]) -> Result<(), sqlx::Error> {
    let mut sql = String::from(
        "INSERT INTO lots (id, article_id, site_id, lot_number, expiry_date, received_at_ms, unit_cost_minor, \
         origin_lot_id, remaining_milli) VALUES ",
    );
    for i in 0..lots.len() {
        let p = i * 8;
        let sep = if i == 0 { "" } else { ", " };
        sql.push_str(&format!(
            "{sep}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, 0)",
            p + 1,
            p + 2,
            p + 3,
            p + 4,
            p + 5,
            p + 6,
            p + 7,
            p + 8
        ));
    }
    let mut query = sqlx::query(&sql);
    for lot in lots {
        query = query
            .bind(lot.id)
            .bind(lot.article)
            .bind(lot.site)
            .bind(lot.lot_number)
            .bind(lot.expiry)
            .bind(lot.at_ms)
            .bind(lot.unit_cost_minor)
            .bind(lot.origin);
    }
    query.execute(db).await?;
    Ok(())
}

/// Inserts movements in one statement (the trigger applies each, row by row).
pub async fn insert_movements<'e>(db: impl AnyExecutor<'e>, rows: &[MovementRow<'_>]) -> Result<(), sqlx::Error> {
    let mut sql = String::from(
        "INSERT INTO stock_movements (operation_id, kind, article_id, site_id, lot_id, qty_milli, value_minor, reason, \
         reference, reverses_seq, mission_id, user_id, at_ms) VALUES ",
    );
    for i in 0..rows.len() {
        let sep = if i == 0 { "" } else { ", " };
        let placeholders: Vec<String> = (1..=13).map(|c| format!("${}", i * 13 + c)).collect();
        sql.push_str(&format!("{sep}({})", placeholders.join(", ")));
    }
    let mut query = sqlx::query(&sql);
    for m in rows {
        query = query
            .bind(m.operation)
            .bind(m.kind.as_str())
            .bind(m.article)
            .bind(m.site)
            .bind(m.lot)
            .bind(m.qty_milli)
            .bind(m.value_minor)
            .bind(m.reason)
            .bind(m.reference)
            .bind(m.reverses)
            .bind(m.mission)
            .bind(m.user_id)
            .bind(m.at_ms);
    }
    query.execute(db).await?;
    Ok(())
}
