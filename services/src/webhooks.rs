//! Webhooks (`domain::webhooks`): the addresses a company's admins register, the deliveries
//! queued with each business event of the kinds they name (`queue`, in the event's own
//! transaction), and their sending (`send`). Admins register, change and send again; auditors
//! read.

mod repo;
pub mod send;

use std::collections::HashMap;

use domain::alerts::views::Stamp;
use domain::events::EventKind;
use domain::webhooks::commands::{DeliveryQuery, WebhookSettings, kinds_text, parse_kinds_text};
use domain::webhooks::delivery::DeliveryState;
use domain::webhooks::signature::{SECRET_BYTES, Secret};
use domain::webhooks::views::{
    DeliveryLine, NewestDelivery, PAGE_SIZE, WebhookDetails, WebhookLine, WebhookListing, WebhookView,
};
use domain::{AuditKind, Permission};
use rand::RngCore;
use sqlx::AnyConnection;

use crate::audit::{self, Event, RequestMeta};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// How long the previous secret still signs after a rotation, so receivers can switch.
pub const PREVIOUS_SECRET_MS: i64 = 24 * 3_600_000;

/// Queues `event` (just recorded, of `kind`) for every webhook that is on and sent that kind,
/// in the caller's transaction: the deliveries exist exactly when the event does.
pub(crate) async fn queue(db: &mut AnyConnection, event_id: i64, kind: EventKind, now_ms: i64) -> AppResult<()> {
    repo::queue(db, event_id, kind.as_str(), now_ms).await?;
    Ok(())
}

fn stored_kinds(row: &repo::WebhookRow) -> AppResult<Vec<EventKind>> {
    parse_kinds_text(&row.kinds).ok_or_else(|| AppError::corrupt("webhooks.kinds", &row.kinds))
}

fn stored_state(raw: &str) -> AppResult<DeliveryState> {
    DeliveryState::parse(raw).map_err(|_| AppError::corrupt("webhook_deliveries.state", raw))
}

fn stored_status(raw: Option<i64>) -> AppResult<Option<u16>> {
    raw.map(|s| u16::try_from(s).map_err(|_| AppError::corrupt("webhook_deliveries.last_status", s))).transpose()
}

