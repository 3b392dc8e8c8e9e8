//! `/api/governance/retention/*`: the retention table, what the company holds by age, and purges
//! (a dry run unless asked otherwise).

use app::i18n::I18n;
use axum::Json;
use axum::http::StatusCode;
use domain::Permission;
use domain::governance::retention::{DataType, Handling, PurgeForm, PurgeView, RunsFrom};
use serde::{Deserialize, Serialize};
use services::governance::retention;
use utoipa::ToSchema;

use super::api::Api;
use super::body::Body;
use super::problem::{Problem, ReadRefusals, WriteRefusals};
use super::schemas;
use super::times::rfc3339;

/// A kind of data of the retention table.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// `invoices`, `payments`, `stock_movements`, `receipts`, `audit_logs`, `security_logs`,
    /// `deliveries`, `lots`, `session_tokens`, `sync_events`.
    entity_type: String,
    label: String,
    retention_years: u32,
    /// `year-end` (from the close of the record's year) or `record-date`.
    runs_from: String,
    /// `purged` once past retention, `kept` whatever its age, `not-held` by this product.
    handling: String,
    /// Why a kept kind is never purged (`retention-kept-ledger-chain`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    kept_because: Option<String>,
    legal_basis: LegalBasis,
}

/// The law that sets the period, in each country.
#[derive(Serialize, ToSchema)]
pub struct LegalBasis {
    #[serde(rename = "FR")]
    fr: String,
    #[serde(rename = "DZ")]
    dz: String,
}

#[derive(Serialize, ToSchema)]
pub struct Policies {
    policies: Vec<Policy>,
}

fn policy(i18n: I18n, data_type: DataType) -> Policy {
    let text = data_type.text_key();
    let (handling, kept_because) = match data_type.handling() {
        Handling::Purged => ("purged", None),
        Handling::Kept(why) => ("kept", Some(why.code().to_owned())),
        Handling::NotHeld => ("not-held", None),
    };
    Policy {
        entity_type: data_type.key().to_owned(),
        label: i18n.t(&format!("retention-type-{text}")),
        retention_years: data_type.years(),
        runs_from: match data_type.runs_from() {
            RunsFrom::YearEnd => "year-end",
            RunsFrom::RecordDate => "record-date",
        }
        .to_owned(),
        handling: handling.to_owned(),
        kept_because,
        legal_basis: LegalBasis {
            fr: i18n.t(&format!("retention-basis-fr-{text}")),
            dz: i18n.t(&format!("retention-basis-dz-{text}")),
        },
    }
}

/// The retention table, with each kind's period and legal basis.
#[utoipa::path(get, path = "/api/governance/retention/policies", operation_id = "retentionPolicies", tag = "retention",
    responses((status = 200, body = Policies), ReadRefusals), security(("bearer" = [])))]
pub async fn policies(api: Api) -> Result<Json<Policies>, Problem> {
    api.read(Permission::GovernanceRead).await?;
    let i18n = I18n { lang: api.lang };
    Ok(Json(Policies { policies: DataType::ALL.iter().map(|t| policy(i18n, *t)).collect() }))
}

/// What the company holds of one kind, by age; absent for a kind the product does not hold.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Holding {
    entity_type: String,
    /// Dated within the last twelve months (a session: not ended yet).
    active: i64,
    archive: i64,
    /// Past its retention.
    eligible: i64,
    /// The dates of the oldest and newest records.
    oldest: Option<String>,
    newest: Option<String>,
}

/// A purge, running or ended.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Purge {
    id: String,
    entity_type: String,
    /// `running`, `done`, `failed` or `interrupted`.
    status: String,
    /// Records dated before this day were past their retention.
    eligible_before: String,
    total: i64,
    deleted: i64,
    started_by: String,
    started_at: String,
    finished_at: Option<String>,
    /// Why a purge failed (an error code).
    error: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RetentionStatus {
    /// When the ages were counted: at most a minute ago.
    counted_at: String,
    holdings: Vec<Holding>,
    /// The latest purges, newest first.
    purges: Vec<Purge>,
}

fn purge_body(zone: chrono_tz::Tz, p: PurgeView) -> Purge {
    Purge {
        id: p.id,
        entity_type: p.data_type.key().to_owned(),
        status: p.status.as_str().to_owned(),
        eligible_before: p.eligible_before.to_string(),
        total: p.total,
        deleted: p.done,
        started_by: p.by,
        started_at: rfc3339(zone, p.started_local_ms),
        finished_at: p.finished_local_ms.map(|at| rfc3339(zone, at)),
        error: p.error,
    }
}

