//! A customer's statement: its invoices, credit notes and payments with the running balance.

mod repo;

use domain::Permission;
use domain::invoicing::payment::PaymentMethod;
use domain::invoicing::statement::{self, EntryKind, Movement, STATEMENT_ENTRIES, Statement};

use super::drafts::day;
use super::{customers, figures};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// The statement of customer `id`; `now_ms` dates "today" (what is overdue).
pub async fn of_customer(scope: &TenantScope, id: &str, now_ms: i64) -> AppResult<Statement> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let customer_name = customers::name(scope, id).await?;
    let today = scope.today(now_ms)?;
    let mut movements = Vec::new();
    for row in repo::newest_movements(pool, id, STATEMENT_ENTRIES).await? {
        let kind = match row.kind.as_str() {
            "invoice" => EntryKind::Invoice,
            "credit-note" => EntryKind::CreditNote,
            _ => EntryKind::Payment,
        };
        let method = match &row.method {
            Some(m) => Some(PaymentMethod::parse(m).map_err(|_| AppError::corrupt("invoice_payments.method", m))?),
            None => None,
        };
        movements.push(Movement {
            date: day("statement date", &row.day)?,
            kind,
            document_id: row.document_id,
            number: row.number,
            method,
            reference: row.reference,
            amount_minor: row.amount_minor,
        });
    }
    let sums = figures::sums(scope, format!("statement|{id}"), today, async {
        let (invoiced, credited, paid) = repo::sums(pool, id).await?;
        let overdue = repo::overdue(pool, id, &domain::format::iso_day(today)).await?;
        Ok(vec![invoiced, credited, paid, overdue])
    })
    .await?;
    let (invoiced_minor, credited_minor, paid_minor, overdue_minor) = (sums[0], sums[1], sums[2], sums[3]);
    let balance_minor = invoiced_minor - credited_minor - paid_minor;
    let (opening_minor, entries) = statement::entries(movements, balance_minor);
    Ok(Statement {
        customer_id: id.to_owned(),
        customer_name,
        currency: scope.currency()?,
        opening_minor,
        entries,
        invoiced_minor,
        credited_minor,
        paid_minor,
        balance_minor,
        overdue_minor,
        today,
    })
}
