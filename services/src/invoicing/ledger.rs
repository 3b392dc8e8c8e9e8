//! The ledger's entries, appended in the transaction that issues a document or records a
//! payment: the service computes the hash (`domain::invoicing::ledger`), the database accepts
//! only the next link of the chain and never lets an entry change (tenant migration 0011).

mod repo;

use chrono::NaiveDate;
use domain::invoicing::ledger::{self, Break, Entry, EntryKind};
use serde_json::Value;

use super::drafts::day;
use crate::{AppError, AppResult};

pub use repo::EntryRow;

/// What an entry records: its kind, the number (or id) it shows, the row it stands for, the
/// date it counts at, and its fields.
pub(super) struct Record<'a> {
    pub kind: EntryKind,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub date: NaiveDate,
    pub fields: Value,
}

/// Takes the head for the transaction; returns its seq and hash.
pub(super) async fn hold(conn: &mut sqlx::AnyConnection) -> AppResult<(i64, String)> {
    let head = repo::hold_head(conn).await?;
    Ok((head.seq, head.hash))
}

/// Appends `record` after the current head; refuses a date inside a closed period.
pub(super) async fn append(conn: &mut sqlx::AnyConnection, record: Record<'_>, now_ms: i64) -> AppResult<Entry> {
    let head = repo::hold_head(&mut *conn).await?;
    if let Some(closed) = &head.closed_through
        && record.kind != EntryKind::Closure
        && record.date.to_string().as_str() <= closed.as_str()
    {
        return Err(AppError::Conflict("period-closed"));
    }
    let previous = (head.seq > 0).then_some((head.seq, head.hash.as_str()));
    let entry = Entry::next(previous, record.kind, record.entity.to_owned(), record.date, record.fields);
    repo::insert(&mut *conn, &entry, record.entity_id, now_ms).await?;
    Ok(entry)
}

/// The entry as stored, read back into the domain's form.
pub fn entry(row: EntryRow) -> AppResult<Entry> {
    Ok(Entry {
        kind: EntryKind::parse(&row.kind).ok_or_else(|| AppError::corrupt("ledger_entries.kind", &row.kind))?,
        date: day("ledger_entries.entry_date", &row.entry_date)?,
        fields: serde_json::from_str(&row.fields)
            .map_err(|_| AppError::corrupt("ledger_entries.fields", &row.fields))?,
        seq: row.seq,
        entity: row.entity,
        previous: row.previous_hash,
        hash: row.hash,
    })
}

/// Up to `limit` entries after seq `after`, in order, as stored.
pub async fn page(db: &crate::db::Db, after: i64, limit: i64) -> AppResult<Vec<EntryRow>> {
    Ok(repo::page(db.pool(), after, limit).await?)
}

/// Follows the whole chain as stored, a page at a time: the head reached, or the first break.
pub async fn verify(db: &crate::db::Db) -> AppResult<Result<(i64, String), Break>> {
    let mut at = (0, ledger::GENESIS.to_owned());
    loop {
        let rows = page(db, at.0, 1000).await?;
        if rows.is_empty() {
            return Ok(Ok(at));
        }
        let entries = rows.into_iter().map(entry).collect::<AppResult<Vec<_>>>()?;
        match ledger::follow(at, &entries) {
            Ok(reached) => at = reached,
            Err(broken) => return Ok(Err(broken)),
        }
    }
}
