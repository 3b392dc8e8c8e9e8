//! Invoice drafts: created for a customer, changed freely, lines added and removed, deleted.
//! Their totals and the legal mentions they would lack are computed by `domain` on every view.

mod repo;

use std::collections::HashMap;

use chrono::NaiveDate;
use domain::ValidationErrors;
use domain::company::CompanyProfile;
use domain::customer::Customer;
use domain::invoicing::draft::views::{DraftLineView, DraftListing, DraftSummary, DraftView, LinePrefill};
use domain::invoicing::draft::{Category, DraftHeader, DraftLine};
use domain::invoicing::line::{Discount, LinePrice};
use domain::invoicing::mentions::{self, DocumentFacts};
use domain::invoicing::payment::PaymentMethod;
use domain::invoicing::totals::{MAX_LINES, Totals};
use domain::invoicing::vat::VatRate;
use domain::{Permission, Quantity};
use uuid::Uuid;

use super::{customers, require_writable};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, company};

/// Drafts a list shows at most (the newest first).
const LIST_LIMIT: i64 = 200;

pub async fn list(scope: &TenantScope) -> AppResult<DraftListing> {
    scope.require(Permission::InvoiceRead)?;
    let pool = scope.db.pool();
    let country = scope.country()?;
    let mut lines_by_draft: HashMap<String, Vec<DraftLineView>> = HashMap::new();
    for row in repo::lines_of_newest(pool, LIST_LIMIT).await? {
        lines_by_draft.entry(row.invoice_id.clone()).or_default().push(line_view(row, country)?);
    }
    let mut drafts = Vec::new();
    for row in repo::list(pool, LIST_LIMIT).await? {
        let lines = lines_by_draft.remove(&row.id).unwrap_or_default();
        let total = totals_of(&lines)?.map(|t| t.total_minor);
        drafts.push(DraftSummary {
            issue_date: day("invoices.issue_date", &row.issue_date)?,
            id: row.id,
            customer_name: row.customer_name,
            lines: lines.len() as i64,
            total_minor: total,
        });
    }
    Ok(DraftListing { drafts, currency: scope.currency()?, can_edit: scope.allows(Permission::InvoiceDraft) })
}

pub async fn view(scope: &TenantScope, id: &str) -> AppResult<DraftView> {
    scope.require(Permission::InvoiceRead)?;
    Ok(with_parties(scope, id).await?.view)
}

/// A draft with the seller and the customer it was checked against (what issuing freezes),
/// and the draft's version (its last change), to hold it unchanged while it is issued.
pub(super) struct Assembled {
    pub view: DraftView,
    pub seller: CompanyProfile,
    pub buyer: Customer,
    pub version: i64,
}

pub(super) async fn with_parties(scope: &TenantScope, id: &str) -> AppResult<Assembled> {
    let row = repo::get(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    let lines = lines_of(scope, id).await?;
    let totals = totals_of(&lines)?;
    let seller = company::profile(scope).await?;
    let buyer = customers::details(scope, &row.customer_id).await?.customer;
    let payment_method = row.payment_method.as_deref().map(stored_method).transpose()?;
    let facts = DocumentFacts {
        charges_vat: lines.iter().any(|l| !l.vat.is_zero()),
        has_zero_rate: lines.iter().any(|l| l.vat.is_zero()),
        has_exemption_wording: row.exemption.is_some(),
        has_payment_method: payment_method.is_some(),
    };
    let country = scope.country()?;
    let missing = mentions::missing(&seller, &buyer, facts);
    let version = row.updated_at;
    let view = DraftView {
        issue_date: day("invoices.issue_date", &row.issue_date)?,
        due_date: day("invoices.due_date", &row.due_date)?,
        category: Category::parse(&row.category).map_err(|_| AppError::corrupt("invoices.category", &row.category))?,
        id: row.id,
        customer_id: row.customer_id,
        customer_name: row.customer_name,
        payment_method,
        exemption: row.exemption,
        currency: scope.currency()?,
        lines,
        totals,
        missing,
        vat_rates: VatRate::allowed(country).collect(),
        can_edit: scope.allows(Permission::InvoiceDraft),
        can_issue: scope.allows(Permission::InvoiceIssue),
    };
    Ok(Assembled { view, seller, buyer, version })
}

/// Creates a draft; returns its id. Without a due date, it is the issue date plus the
/// customer's terms, or the company's.
pub async fn create(scope: &TenantScope, header: &DraftHeader, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::InvoiceDraft)?;
    require_writable(scope).await?;
    let id = Uuid::new_v4().to_string();
    // Read before the transaction, which then holds a single connection.
    let company_terms = company::profile(scope).await?.terms.days();
    let mut tx = scope.db.begin_write().await?;
    let row = header_row(scope, &mut tx, header, company_terms, now_ms).await?;
    repo::insert(&mut *tx, &id, &row, &scope.user.id, now_ms).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(scope: &TenantScope, id: &str, header: &DraftHeader, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::InvoiceDraft)?;
    require_writable(scope).await?;
    // Read before the transaction, which then holds a single connection.
    let company_terms = company::profile(scope).await?.terms.days();
    let mut tx = scope.db.begin_write().await?;
    let row = header_row(scope, &mut tx, header, company_terms, now_ms).await?;
    if !repo::update(&mut *tx, id, &row, now_ms).await? {
        return Err(not_a_draft(&mut tx, id).await);
    }
    tx.commit().await
}

