//! Personal data (GDPR): a company's admins export what the company holds about one of its
//! members as one JSON file, and erase a departed member or a customer contact; the platform
//! operator does the same across companies from the command line. An erasure replaces personal
//! fields and keeps ids, links and what the law keeps (the audit log, issued invoices); it is
//! audited, and the databases refuse an erasure that leaves a personal field behind or a way
//! back in (control migration 0013, tenant migration 0024).

mod held;
mod json;
mod repo;

use domain::customer::CustomerKind;
use domain::governance::personal_data::{
    self as rules, CUSTOMERS_LISTED, CustomerFacts, CustomerLine, EXPORT_FORMAT, ErasureForm, ErasureRefusal,
    MemberFacts, MemberLine, PersonalDataPage,
};
use domain::governance::thresholds::Limited;
use domain::{AuditKind, Country, Permission, Role, TenantCode};
use serde::Serialize;

use crate::audit::{self, Event, RequestMeta};
use crate::control::{TenantRecord, UserRecord};
use crate::db::Db;
use crate::members::PLATFORM_OPERATOR;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// The personal data page: the company's members, and the customers a search finds.
pub async fn page(state: &AppState, scope: &TenantScope, search: Option<&str>) -> AppResult<PersonalDataPage> {
    scope.require(Permission::GovernanceRead)?;
    let search = rules::parse_search(search)?;
    let rows = repo::members(state.control.pool(), &scope.tenant.code).await?;
    let members = rows.into_iter().map(|row| member_line(scope, row)).collect::<AppResult<_>>()?;
    let (customers, more_customers) = match &search {
        None => (Vec::new(), false),
        Some(text) => {
            let mut rows = repo::customers(scope.db.pool(), &text.to_lowercase(), CUSTOMERS_LISTED + 1).await?;
            let more = rows.len() as i64 > CUSTOMERS_LISTED;
            rows.truncate(CUSTOMERS_LISTED as usize);
            (rows.into_iter().map(customer_line).collect::<AppResult<_>>()?, more)
        }
    };
    Ok(PersonalDataPage {
        members,
        customers,
        search,
        more_customers,
        can_manage: scope.allows(Permission::GovernancePersonalData),
    })
}

fn member_facts(scope: &TenantScope, row: &repo::MemberRow) -> MemberFacts {
    MemberFacts {
        is_self: row.id == scope.user.id,
        anonymised: row.anonymised_at_ms.is_some(),
        other_companies: row.other_companies,
    }
}

fn member_line(scope: &TenantScope, row: repo::MemberRow) -> AppResult<MemberLine> {
    let not_erasable = rules::member_erasable(member_facts(scope, &row)).err();
    Ok(MemberLine {
        role: Role::parse(&row.role).map_err(|_| AppError::corrupt("memberships.role", &row.role))?,
        disabled: row.disabled_at_ms.is_some(),
        anonymised: row.anonymised_at_ms.is_some(),
        not_erasable,
        id: row.id,
        name: row.display_name,
        email: row.email,
    })
}

fn customer_line(row: repo::CustomerRow) -> AppResult<CustomerLine> {
    Ok(CustomerLine {
        kind: CustomerKind::parse(&row.kind).map_err(|_| AppError::corrupt("customers.kind", &row.kind))?,
        anonymised: row.anonymised_at.is_some(),
        id: row.id,
        name: row.legal_name,
        city: row.city,
        email: row.email,
    })
}

/// The export's file: its name and its bytes.
#[derive(Clone, Debug)]
pub struct Download {
    pub file_name: String,
    pub body: Vec<u8>,
}

/// Everything held about a person, as the file says it (format `atelier-personal-data/1`,
/// described in docs/governance.md).
#[derive(Serialize)]
struct Export {
    format: &'static str,
    #[serde(serialize_with = "json::utc")]
    exported_at: i64,
    exported_by: String,
    account: repo::Account,
    companies: Vec<CompanyPart>,
    /// The platform's audit entries about the person (sign-ins before a company is chosen…);
    /// only in the platform operator's export.
    #[serde(skip_serializing_if = "Option::is_none")]
    platform_audit: Option<Vec<repo::AuditEntry>>,
}

#[derive(Serialize)]
struct CompanyPart {
    membership: repo::Membership,
    single_sign_on: Vec<repo::SsoLink>,
    sessions: Vec<repo::Session>,
    audit: Vec<repo::AuditEntry>,
    #[serde(flatten)]
    held: held::Held,
}

