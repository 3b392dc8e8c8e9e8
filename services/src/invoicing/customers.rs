//! Customers: the list with its search and keyset paging, one customer, create, edit, delete,
//! and CSV export and import (all or nothing, with a report of every problem).

mod repo;

use domain::company::PaymentTerms;
use domain::csv_file::CsvFile;
use domain::csv_import::Report;
use domain::customer::import::{COLUMNS, MAX_FILE_BYTES, cells, read_customers};
use domain::customer::views::{CustomerDetails, CustomerLine, CustomerListing, CustomerQuery, PAGE_SIZE};
use domain::customer::{Customer, CustomerKind};
use domain::identifiers::france::Siren;
use domain::party::{IdFields, LegalIds, PostalAddress};
use domain::{Country, Email, Lang, Permission};
use uuid::Uuid;

use super::require_writable;
use crate::company::stored_ids;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

pub async fn list(scope: &TenantScope, query: &CustomerQuery) -> AppResult<CustomerListing> {
    scope.require(Permission::InvoiceRead)?;
    let country = scope.country()?;
    let pool = scope.db.pool();
    let mut rows = repo::page(pool, query.text.as_deref(), query.after.as_deref(), PAGE_SIZE + 1).await?;
    let next = (rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id.clone())
    });
    let lines = rows.into_iter().map(|row| line_of(row, country)).collect::<AppResult<_>>()?;
    Ok(CustomerListing {
        lines,
        next: next.flatten(),
        total: repo::count(pool).await?,
        can_manage: scope.allows(Permission::CustomersManage),
    })
}

/// One customer, by id. An id of another company's customer is not in this database: not found.
pub async fn details(scope: &TenantScope, id: &str) -> AppResult<CustomerDetails> {
    scope.require(Permission::InvoiceRead)?;
    let country = scope.country()?;
    let row = repo::get(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    let (created, updated) = (row.created_at, row.updated_at);
    Ok(CustomerDetails {
        id: row.id.clone(),
        customer: customer_of(row, country)?,
        country,
        created_at_local_ms: scope.local_ms(created),
        updated_at_local_ms: scope.local_ms(updated),
        can_manage: scope.allows(Permission::CustomersManage),
        can_draft: scope.allows(Permission::InvoiceDraft),
    })
}

/// Creates a customer; returns its id. The same name at the same postcode twice is refused.
pub async fn create(scope: &TenantScope, customer: &Customer, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::CustomersManage)?;
    require_writable(scope).await?;
    let row = row_of(&Uuid::new_v4().to_string(), customer, now_ms);
    let mut tx = scope.db.begin_write().await?;
    if repo::exists(&mut *tx, &row.sort_key, &row.postcode, "").await? {
        return Err(AppError::field("legal_name", "customer-exists"));
    }
    repo::insert(&mut *tx, &row, &scope.user.id).await?;
    tx.commit().await?;
    Ok(row.id)
}

pub async fn update(scope: &TenantScope, id: &str, customer: &Customer, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::CustomersManage)?;
    require_writable(scope).await?;
    let row = row_of(id, customer, now_ms);
    let mut tx = scope.db.begin_write().await?;
    repo::get(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    if repo::exists(&mut *tx, &row.sort_key, &row.postcode, id).await? {
        return Err(AppError::field("legal_name", "customer-exists"));
    }
    // An erased individual's personal fields never come back (the database refuses it too).
    if !repo::update(&mut *tx, &row).await.map_err(|e| AppError::raised(e, &["customer-anonymised"]))? {
        return Err(AppError::NotFound);
    }
    tx.commit().await
}

/// A customer as stored, for its erasure (personal data); none: not this company's.
pub(crate) async fn stored(db: &mut sqlx::AnyConnection, id: &str, country: Country) -> AppResult<Option<Customer>> {
    repo::get(db, id).await?.map(|row| customer_of(row, country)).transpose()
}

/// Rewrites a customer with its erased fields.
pub(crate) async fn rewrite(db: &mut sqlx::AnyConnection, id: &str, erased: &Customer, now_ms: i64) -> AppResult<()> {
    repo::update(db, &row_of(id, erased, now_ms)).await.map_err(|e| AppError::raised(e, &["customer-anonymised"]))?;
    Ok(())
}

pub async fn delete(scope: &TenantScope, id: &str) -> AppResult<()> {
    scope.require(Permission::CustomersManage)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    if repo::invoice_count(&mut *tx, id).await? > 0 {
        return Err(AppError::Conflict("customer-has-invoices"));
    }
    if !repo::delete(&mut *tx, id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await
}

/// Every customer, in the columns the import reads, so the file imports again unchanged.
pub async fn export_csv(scope: &TenantScope, lang: Lang, now_ms: i64) -> AppResult<Vec<u8>> {
    scope.require(Permission::InvoiceRead)?;
    crate::governance::flags::require(scope, domain::Flag::DataExportFull).await?;
    let action = domain::governance::thresholds::Limited::CustomersExport;
    crate::governance::thresholds::admit(scope, action, now_ms).await?;
    let country = scope.country()?;
    let csv = |e: domain::csv_file::CsvError| AppError::Internal(e.to_string());
    let mut out = CsvFile::new(lang);
    out.row(COLUMNS.iter().map(|c| c.name)).map_err(csv)?;
    let mut after: Option<String> = None;
    loop {
        let rows = repo::page(scope.db.pool(), None, after.as_deref(), 1_000).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id.clone());
        for row in rows {
            out.row(cells(&customer_of(row, country)?)).map_err(csv)?;
        }
    }
    out.finish().map_err(csv)
}

