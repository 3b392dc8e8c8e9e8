//! SQL of the ledger: the head, held for the transaction; entries appended and read in order.

use domain::invoicing::ledger::Entry;
use sqlx::{AnyExecutor, FromRow};

#[derive(FromRow)]
pub struct HeadRow {
    pub seq: i64,
    pub hash: String,
    pub closed_through: Option<String>,
}

/// Takes the head's row until the transaction ends (SQLite's write lock holds it already; on
/// PostgreSQL another writer of the ledger waits here), and reads it.
pub async fn hold_head(conn: &mut sqlx::AnyConnection) -> Result<HeadRow, sqlx::Error> {
    sqlx::query("UPDATE ledger_head SET seq = seq WHERE id = 1").execute(&mut *conn).await?;
    sqlx::query_as("SELECT seq, hash, closed_through FROM ledger_head WHERE id = 1").fetch_one(&mut *conn).await
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, e: &Entry, entity_id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ledger_entries (seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.seq)
    .bind(e.kind.as_str())
    .bind(&e.entity)
    .bind(entity_id)
    .bind(e.date.to_string())
    .bind(e.fields.to_string())
    .bind(&e.previous)
    .bind(&e.hash)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct EntryRow {
    pub seq: i64,
    pub kind: String,
    pub entity: String,
    pub entity_id: String,
    pub entry_date: String,
    pub fields: String,
    pub previous_hash: String,
    pub hash: String,
}

/// Up to `limit` entries after `after`, in order.
pub async fn page<'e>(db: impl AnyExecutor<'e>, after: i64, limit: i64) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT seq, kind, entity, entity_id, entry_date, fields, previous_hash, hash FROM ledger_entries \
         WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}