async fn company_part(state: &AppState, db: &Db, tenant: &str, user_id: &str, email: &str) -> AppResult<CompanyPart> {
    let control = state.control.pool();
    Ok(CompanyPart {
        membership: repo::membership(control, user_id, tenant).await?.ok_or(AppError::NotFound)?,
        single_sign_on: repo::sso_links(control, user_id, tenant).await?,
        sessions: repo::sessions(control, user_id, tenant).await?,
        audit: repo::audit(control, tenant, user_id, email).await?,
        held: held::of_person(db.pool(), user_id).await?,
    })
}

async fn account(state: &AppState, user_id: &str) -> AppResult<repo::Account> {
    repo::account(state.control.pool(), user_id).await?.ok_or(AppError::NotFound)
}

fn file(export: &Export, name: &str) -> AppResult<Download> {
    let body = serde_json::to_vec_pretty(export).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Download { file_name: format!("personal-data-{name}.json"), body })
}

/// What the company holds about one of its members, as a JSON file. A bulk operation: the
/// company's per-user limit counts it.
pub async fn export_member(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    user_id: &str,
) -> AppResult<Download> {
    scope.require(Permission::GovernancePersonalData)?;
    let member = repo::member(state.control.pool(), &scope.tenant.code, user_id).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now_ms();
    crate::governance::thresholds::admit(scope, Limited::PersonalDataExport, now).await?;
    let export = Export {
        format: EXPORT_FORMAT,
        exported_at: now,
        exported_by: scope.user.email.clone(),
        account: account(state, &member.id).await?,
        companies: vec![company_part(state, &scope.db, &scope.tenant.code, &member.id, &member.email).await?],
        platform_audit: None,
    };
    let download = file(&export, &format!("{}-{}", scope.tenant.code.to_lowercase(), rules::short_id(&member.id)))?;
    let event = Event::new(AuditKind::PersonalDataExported).tenant(&scope.tenant.code).user(&scope.user.id);
    audit::record(state, meta, event.subject(&member.email)).await?;
    Ok(download)
}

/// The companies an account belongs to, for the platform operator.
async fn companies_of(state: &AppState, user_id: &str) -> AppResult<Vec<TenantRecord>> {
    let mut tenants = Vec::new();
    for membership in crate::control::repo::memberships_of(state.control.pool(), user_id).await? {
        let code = TenantCode::parse(&membership.tenant_code)
            .map_err(|_| AppError::corrupt("memberships.tenant_code", &membership.tenant_code))?;
        tenants.extend(crate::control::repo::get_tenant(state.control.pool(), &code).await?);
    }
    Ok(tenants)
}

/// Everything the platform holds about an account, in every company (the operator's export).
pub async fn export_account(state: &AppState, meta: &RequestMeta, user: &UserRecord) -> AppResult<Download> {
    let tenants = companies_of(state, &user.id).await?;
    let mut companies = Vec::with_capacity(tenants.len());
    for tenant in &tenants {
        let db = state.tenants.get(tenant).await?;
        companies.push(company_part(state, &db, &tenant.code, &user.id, &user.email).await?);
    }
    let export = Export {
        format: EXPORT_FORMAT,
        exported_at: state.clock.now_ms(),
        exported_by: PLATFORM_OPERATOR.to_owned(),
        account: account(state, &user.id).await?,
        companies,
        platform_audit: Some(repo::audit(state.control.pool(), "*", &user.id, &user.email).await?),
    };
    let download = file(&export, &rules::short_id(&user.id))?;
    let event = Event::new(AuditKind::PersonalDataExported).subject(&user.email).detail(PLATFORM_OPERATOR);
    record_for(state, meta, event, &tenants).await?;
    Ok(download)
}

/// An event of the platform operator about an account (see `audit::record_in_companies`).
async fn record_for(state: &AppState, meta: &RequestMeta, event: Event, tenants: &[TenantRecord]) -> AppResult<()> {
    let companies: Vec<&str> = tenants.iter().map(|t| t.code.as_str()).collect();
    let mut tx = state.control.begin_write().await?;
    audit::record_in_companies(&mut tx, state.clock.now_ms(), meta, event, &companies).await?;
    tx.commit().await
}

/// Erases a departed member of the company: their account keeps its id and loses its name,
/// e-mail, password, second factor, single sign-on links and sessions, for good.
pub async fn anonymise_member(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    form: &ErasureForm,
) -> AppResult<()> {
    scope.require(Permission::GovernancePersonalData)?;
    let id = form.parse()?;
    let member = repo::member(state.control.pool(), &scope.tenant.code, &id).await?.ok_or(AppError::NotFound)?;
    rules::member_erasable(member_facts(scope, &member)).map_err(|why| AppError::Conflict(why.code()))?;
    let event = Event::new(AuditKind::UserAnonymised).tenant(&scope.tenant.code).user(&scope.user.id);
    erase_account(state, meta, &member.id, &member.email, std::slice::from_ref(&scope.tenant), event).await
}