/// Imports a file of customers: every row is checked first, and then all are written in one
/// transaction, or none. A customer already known (same name and postcode) is a problem of
/// the file, reported on its line.
pub async fn import(scope: &TenantScope, bytes: &[u8], now_ms: i64) -> AppResult<usize> {
    scope.require(Permission::CustomersManage)?;
    require_writable(scope).await?;
    let action = domain::governance::thresholds::Limited::CustomersImport;
    crate::governance::thresholds::admit(scope, action, now_ms).await?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(AppError::field("file", "file-too-large"));
    }
    let customers = match read_customers(bytes, scope.country()?) {
        Ok(customers) => customers,
        Err(report) => return Err(AppError::FileRefused(report)),
    };
    let mut tx = scope.db.begin_write().await?;
    let mut report = Report::default();
    let rows: Vec<(u64, repo::CustomerRow)> =
        customers.iter().map(|(line, c)| (*line, row_of(&Uuid::new_v4().to_string(), c, now_ms))).collect();
    for (line, row) in &rows {
        if repo::exists(&mut *tx, &row.sort_key, &row.postcode, "").await? {
            report.add(*line, "legal_name", "customer-exists");
        }
    }
    if !report.is_empty() {
        return Err(AppError::FileRefused(report));
    }
    for (_, row) in &rows {
        repo::insert(&mut *tx, row, &scope.user.id).await?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

fn line_of(row: repo::CustomerRow, country: Country) -> AppResult<CustomerLine> {
    let id = row.id.clone();
    let customer = customer_of(row, country)?;
    let identifier = match &customer.ids {
        LegalIds::France { siren, .. } => siren.as_ref().map(Siren::display),
        LegalIds::Algeria { nif, .. } => nif.as_ref().map(|n| n.as_str().to_owned()),
    };
    Ok(CustomerLine {
        id,
        kind: customer.kind,
        legal_name: customer.legal_name,
        city: customer.address.city,
        identifier,
        email: customer.email.map(|e| e.as_str().to_owned()),
    })
}

/// Reads a stored value with the parser that admitted it; a value it refuses is reported.
fn read<T>(
    column: &str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, &'static str>,
) -> AppResult<Option<T>> {
    value.map(|v| parse(&v).map_err(|_| AppError::corrupt(format!("customers.{column}"), &v))).transpose()
}

fn customer_of(row: repo::CustomerRow, country: Country) -> AppResult<Customer> {
    let kind = CustomerKind::parse(&row.kind).map_err(|_| AppError::corrupt("customers.kind", &row.kind))?;
    let delivery_address = match (row.delivery_street, row.delivery_postcode, row.delivery_city) {
        (Some(street), Some(postcode), Some(city)) => {
            Some(PostalAddress { street, street2: row.delivery_street2, postcode, city })
        }
        _ => None,
    };
    let fields = IdFields {
        siren: row.siren.as_deref().unwrap_or_default(),
        siret: row.siret.as_deref().unwrap_or_default(),
        vat_number: row.vat_number.as_deref().unwrap_or_default(),
        nif: row.nif.as_deref().unwrap_or_default(),
        nis: row.nis.as_deref().unwrap_or_default(),
        rc: row.rc.as_deref().unwrap_or_default(),
        ai: row.ai.as_deref().unwrap_or_default(),
    };
    let ids = stored_ids("customers", &fields, country)?;
    let terms =
        read("payment_terms_days", row.payment_terms_days.map(|d| d.to_string()), |d| PaymentTerms::parse(d, country))?;
    Ok(Customer {
        kind,
        legal_name: row.legal_name,
        legal_form: row.legal_form,
        address: PostalAddress { street: row.street, street2: row.street2, postcode: row.postcode, city: row.city },
        delivery_address,
        email: read("email", row.email, Email::parse)?,
        terms,
        ids,
    })
}

fn row_of(id: &str, c: &Customer, now_ms: i64) -> repo::CustomerRow {
    let delivery = c.delivery_address.clone();
    let id_of = |name| c.ids.get(name).map(str::to_owned);
    repo::CustomerRow {
        id: id.to_owned(),
        kind: c.kind.as_str().to_owned(),
        legal_name: c.legal_name.clone(),
        legal_form: c.legal_form.clone(),
        street: c.address.street.clone(),
        street2: c.address.street2.clone(),
        postcode: c.address.postcode.clone(),
        city: c.address.city.clone(),
        delivery_street: delivery.as_ref().map(|a| a.street.clone()),
        delivery_street2: delivery.as_ref().and_then(|a| a.street2.clone()),
        delivery_postcode: delivery.as_ref().map(|a| a.postcode.clone()),
        delivery_city: delivery.map(|a| a.city),
        email: c.email.as_ref().map(|e| e.as_str().to_owned()),
        payment_terms_days: c.terms.map(|t| i64::from(t.days())),
        siren: id_of("siren"),
        siret: id_of("siret"),
        vat_number: id_of("vat_number"),
        nif: id_of("nif"),
        nis: id_of("nis"),
        rc: id_of("rc"),
        ai: id_of("ai"),
        sort_key: c.sort_key(),
        search_text: c.search_text(),
        created_at: now_ms,
        updated_at: now_ms,
    }
}

/// A customer's legal name, for the pages that narrow to it; not found: another company's id.
pub(super) async fn name(scope: &TenantScope, id: &str) -> AppResult<String> {
    repo::name(scope.db.pool(), id).await?.ok_or(AppError::NotFound)
}