pub async fn delete(scope: &TenantScope, id: &str) -> AppResult<()> {
    scope.require(Permission::InvoiceDraft)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    // A mission's draft, deleted, leaves the mission to be invoiced again.
    crate::missions::invoicing::unlink(&mut tx, id).await?;
    if !repo::delete(&mut *tx, id).await? {
        return Err(not_a_draft(&mut tx, id).await);
    }
    tx.commit().await
}

/// An article's fields for a new line, by the code a user typed (upper-cased like stock codes).
pub async fn prefill(scope: &TenantScope, code: &str) -> AppResult<LinePrefill> {
    scope.require(Permission::InvoiceDraft)?;
    let row = repo::article_by_code(scope.db.pool(), &code.trim().to_uppercase())
        .await?
        .ok_or_else(|| AppError::field("article_code", "article-not-found"))?;
    Ok(LinePrefill {
        vat: VatRate::of(row.vat_rate_bp, scope.country()?).ok(),
        article_id: row.id,
        code: row.code,
        designation: row.designation,
        unit: row.unit,
        unit_price_minor: row.sale_price_minor,
    })
}

/// Adds a line at the end of a draft (500 at most).
pub async fn add_line(scope: &TenantScope, draft: &str, line: &DraftLine, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::InvoiceDraft)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    if !repo::touch(&mut *tx, draft, now_ms).await? {
        return Err(not_a_draft(&mut tx, draft).await);
    }
    insert_line(scope, &mut tx, draft, line).await?;
    tx.commit().await
}

/// Creates a draft with its lines inside the caller's transaction (a mission's invoice, linked
/// to it in the same transaction); returns its id. `company_terms` is read before the
/// transaction, which holds a single connection.
pub(crate) async fn create_in(
    scope: &TenantScope,
    tx: &mut crate::db::WriteTx,
    header: &DraftHeader,
    lines: &[DraftLine],
    company_terms: u16,
    now_ms: i64,
) -> AppResult<String> {
    scope.require(Permission::InvoiceDraft)?;
    let id = Uuid::new_v4().to_string();
    let row = header_row(scope, tx, header, company_terms, now_ms).await?;
    repo::insert(&mut **tx, &id, &row, &scope.user.id, now_ms).await?;
    for line in lines {
        insert_line(scope, tx, &id, line).await?;
    }
    Ok(id)
}

/// Appends a line to a draft held by the transaction, keeping the draft within its bounds.
async fn insert_line(scope: &TenantScope, tx: &mut crate::db::WriteTx, draft: &str, line: &DraftLine) -> AppResult<()> {
    if repo::line_count(&mut **tx, draft).await? >= MAX_LINES as i64 {
        return Err(AppError::field("designation", "too-many-lines"));
    }
    if let Some(article) = &line.article
        && !repo::article_exists(&mut **tx, article).await?
    {
        return Err(AppError::field("article_code", "article-not-found"));
    }
    let price = &line.price;
    let new = repo::NewLine {
        id: &Uuid::new_v4().to_string(),
        article_id: line.article.as_deref(),
        designation: &line.designation,
        unit: &line.unit,
        qty_milli: price.quantity.milli(),
        unit_price_minor: price.unit_price_minor,
        discount_bp: price.discount.basis_points(),
        vat_bp: price.vat.basis_points(),
    };
    repo::add_line(&mut **tx, draft, &new).await?;
    // The whole draft must still add up within bounds.
    let lines = stored_lines(scope, tx, draft).await?;
    Totals::of(&lines.iter().map(DraftLineView::price).collect::<Vec<_>>())
        .map_err(|code| AppError::field("quantity", code))?;
    Ok(())
}

