//! `/api/governance/security/*`: the security status, the emergency mode, the thresholds.

use axum::Json;
use domain::Permission;
use domain::governance::thresholds::{self as rules, Threshold, Unit};
use domain::governance::{ModeForm, ModeState};
use serde::{Deserialize, Serialize};
use services::governance::{mode, security, thresholds};
use utoipa::ToSchema;

use super::api::Api;
use super::body::{Body, Whole};
use super::problem::{Problem, ReadRefusals, WriteRefusals};
use super::schemas;

/// An emergency mode and the reason given for it.
#[derive(Serialize, ToSchema)]
pub struct ModeBody {
    /// `NORMAL`, `READ_ONLY`, `LOCKDOWN` or `MAINTENANCE`.
    mode: String,
    reason: Option<String>,
}

impl From<&ModeState> for ModeBody {
    fn from(state: &ModeState) -> Self {
        Self { mode: state.mode.as_str().to_owned(), reason: state.reason.clone() }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Modes {
    /// The company's own mode.
    company: ModeBody,
    /// The whole platform's, set by its operator.
    platform: ModeBody,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SecurityStatus {
    modes: Modes,
    /// Members whose account is locked now.
    locked_accounts: i64,
    /// Failed sign-ins of the members in the last hour.
    failed_sign_ins_last_hour: i64,
    /// Stock anomalies, refused actions and accounts locked in the last 24 hours.
    security_events_last_24_hours: i64,
    /// Whether each count reaches the company's warning threshold.
    failed_sign_ins_alert: bool,
    security_events_alert: bool,
}

/// Locked accounts, failed sign-ins, security events and the modes in force.
#[utoipa::path(get, path = "/api/governance/security/status", operation_id = "securityStatus", tag = "security",
    responses((status = 200, body = SecurityStatus), ReadRefusals), security(("bearer" = [])))]
pub async fn status(api: Api) -> Result<Json<SecurityStatus>, Problem> {
    let scope = api.read(Permission::GovernanceRead).await?;
    let s = security::status(&api.state, scope).await.map_err(|e| api.problem(&e))?;
    Ok(Json(SecurityStatus {
        modes: Modes { company: (&s.modes.company).into(), platform: (&s.modes.platform).into() },
        locked_accounts: s.locked_accounts,
        failed_sign_ins_last_hour: s.failed_sign_ins,
        security_events_last_24_hours: s.security_events(),
        failed_sign_ins_alert: s.failed_sign_ins_alert(),
        security_events_alert: s.security_events_alert(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModeRequest {
    #[schema(schema_with = schemas::mode)]
    mode: String,
    /// Shown to everyone the mode stops, and kept in the audit log.
    #[schema(min_length = 1, max_length = 300)]
    reason: String,
}

/// Sets the company's emergency mode. Allowed in every mode (an incident is never refused), and
/// never counted by the admin-action limit.
#[utoipa::path(post, path = "/api/governance/security/emergency-mode", operation_id = "setEmergencyMode", tag = "security", request_body = ModeRequest,
    responses((status = 200, description = "The company's mode now", body = ModeBody), WriteRefusals),
    security(("bearer" = [])))]
pub async fn emergency_mode(api: Api, Body(request): Body<ModeRequest>) -> Result<Json<ModeBody>, Problem> {
    let scope = api.read(Permission::GovernanceModeSet).await?;
    let form = ModeForm { mode: request.mode, reason: request.reason };
    let mode = mode::set_company(&api.state, &api.meta, scope, &form).await.map_err(|e| api.problem(&e))?;
    let reason = Some(form.reason.trim().to_owned());
    Ok(Json(ModeBody::from(&ModeState { mode, reason })))
}

/// One threshold: its value and range, in its unit.
#[derive(Serialize, ToSchema)]
pub struct ThresholdBody {
    /// The name a change gives it (`maxSignInAttemptsPerHour`…).
    key: String,
    value: i64,
    min: i64,
    max: i64,
    default: i64,
    /// `count`, `minutes`, `percent`, or `minute-of-day` (minutes after midnight, local time).
    unit: String,
}

#[derive(Serialize, ToSchema)]
pub struct Thresholds {
    thresholds: Vec<ThresholdBody>,
}

fn unit(unit: Unit) -> &'static str {
    match unit {
        Unit::Count => "count",
        Unit::Minutes => "minutes",
        Unit::Percent => "percent",
        Unit::TimeOfDay => "minute-of-day",
    }
}

async fn answer(api: &Api) -> Result<Json<Thresholds>, Problem> {
    let scope = &api.caller.scope;
    let current = thresholds::current(&api.state, scope).await.map_err(|e| api.problem(&e))?;
    let thresholds = Threshold::ALL
        .iter()
        .map(|t| ThresholdBody {
            key: t.api_key(),
            value: current.get(*t),
            min: *t.range().start(),
            max: *t.range().end(),
            default: t.default_value(),
            unit: unit(t.unit()).to_owned(),
        })
        .collect();
    Ok(Json(Thresholds { thresholds }))
}

/// The company's security thresholds.
#[utoipa::path(get, path = "/api/governance/security/thresholds", operation_id = "securityThresholds", tag = "security",
    responses((status = 200, body = Thresholds), ReadRefusals), security(("bearer" = [])))]
pub async fn thresholds(api: Api) -> Result<Json<Thresholds>, Problem> {
    api.read(Permission::GovernanceRead).await?;
    answer(&api).await
}

/// Changes some thresholds: an object of names and whole numbers (`{"lockoutMinutes": 45}`);
/// the others keep their value. Every value is checked against its range, all or nothing.
#[utoipa::path(post, path = "/api/governance/security/thresholds", operation_id = "saveSecurityThresholds", tag = "security",
    request_body(content = schemas::ThresholdChanges, description = "Thresholds by name"),
    responses((status = 200, description = "Every threshold after the change", body = Thresholds), WriteRefusals),
    security(("bearer" = [])))]
pub async fn save_thresholds(
    api: Api,
    Body(values): Body<std::collections::BTreeMap<String, Whole>>,
) -> Result<Json<Thresholds>, Problem> {
    let scope = api.write(Permission::GovernanceSecurity).await?;
    let current = thresholds::current(&api.state, scope).await.map_err(|e| api.problem(&e))?;
    let values: Vec<(String, i64)> = values.into_iter().map(|(name, value)| (name, value.0)).collect();
    let form = rules::changed_by(&current, &values).map_err(|e| api.problem(&e.into()))?;
    thresholds::save(&api.state, &api.meta, scope, &form).await.map_err(|e| api.problem(&e))?;
    answer(&api).await
}
