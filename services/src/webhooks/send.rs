//! Sending deliveries. Every few seconds each server process looks at every active company:
//! the deliveries due are claimed for a minute (a lease in the company's database, so that two
//! processes never send one at once, and one that died mid-send is taken over when its lease
//! ends), POSTed signed, and their outcome recorded. A receiver is only ever reached at a
//! public address: the stored address is checked again before each try, and every address a
//! host name resolves to is checked before connecting (a name that turned private is refused).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use domain::events::EventKind;
use domain::webhooks::delivery::{Payload, StoredEvent, TryOutcome, message_id};
use domain::webhooks::signature::{self, ID_HEADER, SIGNATURE_HEADER, Secret, TIMESTAMP_HEADER};
use domain::webhooks::target::{Reach, Target, allowed_ip};

use super::repo;
use crate::control::TenantRecord;
use crate::db::Db;
use crate::{AppError, AppResult, AppState};

/// How long a claim lasts: longer than a try can take.
const LEASE_MS: i64 = 60_000;
/// Deliveries a company sends at most a round, at once.
const PER_ROUND: i64 = 20;
/// Tries in flight at once in this process, all companies together.
const IN_FLIGHT: usize = 32;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
const TRY_TIMEOUT: Duration = Duration::from_secs(10);
const LOOKUP_TIMEOUT: Duration = Duration::from_secs(5);

/// The HTTP client of the deliveries: no redirects followed (a redirect could lead inside), no
/// proxy from the environment (the address check must be about the receiver), every resolved
/// address checked.
pub struct Sender {
    client: reqwest::Client,
    in_flight: Arc<tokio::sync::Semaphore>,
}

impl Sender {
    pub fn new(reach: Reach) -> Result<Self, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(TRY_TIMEOUT)
            .user_agent(concat!("Atelier-Webhooks/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(CheckedResolver { reach }))
            .build()
            .map_err(|e| format!("webhook client: {e}"))?;
        Ok(Self { client, in_flight: Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT)) })
    }
}

/// Resolves a host name and refuses it whole if any of its addresses is not allowed.
struct CheckedResolver {
    reach: Reach,
}

impl reqwest::dns::Resolve for CheckedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let reach = self.reach;
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses = checked_addresses(&host, 0, reach).await.map_err(|code| match code {
                "webhook-url-private" => format!("{host} resolves to an address that is not public"),
                _ => format!("{host} could not be resolved"),
            })?;
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The addresses `host` resolves to, every one allowed; else why not (an error code).
async fn checked_addresses(host: &str, port: u16, reach: Reach) -> Result<Vec<SocketAddr>, &'static str> {
    let lookup = tokio::time::timeout(LOOKUP_TIMEOUT, tokio::net::lookup_host((host, port))).await;
    let addresses: Vec<SocketAddr> = match lookup {
        Ok(Ok(found)) => found.collect(),
        _ => return Err("webhook-url-unknown-host"),
    };
    if addresses.is_empty() {
        return Err("webhook-url-unknown-host");
    }
    if addresses.iter().any(|a| !allowed_ip(a.ip(), reach)) {
        return Err("webhook-url-private");
    }
    Ok(addresses)
}

/// A new address's host, when it is a name: it must resolve, and only to allowed addresses.
pub async fn check_host(target: &Target, reach: Reach) -> AppResult<()> {
    let Some(host) = target.host_name() else { return Ok(()) };
    let port = target.url().port_or_known_default().unwrap_or(443);
    checked_addresses(host, port, reach).await.map(|_| ()).map_err(|code| AppError::field("url", code))
}

/// What a company's round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub delivered: usize,
    pub failed: usize,
}

/// Sends what is due in every active company whose mode lets scheduled work write, the companies side by side (a receiver that
/// keeps one waiting does not hold up the others'); a company whose round fails is reported and
/// the others go on.
pub async fn round(state: &AppState, holder: &str, now_ms: i64) -> AppResult<Vec<(String, AppResult<Sent>)>> {
    let mut rounds = tokio::task::JoinSet::new();
    for tenant in crate::control::list_tenants(state).await? {
        if crate::governance::mode::jobs_may_write(&tenant) {
            let (state, holder) = (state.clone(), holder.to_owned());
            rounds.spawn(async move {
                let sent = tenant_round(&state, &tenant, &holder, now_ms).await;
                (tenant.code, sent)
            });
        }
    }
    let mut outcomes = Vec::new();
    while let Some(done) = rounds.join_next().await {
        outcomes.push(done.map_err(|e| AppError::Internal(e.to_string()))?);
    }
    Ok(outcomes)
}

/// Claims a company's due deliveries and sends them at once, each recorded as it ends. A try
/// whose outcome could not be recorded is logged and counted as failed; its lease ends and it is
/// tried again.
pub async fn tenant_round(state: &AppState, tenant: &TenantRecord, holder: &str, now_ms: i64) -> AppResult<Sent> {
    let db = state.tenants.get(tenant).await?;
    if !repo::any_due(db.pool(), now_ms).await? {
        return Ok(Sent::default());
    }
    let mut tx = db.begin_write().await?;
    let claimed = repo::claim(&mut *tx, holder, now_ms, now_ms + LEASE_MS, PER_ROUND).await?;
    tx.commit().await?;
    let mut tries = tokio::task::JoinSet::new();
    let lease = Lease { holder: holder.to_owned(), until_ms: now_ms + LEASE_MS };
    for id in claimed {
        let (state, db, tenant, lease) = (state.clone(), db.clone(), tenant.code.clone(), lease.clone());
        tries.spawn(async move { deliver(&state, &db, &tenant, &lease, id).await });
    }
    let mut sent = Sent::default();
    while let Some(done) = tries.join_next().await {
        match done.map_err(|e| AppError::Internal(e.to_string())).and_then(|outcome| outcome) {
            Ok(Some(true)) => sent.delivered += 1,
            Ok(Some(false)) => sent.failed += 1,
            Ok(None) => {}
            Err(error) => {
                tracing::warn!(tenant = %tenant.code, %error, "a webhook try was not recorded");
                sent.failed += 1;
            }
        }
    }
    Ok(sent)
}

