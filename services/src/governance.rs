//! Governing a company: its emergency mode (`mode`), its feature flags (`flags`), its security
//! thresholds and the limits they set (`thresholds`), its security status (`security`), its
//! retention and purges (`retention`), its REST API's tokens (`api_tokens`), personal data (`personal_data`),
//! and the security events that unusual activity raises.

pub mod api_tokens;
pub mod flags;
pub mod integrity;
pub mod mode;
pub mod personal_data;
pub mod repo;
pub mod retention;
pub mod security;
pub mod thresholds;

use domain::governance::thresholds::{Limited, Threshold};
use domain::stock::anomaly::{Anomaly, StockRules};
use domain::stock::reports::{Anomalies, AnomalyView};
use domain::{Permission, Severity, TenantCode};
use sqlx::AnyExecutor;

use crate::db::Db;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Whether this member may make a change needing `permission` now: no emergency mode stops
/// their changes, and an administrative one stays within their limit a minute. The one check of
/// every write path (server functions, plain routes, the REST API).
pub async fn admit_write(scope: &TenantScope, permission: Permission, now_ms: i64) -> AppResult<()> {
    mode::check_write(scope)?;
    if permission.is_administration() {
        thresholds::admit(scope, Limited::AdminAction, now_ms).await?;
    }
    Ok(())
}

/// A company's database, for the platform's own commands (not a member's request).
pub async fn tenant_db(state: &AppState, code: &TenantCode) -> AppResult<Db> {
    let tenant = crate::control::tenant(state, code.as_str()).await?.ok_or(AppError::NotFound)?;
    state.tenants.get(&tenant).await
}

/// Sets a threshold by name (the database refuses a value out of its range).
pub async fn set_threshold(db: &Db, name: &str, value: i64, by: &str, now_ms: i64) -> AppResult<()> {
    repo::set_threshold(db.pool(), name, value, by, now_ms).await?;
    Ok(())
}

/// The company's stock thresholds; a missing one keeps its default.
pub async fn stock_rules<'e>(db: impl AnyExecutor<'e>) -> AppResult<StockRules> {
    let thresholds = thresholds::of_company(db).await?;
    Ok(StockRules {
        change_threshold_pct: thresholds.get(Threshold::ValueChangePercent),
        quiet_from_minute: thresholds.get(Threshold::UnusualHoursStart),
        quiet_until_minute: thresholds.get(Threshold::UnusualHoursEnd),
        movements_per_minute: thresholds.get(Threshold::MaxStockMovements),
    })
}

/// Stock anomalies, newest first, a page at a time, with who recorded each movement.
pub async fn stock_anomalies(state: &AppState, scope: &TenantScope, before_id: Option<i64>) -> AppResult<Anomalies> {
    scope.require(Permission::StockRead)?;
    let kinds = Anomaly::ALL.map(Anomaly::as_str);
    let rows = repo::events(scope.db.pool(), &kinds, before_id, PAGE_SIZE).await?;
    let next = (rows.len() as i64 == PAGE_SIZE).then(|| rows.last().map(|e| e.id)).flatten();
    let names = crate::members::names(state, scope).await?;
    let mut events = Vec::with_capacity(rows.len());
    for e in rows {
        events.push(AnomalyView {
            id: e.id,
            at_local_ms: scope.local_ms(e.at_ms),
            severity: Severity::parse(&e.severity)
                .ok_or_else(|| AppError::corrupt("security_events.severity", &e.severity))?,
            kind: Anomaly::parse(&e.kind).ok_or_else(|| AppError::corrupt("security_events.kind", &e.kind))?,
            who: e.user_id.and_then(|u| names.get(&u).cloned()).unwrap_or_default(),
            article_id: e.article_id,
            article_code: e.article_code,
            site_code: e.site_code,
            before_milli: e.qty_before_milli,
            after_milli: e.qty_after_milli,
        });
    }
    Ok(Anomalies { events, next })
}

pub const PAGE_SIZE: i64 = 50;
