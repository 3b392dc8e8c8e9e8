//! SQL of issuing: the draft held, the series' counter stepped, the PDF and the issued
//! columns written. The triggers of migration 0009 refuse anything else on an issued invoice.

use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::numbering::Series;
use sqlx::AnyExecutor;

/// Takes the draft's row if it is still at `version` (its last change).
pub async fn hold_draft<'e>(db: impl AnyExecutor<'e>, id: &str, version: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE invoices SET updated_at = $3 WHERE id = $1 AND status = 'draft' AND updated_at = $2")
            .bind(id)
            .bind(version)
            .bind(now)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The date of the series' latest issued document, if any (`YYYY-MM-DD`).
pub async fn last_issue_date<'e>(db: impl AnyExecutor<'e>, series: Series) -> Result<Option<String>, sqlx::Error> {
    let (last,): (Option<String>,) =
        sqlx::query_as("SELECT MAX(issue_date) FROM invoices WHERE status <> 'draft' AND series = $1")
            .bind(series.as_str())
            .fetch_one(db)
            .await?;
    Ok(last)
}

/// Steps the series' counter for `year` and returns the new sequence (1 for a new year).
/// The upsert holds the counter's row until the transaction ends, so concurrent issues wait.
pub async fn next_sequence<'e>(db: impl AnyExecutor<'e>, series: Series, year: i32) -> Result<i64, sqlx::Error> {
    let (sequence,): (i64,) = sqlx::query_as(
        "INSERT INTO document_counters (series, fiscal_year, last_sequence) VALUES ($1, $2, 1) \
         ON CONFLICT (series, fiscal_year) DO UPDATE SET last_sequence = document_counters.last_sequence + 1 \
         RETURNING last_sequence",
    )
    .bind(series.as_str())
    .bind(year)
    .fetch_one(db)
    .await?;
    Ok(sequence)
}

pub async fn store_pdf<'e>(db: impl AnyExecutor<'e>, id: &str, pdf: &[u8]) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO invoice_pdfs (invoice_id, pdf) VALUES ($1, $2)").bind(id).bind(pdf).execute(db).await?;
    Ok(())
}

pub struct Issued<'a> {
    pub series: Series,
    pub invoice: &'a IssuedInvoice,
    pub document: &'a str,
    pub sha256: &'a str,
    pub at_ms: i64,
    pub by: &'a str,
}

pub async fn mark_issued<'e>(db: impl AnyExecutor<'e>, id: &str, i: &Issued<'_>) -> Result<(), sqlx::Error> {
    let totals = &i.invoice.totals;
    sqlx::query(
        "UPDATE invoices SET status = 'issued', series = $2, fiscal_year = $3, sequence = $4, number = $5, \
         net_minor = $6, vat_minor = $7, total_minor = $8, document = $9, pdf_sha256 = $10, verification_id = $11, \
         issued_at = $12, issued_by = $13 WHERE id = $1 AND status = 'draft'",
    )
    .bind(id)
    .bind(i.series.as_str())
    .bind(i.invoice.number.year)
    .bind(i.invoice.number.sequence)
    .bind(i.invoice.number.text())
    .bind(totals.net_minor)
    .bind(totals.vat_minor)
    .bind(totals.total_minor)
    .bind(i.document)
    .bind(i.sha256)
    .bind(i.invoice.verification_id.as_str())
    .bind(i.at_ms)
    .bind(i.by)
    .execute(db)
    .await?;
    Ok(())
}
