//! SQL of archives: the stretch of the chain a period spans, and a document's PDF.

use sqlx::AnyExecutor;

/// The first and last seq of the entries dated in [start, end], if any.
pub async fn span<'e>(db: impl AnyExecutor<'e>, start: &str, end: &str) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let (first, last): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT MIN(seq), MAX(seq) FROM ledger_entries WHERE entry_date >= $1 AND entry_date <= $2")
            .bind(start)
            .bind(end)
            .fetch_one(db)
            .await?;
    Ok(first.zip(last))
}

pub async fn pdf<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT pdf FROM invoice_pdfs WHERE invoice_id = $1").bind(invoice).fetch_optional(db).await?;
    Ok(row.map(|(pdf,)| pdf))
}
