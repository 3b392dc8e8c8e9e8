//! `atelier close`: closing periods of a company's inalterable ledger.

use domain::TenantCode;
use domain::invoicing::ledger::closure::Period;
use services::AppError;
use services::invoicing::closures::{self, Closed};

use super::{explain, open};
use crate::config::Config;

/// Closes `period` (or every period due) of `tenant`, and prints each closure.
pub(super) async fn close(tenant: &str, period: Option<&str>, config: &Config) -> Result<(), String> {
    let code = TenantCode::parse(tenant).map_err(|e| format!("tenant: {e}"))?;
    let period = period
        .map(Period::parse)
        .transpose()
        .map_err(|_| "period: give a day (2026-03-10), a month (2026-03) or a year (2026)".to_owned())?;
    let state = open(config).await?;
    let result = closures::close_tenant(&state, &code, period, state.clock.now_ms()).await;
    state.close().await;
    let closed = result.map_err(|e| match e {
        AppError::NotFound => format!("no tenant {code}"),
        AppError::ClosureOutOfOrder { expected } => format!("closure-out-of-order: close {expected} first"),
        other => explain(other),
    })?;
    if closed.is_empty() {
        println!("nothing to close: every period over is closed");
    }
    for done in &closed {
        print(done);
    }
    Ok(())
}

fn print(done: &Closed) {
    let f = &done.fields;
    println!(
        "closed {} {} ({} to {}): entry {}, hash {}",
        f.kind.as_str(),
        f.period,
        f.start,
        f.end,
        done.entry.seq,
        done.entry.hash
    );
    println!(
        "  period: {} invoices, {} credit notes, {} payments; turnover {} (minor units, VAT included)",
        f.sums.invoices.count,
        f.sums.credit_notes.count,
        f.sums.payments.count,
        f.sums.turnover()
    );
    println!("  perpetual: turnover {}, payments {}", f.perpetual.turnover(), f.perpetual.payments.amount);
    for draft in &done.drafts {
        println!(
            "  draft still dated in the period: {} ({}, {}): date it later to issue it",
            draft.id, draft.issue_date, draft.customer
        );
    }
}

/// Writes the archive of `period` of `tenant` into `out`.
pub(super) async fn archive(tenant: &str, period: &str, out: &std::path::Path, config: &Config) -> Result<(), String> {
    let code = TenantCode::parse(tenant).map_err(|e| format!("tenant: {e}"))?;
    let period =
        Period::parse(period).map_err(|_| "period: give a day (2026-03-10), a month (2026-03) or a year (2026)")?;
    let state = open(config).await?;
    let result = async {
        let tenant = services::control::tenant(&state, code.as_str()).await?.ok_or(AppError::NotFound)?;
        let db = state.tenants.get(&tenant).await?;
        services::invoicing::archive::write(&db, &tenant.name, period, out).await
    }
    .await;
    state.close().await;
    let manifest = result.map_err(|e| match e {
        AppError::NotFound => {
            format!("nothing to archive: no tenant {code} or no ledger entry dated in {}", period.label())
        }
        AppError::Conflict(code) => format!("{code}: {} holds files already", out.display()),
        other => explain(other),
    })?;
    let l = &manifest.ledger;
    println!(
        "archived {} of {}: entries {} to {} ({}), {} documents, head {} in {}",
        manifest.period,
        manifest.company,
        l.first_seq,
        l.last_seq,
        l.entries,
        manifest.documents.len(),
        l.head,
        out.display()
    );
    Ok(())
}

/// Checks the archive in `dir`; prints OK and what it holds, or the first problem.
pub(super) fn verify(dir: &std::path::Path) -> Result<(), String> {
    let verified = services::invoicing::archive::verify::verify(dir).map_err(|problem| format!("BROKEN: {problem}"))?;
    println!(
        "OK: {} — entries {} to {} ({}), {} documents, head {}",
        verified.period, verified.first_seq, verified.last_seq, verified.entries, verified.documents, verified.head
    );
    Ok(())
}
