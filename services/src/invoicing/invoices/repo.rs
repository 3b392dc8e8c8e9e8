//! SQL of issued invoices, read.

use domain::invoicing::listing::StatusFilter;
use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ListRow {
    pub id: String,
    pub number: String,
    pub customer_id: String,
    pub customer_name: String,
    pub issue_date: String,
    pub due_date: String,
    pub total_minor: i64,
    pub credited_minor: i64,
    pub paid_minor: i64,
}

/// The filters of the list as SQL on `invoice_balances b`: dates as `YYYY-MM-DD`, `today` for
/// "overdue".
pub struct Filter<'a> {
    pub status: Option<StatusFilter>,
    pub customer: Option<&'a str>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub today: String,
}

const DUE: &str = "(b.total_minor - b.credited_minor - b.paid_minor)";

impl Filter<'_> {
    /// The WHERE clause, its values pushed to `binds` (placeholders numbered after them).
    fn clause(&self, binds: &mut Vec<String>) -> String {
        let mut bind = |value: String| {
            binds.push(value);
            format!("${}", binds.len())
        };
        let mut parts = vec!["1 = 1".to_owned()];
        match self.status {
            Some(StatusFilter::Unpaid) => parts.push(format!("b.paid_minor = 0 AND {DUE} > 0")),
            Some(StatusFilter::PartlyPaid) => parts.push(format!("b.paid_minor > 0 AND {DUE} > 0")),
            Some(StatusFilter::Paid) => parts.push(format!("{DUE} <= 0")),
            Some(StatusFilter::Overdue) => {
                parts.push(format!("{DUE} > 0 AND b.due_date < {}", bind(self.today.clone())))
            }
            None => {}
        }
        if let Some(customer) = self.customer {
            parts.push(format!("b.customer_id = {}", bind(customer.to_owned())));
        }
        if let Some(from) = &self.from {
            parts.push(format!("b.issue_date >= {}", bind(from.clone())));
        }
        if let Some(to) = &self.to {
            parts.push(format!("b.issue_date <= {}", bind(to.clone())));
        }
        parts.join(" AND ")
    }
}

/// A page of issued invoices, newest first (by date, then number), after `after` (date, number).
pub async fn list<'e>(
    db: impl AnyExecutor<'e>,
    filter: &Filter<'_>,
    after: Option<(String, &str)>,
    limit: i64,
) -> Result<Vec<ListRow>, sqlx::Error> {
    let mut binds = Vec::new();
    let mut clause = filter.clause(&mut binds);
    if let Some((day, number)) = after {
        binds.extend([day.clone(), day, number.to_owned()]);
        let n = binds.len();
        clause.push_str(&format!(
            " AND (b.issue_date < ${} OR (b.issue_date = ${} AND b.number < ${n}))",
            n - 2,
            n - 1
        ));
    }
    let sql = format!(
        "SELECT b.invoice_id AS id, b.number, b.customer_id, c.legal_name AS customer_name, b.issue_date, b.due_date, \
         b.total_minor, b.credited_minor, b.paid_minor \
         FROM invoice_balances b JOIN customers c ON c.id = b.customer_id \
         WHERE {clause} ORDER BY b.issue_date DESC, b.number DESC LIMIT {limit}"
    );
    let mut query = sqlx::query_as(&sql);
    for value in binds {
        query = query.bind(value);
    }
    query.fetch_all(db).await
}

/// How many invoices the filters select, what they amount to and what is still due on them.
pub async fn totals<'e>(db: impl AnyExecutor<'e>, filter: &Filter<'_>) -> Result<(i64, i64, i64), sqlx::Error> {
    let mut binds = Vec::new();
    let clause = filter.clause(&mut binds);
    let sql = format!(
        "SELECT COUNT(*), CAST(COALESCE(SUM(b.total_minor), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN {DUE} > 0 THEN {DUE} ELSE 0 END), 0) AS BIGINT) \
         FROM invoice_balances b WHERE {clause}"
    );
    let mut query = sqlx::query_as(&sql);
    for value in binds {
        query = query.bind(value);
    }
    query.fetch_one(db).await
}

#[derive(Clone, Debug, FromRow)]
pub struct IssuedRow {
    pub id: String,
    pub document: String,
    pub pdf_sha256: String,
    pub issued_at: i64,
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<IssuedRow>, sqlx::Error> {
    sqlx::query_as("SELECT id, document, pdf_sha256, issued_at FROM invoices WHERE id = $1 AND status = 'issued'")
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn pdf<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT pdf FROM invoice_pdfs WHERE invoice_id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(pdf,)| pdf))
}

/// The seed's daily health check: issued documents lacking their hash or their stored PDF
/// (the triggers make it impossible; the integrity check proves it on a live database).
pub async fn issued_without_pdf<'e>(db: impl AnyExecutor<'e>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM invoices i WHERE i.status = 'issued' AND (i.pdf_sha256 IS NULL \
         OR NOT EXISTS (SELECT 1 FROM invoice_pdfs p WHERE p.invoice_id = i.id))",
    )
    .fetch_one(db)
    .await?;
    Ok(n)
}
