//! `/api/governance/features/*`: the feature flags, whether one is open to the caller, and
//! their changes (on or off, rollout and roles, kill switch).

use axum::Json;
use domain::governance::flags::{self as rules, Closed, FlagEdit, FlagSetting, KillForm};
use domain::{Flag, Permission, Role, ValidationErrors};
use serde::{Deserialize, Serialize};
use services::AppError;
use services::governance::flags;
use utoipa::ToSchema;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};

use super::api::Api;
use super::body::{Body, Params, Whole};
use super::problem::{Problem, ReadRefusals, WriteRefusals};
use super::schemas;
use super::times::utc;

/// A flag's kill switch, thrown.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct KillSwitch {
    reason: String,
    by: String,
    at: String,
}

/// A feature and how the company has it.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Feature {
    /// `stock_movements`, `manual_stock_override`, `bulk_stock_import`,
    /// `auto_reorder_suggestions`, `invoicing`, `missions`, `data_export_full`.
    key: String,
    /// `stock`, `invoicing`, `missions` or `data`.
    category: String,
    /// What turning it off risks: `low`, `medium` or `high`.
    risk: String,
    default_enabled: bool,
    enabled: bool,
    /// The share of users who have it (a stable bucket per user).
    rollout_percent: u8,
    /// The roles it is limited to; empty for every role.
    roles: Vec<String>,
    /// Set while its kill switch is thrown: then nobody has it.
    kill_switch: Option<KillSwitch>,
}

fn feature(zone: chrono_tz::Tz, s: FlagSetting) -> Feature {
    let flag = s.flag;
    Feature {
        key: flag.name().to_owned(),
        category: flag.category().name().to_owned(),
        risk: flag.risk().name().to_owned(),
        default_enabled: flag.default_on(),
        enabled: s.enabled,
        rollout_percent: s.rollout_pct,
        roles: s.roles.iter().map(|r| r.as_str().to_owned()).collect(),
        kill_switch: s.kill.map(|k| KillSwitch { reason: k.reason, by: k.by, at: utc(zone, k.at_ms) }),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Features {
    features: Vec<Feature>,
}

/// Every feature flag of the company.
#[utoipa::path(get, path = "/api/governance/features", operation_id = "listFeatures", tag = "features",
    responses((status = 200, body = Features), ReadRefusals), security(("bearer" = [])))]
pub async fn list(api: Api) -> Result<Json<Features>, Problem> {
    let scope = api.read(Permission::GovernanceRead).await?;
    let settings = flags::all(&scope.db).await.map_err(|e| api.problem(&e))?;
    Ok(Json(Features { features: settings.into_iter().map(|s| feature(scope.zone, s)).collect() }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckQuery {
    key: String,
}

// By hand: the derive leaves a parameter optional when its schema is built by a function.
impl utoipa::IntoParams for CheckQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let key = ParameterBuilder::new()
            .name("key")
            .parameter_in(ParameterIn::Query)
            .required(Required::True)
            .description(Some("The flag's key"))
            .schema(Some(schemas::flag_key()))
            .build();
        vec![key]
    }
}

/// Whether a feature is open to the token's admin now.
#[derive(Serialize, ToSchema)]
pub struct Check {
    key: String,
    enabled: bool,
    /// Why not: `feature-off`, `feature-killed`, `feature-not-for-role` or `feature-not-yet`.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    /// The kill switch's reason, when it is thrown.
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

/// Whether a feature is open to the token's admin, as every server path checks it.
#[utoipa::path(get, path = "/api/governance/features/check", operation_id = "checkFeature", tag = "features", params(CheckQuery),
    responses((status = 200, body = Check), (status = 400, description = "No key given",
        body = super::problem::ProblemBody, content_type = "application/problem+json"), (status = 422,
        description = "Not a flag's key", body = super::problem::ProblemBody, content_type = "application/problem+json"),
        ReadRefusals),
    security(("bearer" = [])))]
pub async fn check(api: Api, Params(query): Params<CheckQuery>) -> Result<Json<Check>, Problem> {
    let scope = api.read(Permission::GovernanceRead).await?;
    let flag = parse_key(&query.key).map_err(|e| api.problem(&e))?;
    let closed = flags::closed_to(scope, flag).await.map_err(|e| api.problem(&e))?;
    let detail = match &closed {
        Some(Closed::Killed(reason)) => Some(reason.clone()),
        _ => None,
    };
    Ok(Json(Check {
        key: flag.name().to_owned(),
        enabled: closed.is_none(),
        reason: closed.map(|c| c.code().to_owned()),
        detail,
    }))
}