/// A round's claim on its deliveries.
#[derive(Clone)]
struct Lease {
    holder: String,
    until_ms: i64,
}

/// One try of one claimed delivery: whether the receiver took it; None when it waited for its
/// turn so long that its lease could end before the try does (it is left to the next round,
/// never sent by two processes at once).
async fn deliver(state: &AppState, db: &Db, tenant: &str, lease: &Lease, id: i64) -> AppResult<Option<bool>> {
    let pool = db.pool();
    let row = repo::delivery(pool, id).await?.ok_or(AppError::NotFound)?;
    let webhook = repo::webhook(pool, &row.webhook_id).await?.ok_or(AppError::NotFound)?;
    let _turn = state.webhooks.in_flight.acquire().await.map_err(|e| AppError::Internal(e.to_string()))?;
    let now_ms = state.clock.now_ms();
    let longest_try = i64::try_from((CONNECT_TIMEOUT + TRY_TIMEOUT).as_millis()).unwrap_or(i64::MAX);
    if now_ms + longest_try >= lease.until_ms {
        return Ok(None);
    }
    let outcome = match try_once(state, tenant, &row, &webhook, now_ms).await {
        Ok(outcome) => outcome,
        Err(error) => TryOutcome { status: None, error: Some(error) },
    };
    let tries = u32::try_from(row.tries + 1).map_err(|_| AppError::corrupt("webhook_deliveries.tries", row.tries))?;
    let (next_state, next_try_ms) = outcome.next(tries, now_ms);
    let error = outcome.error_text();
    let record = repo::Outcome {
        id,
        holder: &lease.holder,
        state: next_state.as_str(),
        tries: i64::from(tries),
        at_ms: now_ms,
        status: outcome.status.map(i64::from),
        error: error.as_deref(),
        next_try_ms,
    };
    let mut tx = db.begin_write().await?;
    if !repo::record(&mut *tx, &record).await? {
        tracing::warn!(tenant, delivery = id, "a webhook delivery's lease ended before its try was recorded");
    }
    tx.commit().await?;
    if !outcome.delivered() {
        tracing::info!(tenant, delivery = id, error = error.as_deref().unwrap_or_default(), "webhook delivery failed");
    }
    Ok(Some(outcome.delivered()))
}

/// Builds, signs and POSTs the delivery; Err(why) when it could not be sent at all.
async fn try_once(
    state: &AppState,
    tenant: &str,
    row: &repo::DeliveryRow,
    webhook: &repo::WebhookRow,
    now_ms: i64,
) -> Result<TryOutcome, String> {
    let target = Target::parse(&webhook.url, state.settings.webhook_reach)
        .map_err(|code| format!("the address is no longer allowed ({code})"))?;
    let secrets = secrets(state, webhook, now_ms).map_err(|e| e.to_string())?;
    let kind = EventKind::parse(&row.kind).map_err(|_| format!("unknown event kind {}", row.kind))?;
    let event = StoredEvent {
        id: row.event_id,
        at_ms: row.event_at_ms,
        kind,
        entity_id: &row.entity_id,
        subject: &row.subject,
    };
    let body = Payload::of(tenant, &event, state.settings.public_url.as_deref()).body();
    let message = message_id(tenant, row.event_id);
    let timestamp_s = now_ms.div_euclid(1000);
    let signatures = signature::header(&secrets.iter().collect::<Vec<_>>(), &message, timestamp_s, &body);
    let sender = &state.webhooks;
    let answer = sender
        .client
        .post(target.url().clone())
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(ID_HEADER, &message)
        .header(TIMESTAMP_HEADER, timestamp_s.to_string())
        .header(SIGNATURE_HEADER, signatures)
        .body(body)
        .send()
        .await;
    Ok(match answer {
        Ok(response) => TryOutcome { status: Some(response.status().as_u16()), error: None },
        Err(error) => TryOutcome { status: None, error: Some(describe(&error)) },
    })
}

/// The webhook's secrets that sign now: its own, and the one it replaced for a day after.
fn secrets(state: &AppState, webhook: &repo::WebhookRow, now_ms: i64) -> AppResult<Vec<Secret>> {
    let key = &state.settings.secret_key;
    let open = |sealed: &str| -> AppResult<Secret> {
        let text = String::from_utf8(key.open(&webhook.id, sealed)?)
            .map_err(|_| AppError::corrupt("webhooks.secret_sealed", &webhook.id))?;
        Secret::parse(&text).ok_or_else(|| AppError::corrupt("webhooks.secret_sealed", &webhook.id))
    };
    let mut secrets = vec![open(&webhook.secret_sealed)?];
    if let (Some(previous), Some(until)) = (&webhook.previous_secret_sealed, webhook.previous_until_ms)
        && now_ms < until
    {
        secrets.push(open(previous)?);
    }
    Ok(secrets)
}

/// Why a request failed, from the HTTP client's error and its causes, without the address (its
/// query may hold the receiver's own token).
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        return format!("no answer within {} s", TRY_TIMEOUT.as_secs());
    }
    let mut parts = Vec::new();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(error);
    while let Some(e) = cause {
        parts.push(e.to_string());
        cause = e.source();
    }
    if parts.is_empty() { "the request could not be sent".to_owned() } else { parts.join(": ") }
}
