//! SQL of closures: the entries a period holds, the last closure of a kind, the drafts still
//! dated in a period, and the head's closed-through date.

use sqlx::{AnyExecutor, FromRow};

use super::super::ledger::EntryRow;

const ENTRY: &str = "SELECT seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash FROM ledger_entries";

pub async fn entries_dated<'e>(db: impl AnyExecutor<'e>, start: &str, end: &str) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ENTRY} WHERE entry_date >= $1 AND entry_date <= $2 AND kind <> 'closure' ORDER BY seq"))
        .bind(start)
        .bind(end)
        .fetch_all(db)
        .await
}

/// The latest closure of `kind` (`day`, `month`, `year`).
pub async fn last_closure<'e>(db: impl AnyExecutor<'e>, kind: &str) -> Result<Option<EntryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ENTRY} WHERE kind = 'closure' AND entity LIKE $1 ORDER BY seq DESC LIMIT 1"))
        .bind(format!("{kind}:%"))
        .fetch_optional(db)
        .await
}

/// Whether the closure of `entity` (`month:2026-03`) is in the ledger.
pub async fn closed<'e>(db: impl AnyExecutor<'e>, entity: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT seq FROM ledger_entries WHERE kind = 'closure' AND entity_id = $1")
            .bind(entity)
            .fetch_optional(db)
            .await?;
    Ok(row.is_some())
}

/// The newest `limit` closures: of days (Some(true)), of months and years (Some(false)), or all.
pub async fn closures<'e>(
    db: impl AnyExecutor<'e>,
    daily: Option<bool>,
    limit: i64,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    let filter = match daily {
        Some(true) => " AND entity LIKE 'day:%'",
        Some(false) => " AND entity NOT LIKE 'day:%'",
        None => "",
    };
    sqlx::query_as(&format!("{ENTRY} WHERE kind = 'closure'{filter} ORDER BY seq DESC LIMIT $1"))
        .bind(limit)
        .fetch_all(db)
        .await
}

pub async fn daily_closures<'e>(db: impl AnyExecutor<'e>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'closure' AND entity LIKE 'day:%'")
            .fetch_one(db)
            .await?;
    Ok(n)
}

/// The head: seq, hash, closed-through day.
pub async fn head<'e>(db: impl AnyExecutor<'e>) -> Result<(i64, String, Option<String>), sqlx::Error> {
    sqlx::query_as("SELECT seq, hash, closed_through FROM ledger_head WHERE id = 1").fetch_one(db).await
}

/// The fiscal years of issued documents, newest first.
pub async fn years<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<i32>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT CAST(fiscal_year AS BIGINT) FROM invoices WHERE status = 'issued' ORDER BY 1 DESC",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().filter_map(|(y,)| i32::try_from(y).ok()).collect())
}

pub async fn first_entry_date<'e>(db: impl AnyExecutor<'e>) -> Result<Option<String>, sqlx::Error> {
    let row: (Option<String>,) =
        sqlx::query_as("SELECT MIN(entry_date) FROM ledger_entries WHERE kind <> 'closure'").fetch_one(db).await?;
    Ok(row.0)
}

#[derive(FromRow)]
pub struct DraftRow {
    pub id: String,
    pub issue_date: String,
    pub customer: String,
}

pub async fn drafts_dated<'e>(db: impl AnyExecutor<'e>, start: &str, end: &str) -> Result<Vec<DraftRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, i.issue_date, c.legal_name AS customer FROM invoices i JOIN customers c ON c.id = i.customer_id \
         WHERE i.status = 'draft' AND i.issue_date >= $1 AND i.issue_date <= $2 ORDER BY i.issue_date, i.id",
    )
    .bind(start)
    .bind(end)
    .fetch_all(db)
    .await
}

/// Moves the closed-through date forward (never back: a month closed after its last day's
/// closure leaves it where it is).
pub async fn close_through<'e>(db: impl AnyExecutor<'e>, end: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE ledger_head SET closed_through = $1 WHERE id = 1 AND (closed_through IS NULL OR closed_through < $1)",
    )
    .bind(end)
    .execute(db)
    .await?;
    Ok(())
}