/// What the company holds of each kind by age, and its latest purges.
#[utoipa::path(get, path = "/api/governance/retention/status", operation_id = "retentionStatus", tag = "retention",
    responses((status = 200, body = RetentionStatus), ReadRefusals), security(("bearer" = [])))]
pub async fn status(api: Api) -> Result<Json<RetentionStatus>, Problem> {
    let scope = api.read(Permission::GovernanceRead).await?;
    let page = retention::page(&api.state, scope, None).await.map_err(|e| api.problem(&e))?;
    let zone = scope.zone;
    let holdings = page
        .policies
        .into_iter()
        .filter_map(|p| {
            let counts = p.counts?;
            Some(Holding {
                entity_type: p.data_type.key().to_owned(),
                active: counts.active,
                archive: counts.archive,
                eligible: counts.eligible,
                oldest: counts.oldest_local_ms.map(|at| rfc3339(zone, at)),
                newest: counts.newest_local_ms.map(|at| rfc3339(zone, at)),
            })
        })
        .collect();
    let purges = page.purges.into_iter().map(|p| purge_body(zone, p)).collect();
    Ok(Json(RetentionStatus { counted_at: rfc3339(zone, page.counted_local_ms), holdings, purges }))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PurgeRequest {
    #[schema(schema_with = schemas::entity_type)]
    entity_type: String,
    /// True (the default) counts what a purge would delete and writes nothing.
    #[serde(default = "dry_by_default")]
    dry_run: bool,
}

fn dry_by_default() -> bool {
    true
}

/// A dry run's count, or the purge it started.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PurgeAnswer {
    dry_run: bool,
    entity_type: String,
    /// Records dated before this day are past their retention.
    eligible_before: String,
    /// What a purge would delete (a dry run), or is deleting.
    rows: i64,
    oldest: Option<String>,
    newest: Option<String>,
    /// For a dry run of a kind never purged: why (`retention-kept-audit-chain`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    refused: Option<String>,
    /// The purge started (not a dry run); its progress is in the retention status.
    #[serde(skip_serializing_if = "Option::is_none")]
    purge_id: Option<String>,
}

const RENAMED: &[(&str, &str)] = &[("data_type", "entityType"), ("confirm", "dryRun")];

/// A dry run (the default) counts what a purge of one kind would delete, the oldest and newest;
/// `"dryRun": false` starts the purge (202), which deletes in batches in the background. Kinds
/// the law or the product keeps are refused.
#[utoipa::path(post, path = "/api/governance/retention/purge", operation_id = "retentionPurge", tag = "retention", request_body = PurgeRequest,
    responses((status = 200, description = "The dry run's count", body = PurgeAnswer),
        (status = 202, description = "The purge started", body = PurgeAnswer), WriteRefusals),
    security(("bearer" = [])))]
pub async fn purge(api: Api, Body(request): Body<PurgeRequest>) -> Result<(StatusCode, Json<PurgeAnswer>), Problem> {
    if request.dry_run {
        return Ok((StatusCode::OK, Json(dry_run(&api, &request.entity_type).await?)));
    }
    let scope = api.write(Permission::GovernanceRetention).await?;
    let form = PurgeForm { data_type: request.entity_type, confirm: "on".to_owned() };
    let id = retention::start(&api.state, &api.meta, scope, &form).await.map_err(|e| api.refused(&e, RENAMED))?;
    let started = retention::progress(&api.state, scope, &id).await.map_err(|e| api.problem(&e))?;
    Ok((
        StatusCode::ACCEPTED,
        Json(PurgeAnswer {
            dry_run: false,
            entity_type: started.data_type.key().to_owned(),
            eligible_before: started.eligible_before.to_string(),
            rows: started.total,
            oldest: None,
            newest: None,
            refused: None,
            purge_id: Some(id),
        }),
    ))
}

async fn dry_run(api: &Api, entity_type: &str) -> Result<PurgeAnswer, Problem> {
    let scope = api.read(Permission::GovernanceRead).await?;
    let unknown = || api.refused(&services::AppError::field("data_type", "retention-unknown-type"), RENAMED);
    let data_type = DataType::parse(entity_type).ok_or_else(unknown)?;
    let dry =
        retention::check(&api.state, scope, data_type, api.state.clock.now_ms()).await.map_err(|e| api.problem(&e))?;
    Ok(PurgeAnswer {
        dry_run: true,
        entity_type: dry.data_type.key().to_owned(),
        eligible_before: dry.eligible_before.to_string(),
        rows: dry.rows,
        oldest: dry.oldest_local_ms.map(|at| rfc3339(scope.zone, at)),
        newest: dry.newest_local_ms.map(|at| rfc3339(scope.zone, at)),
        refused: dry.refused,
        purge_id: None,
    })
}
