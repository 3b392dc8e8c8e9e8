//! The company's profile: its legal identity as its documents print it, and how it invoices.
//! A company created by the command line has no profile row yet: it starts from
//! `CompanyProfile::initial` with the company's name and country.

mod logo;
mod repo;

use domain::company::views::ProfileSettings;
use domain::company::{CompanyProfile, CompanyProfileForm, PaymentTerms};
use domain::identifiers::bank::{BankAccount, Bic};
use domain::invoicing::mentions;
use domain::invoicing::numbering::SeriesPrefix;
use domain::party::{IdFields, LegalIds, PostalAddress};
use domain::{AuditKind, Country, Email, Lang, Permission, ValidationErrors};
use sqlx::AnyExecutor;

use crate::audit::{self, Event, RequestMeta};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The profile, for whatever prints or checks it (tenant.read).
pub async fn profile(scope: &TenantScope) -> AppResult<CompanyProfile> {
    scope.require(Permission::TenantRead)?;
    Ok(stored(scope, scope.db.pool()).await?.0)
}

/// The settings page: the profile as its form shows it, and what invoices would still lack.
pub async fn settings(scope: &TenantScope) -> AppResult<ProfileSettings> {
    scope.require(Permission::CompanyManage)?;
    let (profile, updated_at) = stored(scope, scope.db.pool()).await?;
    Ok(ProfileSettings {
        country: profile.country(),
        currency: scope.currency()?,
        missing: mentions::missing_from_profile(&profile),
        logo_version: logo::version(scope.db.pool()).await?,
        profile,
        updated_at_local_ms: updated_at.map(|ms| scope.local_ms(ms)),
    })
}

/// Saves the profile, and records in the audit log which fields changed (their names only:
/// the log is read in both languages, and the values are on the page).
pub async fn save(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    profile: &CompanyProfile,
    now_ms: i64,
) -> AppResult<()> {
    scope.require(Permission::CompanyManage)?;
    let country = scope.country()?;
    if profile.country() != country {
        return Err(AppError::field("country", "not-for-this-country"));
    }
    let mut tx = scope.db.begin_write().await?;
    let (before, _) = stored(scope, &mut *tx).await?;
    repo::upsert(&mut *tx, &row_of(profile, scope)?, now_ms).await?;
    tx.commit().await?;
    let changed = changed_fields(&CompanyProfileForm::of(&before, '.'), &CompanyProfileForm::of(profile, '.'));
    record_change(state, meta, scope, &changed).await
}

/// Replaces the logo with a re-encoded copy of the upload.
pub async fn set_logo(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    upload: &[u8],
    now_ms: i64,
) -> AppResult<()> {
    scope.require(Permission::CompanyManage)?;
    let logo = logo::reencode(upload)?;
    logo::store(scope.db.pool(), &logo, now_ms).await?;
    record_change(state, meta, scope, &["logo"]).await
}

pub async fn remove_logo(state: &AppState, meta: &RequestMeta, scope: &TenantScope) -> AppResult<()> {
    scope.require(Permission::CompanyManage)?;
    if !logo::remove(scope.db.pool()).await? {
        return Err(AppError::NotFound);
    }
    record_change(state, meta, scope, &["logo"]).await
}

/// The logo as stored (PNG), for pages and documents.
pub async fn logo_png(scope: &TenantScope) -> AppResult<Vec<u8>> {
    scope.require(Permission::TenantRead)?;
    logo::png(scope.db.pool()).await?.ok_or(AppError::NotFound)
}

async fn record_change(state: &AppState, meta: &RequestMeta, scope: &TenantScope, changed: &[&str]) -> AppResult<()> {
    let event = Event::new(AuditKind::CompanyProfileChanged)
        .tenant(&scope.tenant.code)
        .user(&scope.user.id)
        .detail(format!("changed={}", changed.join(",")));
    audit::record(state, meta, event).await
}

/// Writes a profile without a user: the demo and the command line.
pub(crate) async fn seed<'e>(
    db: impl AnyExecutor<'e>,
    country: Country,
    profile: &CompanyProfile,
    now_ms: i64,
) -> AppResult<()> {
    let row = row(profile, country.code(), country.currency().code());
    Ok(repo::upsert(db, &row, now_ms).await?)
}

/// The stored profile and when it was last saved; the initial one when none is stored.
/// The language of the company's documents and e-mails (that of a new company's profile while
/// none is saved), for the server's own work where no member's scope exists.
pub(crate) async fn document_lang<'e>(
    db: impl AnyExecutor<'e>,
    tenant: &crate::control::TenantRecord,
) -> AppResult<Lang> {
    match repo::get(db).await? {
        None => {
            let country =
                Country::parse(&tenant.country).map_err(|_| AppError::corrupt("tenants.country", &tenant.country))?;
            Ok(CompanyProfile::initial(tenant.name.clone(), country).document_lang)
        }
        Some(row) => Lang::from_tag(&row.document_lang)
            .ok_or_else(|| AppError::corrupt("company_profile.document_lang", &row.document_lang)),
    }
}