pub async fn remove_line(scope: &TenantScope, draft: &str, line: &str, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::InvoiceDraft)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    if !repo::touch(&mut *tx, draft, now_ms).await? {
        return Err(not_a_draft(&mut tx, draft).await);
    }
    if !repo::remove_line(&mut *tx, draft, line).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await
}

/// Why `id` is not a draft one can change: issued (and so frozen), or not there at all.
pub(super) async fn not_a_draft(tx: &mut crate::db::WriteTx, id: &str) -> AppError {
    match repo::status(&mut **tx, id).await {
        Ok(Some(status)) if status != "draft" => AppError::Conflict("invoice-issued"),
        Ok(_) => AppError::NotFound,
        Err(e) => e.into(),
    }
}

/// The header as stored, its dates from the header's rule with the customer's terms, or the
/// company's.
async fn header_row<'h>(
    scope: &TenantScope,
    tx: &mut crate::db::WriteTx,
    header: &'h DraftHeader,
    company_terms: u16,
    now_ms: i64,
) -> AppResult<repo::HeaderRow<'h>> {
    let own_terms = repo::customer_terms(&mut **tx, &header.customer)
        .await?
        .ok_or_else(|| AppError::field("customer", "not-found"))?;
    let terms = match own_terms {
        Some(days) => u16::try_from(days).map_err(|_| AppError::corrupt("customers.payment_terms_days", days))?,
        None => company_terms,
    };
    let (issue, due) =
        header.dates(scope.today(now_ms)?, terms).map_err(|e| AppError::Validation(ValidationErrors(vec![e])))?;
    Ok(repo::HeaderRow {
        customer_id: &header.customer,
        issue_date: issue.format("%Y-%m-%d").to_string(),
        due_date: due.format("%Y-%m-%d").to_string(),
        category: header.category.as_str(),
        payment_method: header.payment_method.map(PaymentMethod::as_str),
        exemption: header.exemption.as_deref(),
    })
}

pub(super) fn day(column: &str, stored: &str) -> AppResult<NaiveDate> {
    domain::invoicing::draft::parse_day(stored).map_err(|_| AppError::corrupt(column, stored))
}

fn stored_method(stored: &str) -> AppResult<PaymentMethod> {
    PaymentMethod::parse(stored).map_err(|_| AppError::corrupt("invoices.payment_method", stored))
}

async fn lines_of(scope: &TenantScope, draft: &str) -> AppResult<Vec<DraftLineView>> {
    let country = scope.country()?;
    repo::lines(scope.db.pool(), draft).await?.into_iter().map(|row| line_view(row, country)).collect()
}

async fn stored_lines(scope: &TenantScope, tx: &mut crate::db::WriteTx, draft: &str) -> AppResult<Vec<DraftLineView>> {
    let country = scope.country()?;
    repo::lines(&mut **tx, draft).await?.into_iter().map(|row| line_view(row, country)).collect()
}

fn line_view(row: repo::LineRow, country: domain::Country) -> AppResult<DraftLineView> {
    let corrupt = |what: &str, value: i64| AppError::corrupt(format!("invoice_lines.{what}"), value);
    let price = LinePrice {
        quantity: Quantity::from_milli(row.qty_milli).ok_or_else(|| corrupt("qty_milli", row.qty_milli))?,
        unit_price_minor: row.unit_price_minor,
        discount: u16::try_from(row.discount_bp)
            .ok()
            .and_then(|bp| Discount::try_from(bp).ok())
            .ok_or_else(|| corrupt("discount_bp", row.discount_bp))?,
        vat: VatRate::of(row.vat_bp, country).map_err(|_| corrupt("vat_bp", row.vat_bp))?,
    };
    let amounts = price.amounts().map_err(|_| corrupt("unit_price_minor", row.unit_price_minor))?;
    Ok(DraftLineView {
        id: row.id,
        position: row.position,
        designation: row.designation,
        unit: row.unit,
        quantity: price.quantity,
        unit_price_minor: price.unit_price_minor,
        discount: price.discount,
        vat: price.vat,
        amounts,
    })
}

fn totals_of(lines: &[DraftLineView]) -> AppResult<Option<Totals>> {
    if lines.is_empty() {
        return Ok(None);
    }
    let prices: Vec<LinePrice> = lines.iter().map(DraftLineView::price).collect();
    Totals::of(&prices).map(Some).map_err(|code| AppError::corrupt("invoice total", code))
}
