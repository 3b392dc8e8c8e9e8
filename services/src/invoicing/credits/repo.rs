//! SQL of credit notes: the note's row (born a draft, sealed in the same transaction), its
//! lines copied from the invoice's at the quantity taken, and what was credited so far.

use domain::invoicing::draft::views::DraftLineView;
use sqlx::{AnyExecutor, FromRow};

pub struct NewNote<'a> {
    pub id: &'a str,
    /// The invoice it credits.
    pub credits: &'a str,
    /// Issue and due date (`YYYY-MM-DD`): nothing is to be paid on a credit note.
    pub day: String,
    pub category: &'a str,
    pub exemption: Option<&'a str>,
}

pub async fn insert_note<'e>(
    db: impl AnyExecutor<'e>,
    n: &NewNote<'_>,
    user: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invoices (id, status, customer_id, issue_date, due_date, category, payment_method, exemption, \
         created_at, updated_at, created_by, credited_invoice_id) \
         SELECT $1, 'draft', customer_id, $3, $3, $4, NULL, $5, $6, $6, $7, id FROM invoices WHERE id = $2",
    )
    .bind(n.id)
    .bind(n.credits)
    .bind(&n.day)
    .bind(n.category)
    .bind(n.exemption)
    .bind(now)
    .bind(user)
    .execute(db)
    .await?;
    Ok(())
}

/// Copies invoice line `from` into the note at `line`'s position and quantity (price, discount,
/// rate, designation and article as invoiced).
pub async fn add_line<'e>(
    db: impl AnyExecutor<'e>,
    note: &str,
    from: &str,
    line: &DraftLineView,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO invoice_lines (id, invoice_id, position, article_id, designation, unit, qty_milli, \
         unit_price_minor, discount_bp, vat_bp, credits_line_id) \
         SELECT $1, $2, $3, article_id, designation, unit, $4, unit_price_minor, discount_bp, vat_bp, id \
         FROM invoice_lines WHERE id = $5",
    )
    .bind(&line.id)
    .bind(note)
    .bind(line.position)
    .bind(line.quantity.milli())
    .bind(from)
    .execute(db)
    .await?;
    Ok(())
}

/// Per line of `invoice`, the quantity its issued credit notes took (thousandths).
pub async fn credited_lines<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.credits_line_id, CAST(SUM(c.qty_milli) AS BIGINT) FROM invoice_lines c \
         JOIN invoices n ON n.id = c.invoice_id \
         WHERE n.credited_invoice_id = $1 AND n.status = 'issued' GROUP BY c.credits_line_id",
    )
    .bind(invoice)
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, FromRow)]
pub struct NoteRow {
    pub id: String,
    pub number: String,
    pub issue_date: String,
    pub total_minor: i64,
}

/// The issued credit notes of `invoice`, in their order.
pub async fn notes_of<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<Vec<NoteRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, number, issue_date, total_minor FROM invoices \
         WHERE credited_invoice_id = $1 AND status = 'issued' ORDER BY fiscal_year, sequence",
    )
    .bind(invoice)
    .fetch_all(db)
    .await
}