/// Erases any account, shared or not (the platform operator's); returns its new address.
pub async fn anonymise_account(state: &AppState, meta: &RequestMeta, user: &UserRecord) -> AppResult<String> {
    let tenants = companies_of(state, &user.id).await?;
    let event = Event::new(AuditKind::UserAnonymised).detail(PLATFORM_OPERATOR);
    erase_account(state, meta, &user.id, &user.email, &tenants, event).await?;
    Ok(rules::anonymised_email(&user.id))
}

/// The erasure itself: first what each company's database says of the person by e-mail (each
/// step can run again), then the account, its ways in and the audit entries, in one
/// transaction of the control database.
async fn erase_account(
    state: &AppState,
    meta: &RequestMeta,
    user_id: &str,
    email: &str,
    tenants: &[TenantRecord],
    event: Event,
) -> AppResult<()> {
    let (new_email, new_name) = (rules::anonymised_email(user_id), rules::anonymised_name(user_id));
    for tenant in tenants {
        let db = state.tenants.get(tenant).await?;
        let mut tx = db.begin_write().await?;
        repo::erase_member_traces(&mut tx, user_id, email, &new_email).await?;
        tx.commit().await?;
    }
    let now = state.clock.now_ms();
    let mut tx = state.control.begin_write().await?;
    let erased = repo::erase_account(&mut tx, user_id, email, &new_email, &new_name, now)
        .await
        .map_err(|e| AppError::raised(e, &["user-anonymised"]))?;
    if !erased {
        return Err(AppError::Conflict(ErasureRefusal::AlreadyAnonymised.code()));
    }
    let companies: Vec<&str> = tenants.iter().map(|t| t.code.as_str()).collect();
    audit::record_in_companies(&mut tx, now, meta, event.subject(&new_email), &companies).await?;
    tx.commit().await
}

/// Erases a customer contact of the company (see `rules::erased_customer`).
pub async fn anonymise_customer(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    form: &ErasureForm,
) -> AppResult<()> {
    scope.require(Permission::GovernancePersonalData)?;
    let id = form.parse()?;
    let now = state.clock.now_ms();
    erase_customer(&scope.db, scope.country()?, &id, now).await?;
    let event = Event::new(AuditKind::CustomerAnonymised).tenant(&scope.tenant.code).user(&scope.user.id);
    audit::record(state, meta, event.subject(&id)).await
}

/// The platform operator's erasure of a customer of a company.
pub async fn anonymise_customer_of(
    state: &AppState,
    meta: &RequestMeta,
    tenant: &TenantCode,
    id: &str,
) -> AppResult<()> {
    let record = crate::control::repo::get_tenant(state.control.pool(), tenant).await?.ok_or(AppError::NotFound)?;
    let country = Country::parse(&record.country).map_err(|_| AppError::corrupt("tenants.country", &record.country))?;
    let db = state.tenants.get(&record).await?;
    erase_customer(&db, country, id, state.clock.now_ms()).await?;
    let event = Event::new(AuditKind::CustomerAnonymised).tenant(&record.code).subject(id);
    audit::record(state, meta, event.detail(PLATFORM_OPERATOR)).await
}

async fn erase_customer(db: &Db, country: Country, id: &str, now_ms: i64) -> AppResult<()> {
    let mut tx = db.begin_write().await?;
    let facts = repo::customer_facts(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    rules::customer_erasable(CustomerFacts {
        anonymised: facts.anonymised_at.is_some() && facts.email.is_none(),
        drafts: facts.drafts,
        open_missions: facts.open_missions,
    })
    .map_err(|why| AppError::Conflict(why.code()))?;
    let customer = crate::invoicing::customers::stored(&mut tx, id, country).await?.ok_or(AppError::NotFound)?;
    let erased = rules::erased_customer(&customer, id);
    crate::invoicing::customers::rewrite(&mut tx, id, &erased, now_ms).await?;
    let street = (customer.kind == CustomerKind::Individual).then_some(rules::ERASED_STREET);
    for mission in repo::missions_of_customer(&mut *tx, id).await? {
        let caller = rules::erased_caller(mission.caller_name.as_deref(), &mission.id);
        let search = crate::missions::search_text(mission.number, &mission.title, &erased.legal_name, &mission.city);
        repo::erase_mission(&mut *tx, &mission.id, caller.as_deref(), street, &search, now_ms)
            .await
            .map_err(|e| AppError::raised(e, &["customer-anonymised", "mission-closed"]))?;
    }
    repo::mark_customer_erased(&mut *tx, id, now_ms)
        .await
        .map_err(|e| AppError::raised(e, &["customer-anonymised"]))?;
    tx.commit().await
}