/// The company's webhooks with where their deliveries stand.
pub async fn list(scope: &TenantScope) -> AppResult<WebhookListing> {
    scope.require(Permission::WebhooksRead)?;
    let pool = scope.db.pool();
    let rows = repo::webhooks(pool).await?;
    let summaries: HashMap<String, repo::Summary> =
        repo::summaries(pool).await?.into_iter().map(|s| (s.id.clone(), s)).collect();
    let lines = rows
        .into_iter()
        .map(|row| {
            let summary = summaries.get(&row.id);
            let newest = match summary.and_then(|s| s.newest_state.as_deref()) {
                None => None,
                Some(state) => Some(NewestDelivery {
                    state: stored_state(state)?,
                    status: stored_status(summary.and_then(|s| s.newest_status))?,
                    tried_at_local_ms: summary.and_then(|s| s.newest_try_ms).map(|t| scope.local_ms(t)),
                }),
            };
            let count = |n: Option<i64>| u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX);
            Ok(WebhookLine {
                kinds: stored_kinds(&row)?,
                id: row.id,
                url: row.url,
                description: row.description,
                enabled: row.enabled == 1,
                pending: count(summary.map(|s| s.pending)),
                failed: count(summary.map(|s| s.failed)),
                newest,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(WebhookListing { lines, can_manage: scope.allows(Permission::WebhooksManage) })
}

/// One webhook and a page of its deliveries, newest first.
pub async fn page(state: &AppState, scope: &TenantScope, id: &str, query: &DeliveryQuery) -> AppResult<WebhookDetails> {
    scope.require(Permission::WebhooksRead)?;
    let pool = scope.db.pool();
    let row = repo::webhook(pool, id).await?.ok_or(AppError::NotFound)?;
    let state_filter = query.state.map(DeliveryState::as_str);
    let mut rows = repo::deliveries(pool, id, state_filter, query.before, PAGE_SIZE + 1).await?;
    let next = (rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.id)
    });
    let names = crate::members::names(state, scope).await?;
    let stamp = |by: &str, at: i64| Stamp {
        who: names.get(by).cloned().unwrap_or_else(|| "—".into()),
        at_local_ms: scope.local_ms(at),
    };
    let webhook = WebhookView {
        kinds: stored_kinds(&row)?,
        created: stamp(&row.created_by, row.created_at_ms),
        changed: row.updated_by.as_deref().zip(row.updated_at_ms).map(|(by, at)| stamp(by, at)),
        secret_rotated: row.rotated_by.as_deref().zip(row.rotated_at_ms).map(|(by, at)| stamp(by, at)),
        id: row.id,
        url: row.url,
        description: row.description,
        enabled: row.enabled == 1,
    };
    let deliveries = rows.into_iter().map(|r| delivery_line(scope, r)).collect::<AppResult<_>>()?;
    Ok(WebhookDetails {
        webhook,
        deliveries,
        next: next.flatten(),
        state: query.state,
        can_manage: scope.allows(Permission::WebhooksManage),
    })
}

fn delivery_line(scope: &TenantScope, r: repo::DeliveryRow) -> AppResult<DeliveryLine> {
    let kind = EventKind::parse(&r.kind).map_err(|_| AppError::corrupt("app_events.kind", &r.kind))?;
    let local = |t: Option<i64>| t.map(|t| scope.local_ms(t));
    Ok(DeliveryLine {
        id: r.id,
        kind,
        href: kind.entity().href(&r.entity_id),
        subject: r.subject,
        queued_at_local_ms: scope.local_ms(r.queued_at_ms),
        state: stored_state(&r.state)?,
        tries: u32::try_from(r.tries).map_err(|_| AppError::corrupt("webhook_deliveries.tries", r.tries))?,
        last_try_local_ms: local(r.last_try_ms),
        last_status: stored_status(r.last_status)?,
        last_error: r.last_error,
        next_try_local_ms: local(r.next_try_ms),
        delivered_local_ms: local(r.delivered_at_ms),
        replays: u32::try_from(r.replays).unwrap_or(u32::MAX),
    })
}

/// A new signing secret: random bytes, and the text its admin copies.
fn new_secret() -> Secret {
    let mut bytes = [0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::from_random(bytes)
}

fn settings_detail(settings: &WebhookSettings) -> String {
    format!(
        "{} kinds={} enabled={}",
        settings.url.as_str(),
        kinds_text(&settings.kinds).trim_matches(','),
        settings.enabled
    )
}

/// Registers a webhook; audited. Returns its id and its secret, which is shown this once.
pub async fn create(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    settings: &WebhookSettings,
    now_ms: i64,
) -> AppResult<(String, Secret)> {
    scope.require(Permission::WebhooksManage)?;
    send::check_host(&settings.url, state.settings.webhook_reach).await?;
    let id = uuid::Uuid::new_v4().to_string();
    let secret = new_secret();
    let sealed = state.settings.secret_key.seal(&id, secret.text().as_bytes())?;
    let kinds = kinds_text(&settings.kinds);
    let row = repo::NewWebhook {
        id: &id,
        url: settings.url.as_str(),
        description: settings.description.as_deref().unwrap_or_default(),
        kinds: &kinds,
        enabled: settings.enabled,
        secret_sealed: &sealed,
        by: &scope.user.id,
        at_ms: now_ms,
    };
    let mut tx = scope.db.begin_write().await?;
    repo::insert(&mut *tx, &row).await?;
    tx.commit().await?;
    let event = Event::new(AuditKind::WebhookCreated)
        .tenant(&scope.tenant.code)
        .user(&scope.user.id)
        .subject(&id)
        .detail(settings_detail(settings));
    audit::record(state, meta, event).await?;
    Ok((id, secret))
}

/// Changes a webhook's address, description, kinds, or turns it on or off; audited. What is
/// queued already keeps going (to the new address); a webhook turned off is sent nothing.
pub async fn update(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    id: &str,
    settings: &WebhookSettings,
    now_ms: i64,
) -> AppResult<()> {
    scope.require(Permission::WebhooksManage)?;
    send::check_host(&settings.url, state.settings.webhook_reach).await?;
    let kinds = kinds_text(&settings.kinds);
    let change = repo::Change {
        id,
        url: settings.url.as_str(),
        description: settings.description.as_deref().unwrap_or_default(),
        kinds: &kinds,
        enabled: settings.enabled,
        by: &scope.user.id,
        at_ms: now_ms,
    };
    let mut tx = scope.db.begin_write().await?;
    if repo::update(&mut *tx, &change).await? != 1 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    let event = Event::new(AuditKind::WebhookChanged)
        .tenant(&scope.tenant.code)
        .user(&scope.user.id)
        .subject(id)
        .detail(settings_detail(settings));
    audit::record(state, meta, event).await
}

/// Replaces a webhook's secret; audited. The new one is shown this once; the previous one
/// still signs every delivery beside it for a day, so the receiver can switch without a gap.
pub async fn rotate_secret(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    id: &str,
    now_ms: i64,
) -> AppResult<Secret> {
    scope.require(Permission::WebhooksManage)?;
    let key = &state.settings.secret_key;
    let mut tx = scope.db.begin_write().await?;
    let row = repo::webhook(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    let secret = new_secret();
    let sealed = key.seal(id, secret.text().as_bytes())?;
    let rotation = repo::Rotation {
        id,
        secret_sealed: &sealed,
        previous_sealed: &row.secret_sealed,
        previous_until_ms: now_ms + PREVIOUS_SECRET_MS,
        by: &scope.user.id,
        at_ms: now_ms,
    };
    repo::rotate(&mut *tx, &rotation).await?;
    tx.commit().await?;
    let event = Event::new(AuditKind::WebhookSecretRotated).tenant(&scope.tenant.code).user(&scope.user.id).subject(id);
    audit::record(state, meta, event).await?;
    Ok(secret)
}

/// Sends a delivered or given-up delivery again, now, with a fresh count of tries; audited.
/// Returns its webhook's id. One still waiting for a try is refused (it goes by itself).
pub async fn replay(
    state: &AppState,
    meta: &RequestMeta,
    scope: &TenantScope,
    delivery: i64,
    now_ms: i64,
) -> AppResult<String> {
    scope.require(Permission::WebhooksManage)?;
    let mut tx = scope.db.begin_write().await?;
    let row = repo::delivery(&mut *tx, delivery).await?.ok_or(AppError::NotFound)?;
    if !stored_state(&row.state)?.replayable() || !repo::replay(&mut *tx, delivery, now_ms).await? {
        return Err(AppError::Conflict("delivery-pending"));
    }
    tx.commit().await?;
    let event = Event::new(AuditKind::WebhookDeliveryReplayed)
        .tenant(&scope.tenant.code)
        .user(&scope.user.id)
        .subject(&row.webhook_id)
        .detail(format!("delivery {delivery}: {} event {}", row.kind, row.event_id));
    audit::record(state, meta, event).await?;
    Ok(row.webhook_id)
}
