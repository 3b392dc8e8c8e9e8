//! Payments against issued invoices: full or partial, dated between the invoice and today,
//! never above what is still due (credit notes deducted), with the Algerian stamp duty on cash.
//! Recorded payments are kept as they were recorded, each chained into the ledger; the database
//! refuses the same excess.

mod repo;

use domain::Country;
use domain::Permission;
use domain::events::{EventKind, NewEvent};
use domain::invoicing::issued::{PaymentView, Receipt};
use domain::invoicing::ledger::{self as rules, EntryKind};
use domain::invoicing::payment::{Payment, PaymentEntry, PaymentMethod};
use uuid::Uuid;

use super::drafts::day;
use super::{balances, invoices, ledger, require_writable};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// Records `entry` against issued invoice `invoice`; returns the payment's id.
pub async fn record(scope: &TenantScope, invoice: &str, entry: &PaymentEntry, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::InvoicePay)?;
    require_writable(scope).await?;
    let (today, country) = (scope.today(now_ms)?, scope.country()?);
    let mut tx = scope.db.begin_write().await?;
    if !balances::hold(&mut *tx, invoice).await? {
        return Err(AppError::NotFound);
    }
    let row = balances::get(&mut *tx, invoice).await?.ok_or(AppError::NotFound)?;
    let issued_on = day("invoice_balances.issue_date", &row.issue_date)?;
    let payment =
        Payment::new(&row.balance()?, issued_on, today, country, (entry.date, entry.amount_minor, entry.method))?;
    let id = Uuid::new_v4().to_string();
    let new = repo::NewPayment {
        id: &id,
        invoice,
        paid_on: payment.date.format("%Y-%m-%d").to_string(),
        amount_minor: payment.amount_minor,
        method: payment.method.as_str(),
        reference: entry.reference.as_deref(),
        stamp_duty_minor: payment.stamp_duty_minor,
    };
    repo::insert(&mut *tx, &new, &scope.user.id, now_ms).await?;
    let currency = country.currency();
    let record = ledger::Record {
        kind: EntryKind::Payment,
        entity: &id,
        entity_id: &id,
        date: payment.date,
        fields: rules::payment_fields(&row.number, currency.code(), &payment, entry.reference.as_deref()),
    };
    ledger::append(&mut tx, record, now_ms).await?;
    let event = NewEvent::new(EventKind::PaymentReceived, invoice, &row.number);
    crate::events::record(&mut tx, Some(&scope.user.id), &event, now_ms).await?;
    tx.commit().await?;
    Ok(id)
}

/// The payments of `invoice`, oldest first.
pub(super) async fn of_invoice(scope: &TenantScope, invoice: &str) -> AppResult<Vec<PaymentView>> {
    let mut payments = Vec::new();
    for row in repo::of_invoice(scope.db.pool(), invoice).await? {
        payments.push(PaymentView {
            date: day("invoice_payments.paid_on", &row.paid_on)?,
            method: PaymentMethod::parse(&row.method)
                .map_err(|_| AppError::corrupt("invoice_payments.method", &row.method))?,
            recorded_at_local_ms: scope.local_ms(row.recorded_at),
            id: row.id,
            amount_minor: row.amount_minor,
            reference: row.reference,
            stamp_duty_minor: row.stamp_duty_minor,
        });
    }
    Ok(payments)
}

/// The receipt of payment `payment` of invoice `invoice`.
pub async fn receipt(scope: &TenantScope, invoice: &str, payment: &str) -> AppResult<Receipt> {
    scope.require(Permission::InvoiceRead)?;
    let issued = invoices::issued(scope, invoice).await?;
    let payment = of_invoice(scope, invoice).await?.into_iter().find(|p| p.id == payment).ok_or(AppError::NotFound)?;
    let balance = balances::get(scope.db.pool(), invoice).await?.ok_or(AppError::NotFound)?.balance()?;
    Ok(Receipt {
        invoice_id: invoice.to_owned(),
        stamp_duty_applies: scope.country()? == Country::Algeria,
        due_minor: balance.due_minor().max(0),
        invoice: issued,
        payment,
    })
}
