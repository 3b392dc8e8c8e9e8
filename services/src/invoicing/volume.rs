//! Synthetic volume for `atelier bench --invoices`: many issued invoices in one company, each
//! going through the same triggers as a real one (draft, line, the counter's next number, PDF,
//! issue; balance opened; some paid in part or in full), written in transactions of a thousand.
//! They copy one real invoice's document and PDF (rendering 100,000 PDFs would measure the
//! renderer, not the pages), so their pages show that invoice's lines under their own number;
//! each is chained into the ledger with its payment, as issuing and recording do.

mod repo;

use domain::Permission;
use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::ledger::{self as rules, EntryKind};
use domain::invoicing::numbering::DocumentNumber;
use domain::invoicing::payment::{Payment, PaymentMethod};
use uuid::Uuid;

use super::ledger;

use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

const PER_TRANSACTION: usize = 1_000;

/// Adds `count` issued invoices modelled on issued invoice `template`, dated over the two years
/// before `today` (oldest first), spread over the company's customers; one in three is paid,
/// two in fifteen partly. `progress` gets the number written so far.
pub async fn fill(
    scope: &TenantScope,
    template: &str,
    count: usize,
    today: chrono::NaiveDate,
    progress: &dyn Fn(usize),
) -> AppResult<()> {
    scope.require(Permission::InvoiceIssue)?;
    let pool = scope.db.pool();
    let t = repo::template(pool, template).await?.ok_or(AppError::NotFound)?;
    let customers = repo::customers(pool).await?;
    if customers.is_empty() {
        return Err(AppError::NotFound);
    }
    let model: IssuedInvoice =
        serde_json::from_str(&t.document).map_err(|_| AppError::corrupt("invoices.document", template))?;
    let currency = scope.currency()?;
    let mut written = 0;
    while written < count {
        let mut tx = scope.db.begin_write().await?;
        for n in written..(written + PER_TRANSACTION).min(count) {
            let days_back = (730 * (count - n) / count.max(1)) as u64;
            let day = today.checked_sub_days(chrono::Days::new(days_back)).unwrap_or(today);
            let due = day.checked_add_days(chrono::Days::new(30)).unwrap_or(day);
            let id = Uuid::new_v4().to_string();
            let one = repo::One {
                id: &id,
                customer: &customers[n % customers.len()],
                day: domain::format::iso_day(day),
                due: domain::format::iso_day(due),
                verification: verification_id(),
            };
            let number = repo::issue_one(&mut tx, &t, &one, &scope.user.id).await?;
            let mut copy = model.clone();
            (copy.issue_date, copy.due_date) = (day, due);
            copy.number = DocumentNumber::parse(&number).map_err(|_| AppError::corrupt("invoices.number", &number))?;
            let fields = rules::document_fields(&copy, &t.pdf_sha256);
            let record =
                ledger::Record { kind: EntryKind::Invoice, entity: &number, entity_id: &id, date: day, fields };
            ledger::append(&mut tx, record, 0).await?;
            let paid = match n % 15 {
                0 | 3 | 6 | 9 | 12 => t.total_minor,
                5 | 10 => t.total_minor / 2,
                _ => 0,
            };
            if paid > 0 {
                let payment_id = repo::pay(&mut *tx, &id, &one.day, paid, &scope.user.id).await?;
                let payment =
                    Payment { date: day, amount_minor: paid, method: PaymentMethod::Transfer, stamp_duty_minor: 0 };
                let fields = rules::payment_fields(&number, currency.code(), &payment, None);
                let record = ledger::Record {
                    kind: EntryKind::Payment,
                    entity: &payment_id,
                    entity_id: &payment_id,
                    date: day,
                    fields,
                };
                ledger::append(&mut tx, record, 0).await?;
            }
        }
        tx.commit().await?;
        written = (written + PER_TRANSACTION).min(count);
        progress(written);
    }
    Ok(())
}

fn verification_id() -> String {
    let random: [u8; 16] = *Uuid::new_v4().as_bytes();
    domain::invoicing::issue::VerificationId::from_random(random).as_str().to_owned()
}
