//! Invoicing a finished mission: a draft of its approved hours and its parts, linked to it in
//! the same transaction; issuing that draft invoices the time and the mission in the issuing
//! transaction, or refuses the whole issue.

use domain::Permission;
use domain::invoicing::draft::{Category, DraftHeader};
use domain::invoicing::vat::VatRate;
use domain::mission::invoice::{Part, Pricing, labour_of, lines};
use domain::mission::state::{Action, MissionState};

use super::{repo, stored_state};
use crate::db::WriteTx;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, company, timesheets};

/// Creates the invoice draft of a done mission; returns its id. Time not yet approved blocks
/// it, listed; a mission already invoiced (or with a draft) is refused.
pub async fn draft(state: &AppState, scope: &TenantScope, mission: &str, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::MissionsInvoice)?;
    crate::invoicing::require_writable(scope).await?;
    let (row, _) = super::visible(scope, mission).await?;
    if stored_state(&row.state)? != MissionState::Done {
        return Err(AppError::Conflict("mission-not-done"));
    }
    if row.invoice_id.is_some() {
        return Err(AppError::Conflict("mission-has-invoice"));
    }
    // Read before the transaction, which then holds a single connection.
    let profile = company::profile(scope).await?;
    let country = scope.country()?;
    let (time, _) = timesheets::of_mission(&crate::members::roster(state, scope).await?, scope, &row.id).await?;
    let labour = labour_of(&time);
    let mut parts = Vec::new();
    for p in repo::parts(scope.db.pool(), &row.id).await? {
        let bp = p.vat_rate_bp;
        parts.push(Part {
            vat: VatRate::of(bp, country).map_err(|_| AppError::corrupt("articles.vat_rate_bp", bp))?,
            article: p.article_id,
            designation: p.designation,
            unit: p.unit,
            quantity_milli: p.qty_milli,
            sale_price_minor: p.sale_price_minor,
        });
    }
    let words = documents::Words { lang: profile.document_lang };
    let reference = domain::mission::views::reference(row.number);
    let wording = |technician: &str| {
        words.t_args("mission-labour-line", &[("technician", technician.to_owned()), ("mission", reference.clone())])
    };
    let pricing = Pricing {
        hourly_rate_minor: row.hourly_rate_minor.or(profile.hourly_rate_minor),
        vat: VatRate::standard(country),
        wording: &wording,
        hour_unit: &words.t("mission-hour-unit"),
    };
    let lines = lines(&labour, &parts, &pricing).map_err(AppError::Conflict)?;
    if lines.is_empty() {
        return Err(AppError::Conflict("mission-nothing-to-invoice"));
    }
    let header = DraftHeader {
        customer: row.customer_id.clone(),
        issue_date: None,
        due_date: None,
        category: if parts.is_empty() { Category::Services } else { Category::Mixed },
        payment_method: None,
        exemption: None,
    };
    let mut tx = scope.db.begin_write().await?;
    timesheets::require_approved(state, scope, &mut tx, &row.id).await?;
    let id = crate::invoicing::drafts::create_in(scope, &mut tx, &header, &lines, profile.terms.days(), now_ms).await?;
    let minutes: u32 = labour.iter().map(|l| l.minutes).sum();
    if !repo::link_invoice(&mut *tx, &row.id, &id, i64::from(minutes)).await? {
        return Err(AppError::Conflict("mission-has-invoice"));
    }
    tx.commit().await?;
    Ok(id)
}

/// Inside the transaction issuing invoice `id`: if it is a mission's, every one of the
/// mission's entries must be approved; they become invoiced, and the mission moves to
/// invoiced. Anything else refuses the issue.
pub(crate) async fn issued(
    tx: &mut WriteTx,
    state: &AppState,
    scope: &TenantScope,
    invoice: &str,
    now_ms: i64,
) -> AppResult<()> {
    let Some((mission, stored, drafted)) = repo::of_invoice(&mut **tx, invoice).await? else { return Ok(()) };
    if stored_state(&stored)? != MissionState::Done {
        return Err(AppError::Conflict("mission-not-done"));
    }
    timesheets::require_approved(state, scope, tx, &mission).await?;
    // Time approved after the draft was made is not on it: draft it again rather than
    // invoice hours the customer does not see.
    if Some(timesheets::approved_minutes(tx, &mission).await?) != drafted {
        return Err(AppError::Conflict("mission-time-changed"));
    }
    timesheets::invoice(tx, &mission, invoice, now_ms).await?;
    let step = domain::mission::state::transition(Action::Invoice, MissionState::Done)
        .ok_or_else(|| AppError::Internal("no invoicing step".into()))?;
    repo::record(&mut **tx, &mission, Some(step.from.as_str()), step.to.as_str(), None, &scope.user.id, now_ms)
        .await
        .map_err(|e| AppError::raised(e, &["mission-transition-invalid", "mission-state-changed", "mission-closed"]))
}

/// A draft being deleted lets go of its mission, which may be invoiced again.
pub(crate) async fn unlink(tx: &mut WriteTx, invoice: &str) -> AppResult<()> {
    repo::unlink_invoice(&mut **tx, invoice).await?;
    Ok(())
}