async fn stored<'e>(scope: &TenantScope, db: impl AnyExecutor<'e>) -> AppResult<(CompanyProfile, Option<i64>)> {
    let country = scope.country()?;
    match repo::get(db).await? {
        None => Ok((CompanyProfile::initial(scope.tenant.name.clone(), country), None)),
        Some(row) => {
            let updated_at = row.updated_at;
            Ok((profile_of(row, country)?, updated_at))
        }
    }
}

/// Reads stored identifiers with the parser that admitted them (with their cross-checks); one
/// it refuses is reported with its column.
pub(crate) fn stored_ids(table: &str, fields: &IdFields, country: Country) -> AppResult<LegalIds> {
    let mut errors = ValidationErrors::new();
    match (fields.parse(&mut errors, country), errors.0.first()) {
        (Some(ids), None) => Ok(ids),
        (_, first) => {
            let column = first.map_or("ids", |e| e.field.as_str());
            Err(AppError::corrupt(format!("{table}.{column}"), fields.get(column)))
        }
    }
}

/// Reads a stored value with the parser that admitted it; a value it refuses is reported.
fn read<T>(
    column: &str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, &'static str>,
) -> AppResult<Option<T>> {
    value.map(|v| parse(&v).map_err(|_| AppError::corrupt(format!("company_profile.{column}"), &v))).transpose()
}

fn profile_of(row: repo::ProfileRow, country: Country) -> AppResult<CompanyProfile> {
    if row.country != country.code() {
        return Err(AppError::corrupt("company_profile.country", &row.country));
    }
    let address = match (row.street, row.postcode, row.city) {
        (Some(street), Some(postcode), Some(city)) => {
            Some(PostalAddress { street, street2: row.street2, postcode, city })
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
    let ids = stored_ids("company_profile", &fields, country)?;
    let terms = PaymentTerms::parse(&row.payment_terms_days.to_string(), country)
        .map_err(|_| AppError::corrupt("company_profile.payment_terms_days", row.payment_terms_days))?;
    let late_penalty_bp = row
        .late_penalty_bp
        .map(|bp| u32::try_from(bp).map_err(|_| AppError::corrupt("company_profile.late_penalty_bp", bp)))
        .transpose()?;
    let prefix = |column: &str, value: String| {
        SeriesPrefix::parse(&value).map_err(|_| AppError::corrupt(format!("company_profile.{column}"), &value))
    };
    Ok(CompanyProfile {
        legal_name: row.legal_name,
        legal_form: row.legal_form,
        share_capital_minor: row.share_capital_minor,
        address,
        email: read("email", row.email, Email::parse)?,
        phone: row.phone,
        ids,
        rcs_city: row.rcs_city,
        bank_account: read("bank_account", row.bank_account, |raw| BankAccount::parse(raw, country))?,
        bic: read("bic", row.bic, Bic::parse)?,
        terms,
        late_penalty_bp,
        hourly_rate_minor: row.hourly_rate_minor,
        invoice_prefix: prefix("invoice_prefix", row.invoice_prefix)?,
        credit_note_prefix: prefix("credit_note_prefix", row.credit_note_prefix)?,
        document_lang: Lang::from_tag(&row.document_lang)
            .ok_or_else(|| AppError::corrupt("company_profile.document_lang", &row.document_lang))?,
    })
}

fn row_of(profile: &CompanyProfile, scope: &TenantScope) -> AppResult<repo::ProfileRow> {
    Ok(row(profile, &scope.tenant.country, scope.currency()?.code()))
}

fn row(p: &CompanyProfile, country: &str, currency: &str) -> repo::ProfileRow {
    let id = |name| p.ids.get(name).map(str::to_owned);
    let address = p.address.clone();
    repo::ProfileRow {
        legal_name: p.legal_name.clone(),
        legal_form: p.legal_form.clone(),
        country: country.to_owned(),
        currency: currency.to_owned(),
        street: address.as_ref().map(|a| a.street.clone()),
        street2: address.as_ref().and_then(|a| a.street2.clone()),
        postcode: address.as_ref().map(|a| a.postcode.clone()),
        city: address.map(|a| a.city),
        email: p.email.as_ref().map(|e| e.as_str().to_owned()),
        phone: p.phone.clone(),
        share_capital_minor: p.share_capital_minor,
        rcs_city: p.rcs_city.clone(),
        bank_account: p.bank_account.as_ref().map(|a| a.number().to_owned()),
        bic: p.bic.as_ref().map(|b| b.as_str().to_owned()),
        payment_terms_days: i64::from(p.terms.days()),
        late_penalty_bp: p.late_penalty_bp.map(i64::from),
        hourly_rate_minor: p.hourly_rate_minor,
        invoice_prefix: p.invoice_prefix.as_str().to_owned(),
        credit_note_prefix: p.credit_note_prefix.as_str().to_owned(),
        document_lang: p.document_lang.tag().to_owned(),
        siren: id("siren"),
        siret: id("siret"),
        vat_number: id("vat_number"),
        nif: id("nif"),
        nis: id("nis"),
        rc: id("rc"),
        ai: id("ai"),
        updated_at: None,
    }
}

/// The names of the form fields whose values differ, in the form's order.
fn changed_fields(before: &CompanyProfileForm, after: &CompanyProfileForm) -> Vec<&'static str> {
    before.values().into_iter().zip(after.values()).filter(|(b, a)| b != a).map(|(_, (name, _))| name).collect()
}