fn parse_key(key: &str) -> Result<Flag, AppError> {
    rules::parse_flag(key).map_err(|code| AppError::field("key", code))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ToggleRequest {
    #[schema(schema_with = schemas::flag_key)]
    key: String,
    enabled: bool,
}

/// Turns a feature on or off; its rollout and roles stay.
#[utoipa::path(post, path = "/api/governance/features/toggle", operation_id = "toggleFeature", tag = "features", request_body = ToggleRequest,
    responses((status = 200, description = "The flag now", body = Feature), WriteRefusals), security(("bearer" = [])))]
pub async fn toggle(api: Api, Body(request): Body<ToggleRequest>) -> Result<Json<Feature>, Problem> {
    let scope = api.write(Permission::GovernanceFlags).await?;
    let flag = parse_key(&request.key).map_err(|e| api.problem(&e))?;
    let edit = FlagEdit::Toggle(request.enabled);
    let setting = flags::edit(&api.state, &api.meta, scope, flag, &edit).await.map_err(|e| api.problem(&e))?;
    Ok(Json(feature(scope.zone, setting)))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KillRequest {
    #[schema(schema_with = schemas::flag_key)]
    key: String,
    /// True throws the switch (nobody has the feature, at once), false releases it.
    active: bool,
    /// Required to throw it: shown where the feature was, and kept in the audit log.
    #[serde(default)]
    #[schema(max_length = 300)]
    reason: String,
}

/// Throws or releases a feature's kill switch. Allowed in every mode (an incident is never
/// refused), and never counted by the admin-action limit.
#[utoipa::path(post, path = "/api/governance/features/kill-switch", operation_id = "killSwitch", tag = "features", request_body = KillRequest,
    responses((status = 200, description = "The flag now", body = Feature), WriteRefusals), security(("bearer" = [])))]
pub async fn kill_switch(api: Api, Body(request): Body<KillRequest>) -> Result<Json<Feature>, Problem> {
    let scope = api.read(Permission::GovernanceFlags).await?;
    let kill = if request.active { "on" } else { "off" };
    let form = KillForm { flag: request.key, kill: kill.to_owned(), reason: request.reason };
    let renamed = [("flag", "key"), ("kill", "active")];
    let change = form.parse().map_err(|e| api.refused(&e.into(), &renamed))?;
    flags::kill(&api.state, &api.meta, scope, &change).await.map_err(|e| api.problem(&e))?;
    let setting = flags::get(scope.db.pool(), change.flag).await.map_err(|e| api.problem(&e))?;
    Ok(Json(feature(scope.zone, setting)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RolloutRequest {
    #[schema(schema_with = schemas::flag_key)]
    key: String,
    /// The share of users who get it, 0 to 100: a user's bucket is a stable hash of the flag and
    /// the user, so raising the share keeps those who had it.
    #[schema(value_type = i64, minimum = 0, maximum = 100)]
    percent: Whole,
    /// The roles it is limited to (`admin`, `manager`, `accountant`, `technician`, `auditor`);
    /// empty for every role; absent keeps them.
    #[schema(schema_with = schemas::roles)]
    roles: Option<Vec<String>>,
}

/// Opens a feature to a share of users, and to some roles.
#[utoipa::path(post, path = "/api/governance/features/rollout", operation_id = "rolloutFeature", tag = "features", request_body = RolloutRequest,
    responses((status = 200, description = "The flag now", body = Feature), WriteRefusals), security(("bearer" = [])))]
pub async fn rollout(api: Api, Body(request): Body<RolloutRequest>) -> Result<Json<Feature>, Problem> {
    let scope = api.write(Permission::GovernanceFlags).await?;
    let (flag, edit) = parse_rollout(&request).map_err(|e| api.problem(&e.into()))?;
    let setting = flags::edit(&api.state, &api.meta, scope, flag, &edit).await.map_err(|e| api.problem(&e))?;
    Ok(Json(feature(scope.zone, setting)))
}

fn parse_rollout(request: &RolloutRequest) -> Result<(Flag, FlagEdit), ValidationErrors> {
    let mut errors = ValidationErrors::new();
    let flag = errors.check("key", rules::parse_flag(&request.key));
    let pct = errors.check("percent", rules::percent(request.percent.0));
    let roles = match &request.roles {
        None => Some(None),
        Some(names) => {
            let parsed: Result<Vec<Role>, _> = names.iter().map(|n| Role::parse(n)).collect();
            errors.check("roles", parsed.map_err(|_| "unknown-role")).map(Some)
        }
    };
    match (flag, pct, roles) {
        (Some(flag), Some(pct), Some(roles)) if errors.is_empty() => Ok((flag, FlagEdit::Rollout { pct, roles })),
        _ => Err(errors),
    }
}
