//! Accounting exports of a fiscal year: the FEC for the tax office (French companies), and a
//! plain sales journal (VENTE / AVOIR) for other accounting software; and the accounts they
//! post to, which accountants edit.

mod repo;

use chrono::NaiveDate;
use domain::csv_file::CsvFile;
use domain::invoicing::fec::accounts::AccountsForm;
use domain::invoicing::fec::{self, Accounts, Document, Journal, Settled};
use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::payment::PaymentMethod;
use domain::party::LegalIds;
use domain::{AuditKind, Country, Lang, Permission};

use super::drafts::day;
use crate::audit::{self, Event, RequestMeta};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The accounts the exports post to.
pub async fn accounts(scope: &TenantScope) -> AppResult<Accounts> {
    scope.require(Permission::LedgerRead)?;
    stored_accounts(scope).await
}

async fn stored_accounts(scope: &TenantScope) -> AppResult<Accounts> {
    let mut form = Accounts::default().form();
    for (name, account) in repo::accounts(scope.db.pool()).await? {
        match name.as_str() {
            "receivable" => form.receivable = account,
            "sales_goods" => form.sales_goods = account,
            "sales_services" => form.sales_services = account,
            "vat_collected" => form.vat_collected = account,
            "bank" => form.bank = account,
            "cash" => form.cash = account,
            other => return Err(AppError::corrupt("accounting_accounts.name", other)),
        }
    }
    form.parse().map_err(|_| AppError::corrupt("accounting_accounts", "an account out of its class"))
}

/// Saves the accounts typed in `form`; audited.
pub async fn set_accounts(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    form: AccountsForm,
    now_ms: i64,
) -> AppResult<Accounts> {
    scope.require(Permission::AccountingManage)?;
    let accounts = form.parse()?;
    let (before, after) = (stored_accounts(scope).await?.form(), accounts.form());
    let changed: Vec<&str> = fec::accounts::ACCOUNTS
        .iter()
        .map(|(name, _, _)| *name)
        .filter(|name| before.get(name) != after.get(name))
        .collect();
    let mut tx = scope.db.begin_write().await?;
    for (name, _, _) in fec::accounts::ACCOUNTS {
        repo::set_account(&mut *tx, name, after.get(name), now_ms, &scope.user.id).await?;
    }
    tx.commit().await?;
    if !changed.is_empty() {
        let detail = changed.iter().map(|n| format!("{n}={}", after.get(n))).collect::<Vec<_>>().join(",");
        let event = Event::new(AuditKind::AccountingAccountsChanged)
            .tenant(&scope.tenant.code)
            .user(&scope.user.id)
            .detail(detail);
        audit::record(state, meta, event).await?;
    }
    Ok(accounts)
}

/// A file to download: its name and bytes.
pub struct Export {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The FEC of fiscal year `year` (a French company's, which has a SIREN).
pub async fn fec(scope: &TenantScope, year: i32) -> AppResult<Export> {
    scope.require(Permission::LedgerRead)?;
    if scope.country()? != Country::France {
        return Err(AppError::Conflict("fec-france-only"));
    }
    let profile = crate::company::profile(scope).await?;
    let siren = match &profile.ids {
        LegalIds::France { siren: Some(siren), .. } => siren.as_str().to_owned(),
        _ => return Err(AppError::Conflict("fec-needs-siren")),
    };
    let lines = year_lines(scope, year).await?;
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or(AppError::NotFound)?;
    Ok(Export { file_name: fec::file_name(&siren, year_end), bytes: fec::write(&lines) })
}

/// The sales journal of `year` as CSV (the product's one CSV writer: semicolons, decimal
/// comma, formula cells neutralised, A27): one line per account line, journal VENTE for
/// invoices and AVOIR for credit notes.
pub async fn sales_journal(scope: &TenantScope, year: i32, now_ms: i64) -> AppResult<Export> {
    scope.require(Permission::LedgerRead)?;
    crate::governance::flags::require(scope, domain::Flag::DataExportFull).await?;
    let action = domain::governance::thresholds::Limited::SalesJournal;
    crate::governance::thresholds::admit(scope, action, now_ms).await?;
    let lines = year_lines(scope, year).await?;
    let mut csv = CsvFile::new(Lang::Fr);
    let failed = |e: domain::csv_file::CsvError| AppError::Internal(e.to_string());
    csv.row(["journal", "date", "piece", "compte", "compte_auxiliaire", "libelle", "debit", "credit"])
        .map_err(failed)?;
    for line in lines.iter().filter(|l| l.journal == Journal::Sales) {
        // A credit note's lines belong to the invoice it credits, not to its own number.
        let journal = if line.invoice != line.piece { "AVOIR" } else { "VENTE" };
        let (aux, _) = line.auxiliary.clone().unwrap_or_default();
        let amount = |minor: i64| domain::format::plain_decimal(minor, 2, csv.point(), false);
        let cells = [
            journal.to_owned(),
            line.date.to_string(),
            line.piece.clone(),
            line.account.clone(),
            aux,
            line.label.clone(),
            amount(line.debit),
            amount(line.credit),
        ];
        csv.row(cells).map_err(failed)?;
    }
    Ok(Export { file_name: format!("journal-ventes-{year}.csv"), bytes: csv.finish().map_err(failed)? })
}

/// Every account line of `year`: its issued documents and its payments, in date order.
async fn year_lines(scope: &TenantScope, year: i32) -> AppResult<Vec<fec::Line>> {
    if !(2000..=2999).contains(&year) {
        return Err(AppError::field("year", "invalid-year"));
    }
    let accounts = stored_accounts(scope).await?;
    let pool = scope.db.pool();
    let rows = repo::documents(pool, year).await?;
    let invoices = rows
        .iter()
        .map(|row| {
            serde_json::from_str::<IssuedInvoice>(&row.document)
                .map_err(|_| AppError::corrupt("invoices.document", &row.id))
        })
        .collect::<AppResult<Vec<_>>>()?;
    let documents: Vec<Document> =
        rows.iter().zip(&invoices).map(|(row, invoice)| Document { invoice, customer_id: &row.customer_id }).collect();
    let payment_rows = repo::payments(pool, year).await?;
    let mut payments = Vec::with_capacity(payment_rows.len());
    for row in &payment_rows {
        payments.push(Settled {
            invoice_number: &row.number,
            customer_id: &row.customer_id,
            customer_name: &row.customer_name,
            date: day("invoice_payments.paid_on", &row.paid_on)?,
            amount_minor: row.amount_minor,
            method: PaymentMethod::parse(&row.method)
                .map_err(|_| AppError::corrupt("invoice_payments.method", &row.method))?,
            reference: row.reference.as_deref(),
        });
    }
    Ok(fec::entries(&documents, &payments, &accounts))
}
