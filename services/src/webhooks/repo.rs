//! SQL of the webhooks and their deliveries (migration 0018).

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct WebhookRow {
    pub id: String,
    pub url: String,
    pub description: String,
    pub kinds: String,
    pub enabled: i64,
    pub secret_sealed: String,
    pub previous_secret_sealed: Option<String>,
    pub previous_until_ms: Option<i64>,
    pub rotated_by: Option<String>,
    pub rotated_at_ms: Option<i64>,
    pub created_by: String,
    pub created_at_ms: i64,
    pub updated_by: Option<String>,
    pub updated_at_ms: Option<i64>,
}

const WEBHOOK_COLUMNS: &str = "id, url, description, kinds, enabled, secret_sealed, previous_secret_sealed, \
                               previous_until_ms, rotated_by, rotated_at_ms, created_by, created_at_ms, \
                               updated_by, updated_at_ms";

pub async fn webhooks<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<WebhookRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {WEBHOOK_COLUMNS} FROM webhooks ORDER BY created_at_ms, id")).fetch_all(db).await
}

pub async fn webhook<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<WebhookRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1")).bind(id).fetch_optional(db).await
}

pub struct NewWebhook<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    pub kinds: &'a str,
    pub enabled: bool,
    pub secret_sealed: &'a str,
    pub by: &'a str,
    pub at_ms: i64,
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, w: &NewWebhook<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhooks (id, url, description, kinds, enabled, secret_sealed, created_by, created_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(w.id)
    .bind(w.url)
    .bind(w.description)
    .bind(w.kinds)
    .bind(i64::from(w.enabled))
    .bind(w.secret_sealed)
    .bind(w.by)
    .bind(w.at_ms)
    .execute(db)
    .await?;
    Ok(())
}

pub struct Change<'a> {
    pub id: &'a str,
    pub url: &'a str,
    pub description: &'a str,
    pub kinds: &'a str,
    pub enabled: bool,
    pub by: &'a str,
    pub at_ms: i64,
}

/// Rows changed (0: no such webhook).
pub async fn update<'e>(db: impl AnyExecutor<'e>, c: &Change<'_>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhooks SET url = $1, description = $2, kinds = $3, enabled = $4, updated_by = $5, updated_at_ms = $6 \
         WHERE id = $7",
    )
    .bind(c.url)
    .bind(c.description)
    .bind(c.kinds)
    .bind(i64::from(c.enabled))
    .bind(c.by)
    .bind(c.at_ms)
    .bind(c.id)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

pub struct Rotation<'a> {
    pub id: &'a str,
    pub secret_sealed: &'a str,
    pub previous_sealed: &'a str,
    pub previous_until_ms: i64,
    pub by: &'a str,
    pub at_ms: i64,
}

pub async fn rotate<'e>(db: impl AnyExecutor<'e>, r: &Rotation<'_>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhooks SET secret_sealed = $1, previous_secret_sealed = $2, previous_until_ms = $3, rotated_by = $4, \
                rotated_at_ms = $5 WHERE id = $6",
    )
    .bind(r.secret_sealed)
    .bind(r.previous_sealed)
    .bind(r.previous_until_ms)
    .bind(r.by)
    .bind(r.at_ms)
    .bind(r.id)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Queues the event for every webhook that is on and sent its kind (`,kind,` in `kinds`).
pub async fn queue<'e>(db: impl AnyExecutor<'e>, event_id: i64, kind: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO webhook_deliveries (webhook_id, event_id, queued_at_ms, state, next_try_ms) \
         SELECT id, $1, $2, 'pending', $2 FROM webhooks WHERE enabled = 1 AND kinds LIKE $3",
    )
    .bind(event_id)
    .bind(now_ms)
    .bind(format!("%,{kind},%"))
    .execute(db)
    .await?;
    Ok(())
}

/// Each webhook's deliveries waiting and given up, and its newest delivery's state, last
/// answer and last try: index seeks in `(webhook_id, state, id)` and `(webhook_id, id)`, however
/// many deliveries there are.
#[derive(Clone, Debug, FromRow)]
pub struct Summary {
    pub id: String,
    pub pending: i64,
    pub failed: i64,
    pub newest_state: Option<String>,
    pub newest_status: Option<i64>,
    pub newest_try_ms: Option<i64>,
}

pub async fn summaries<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<Summary>, sqlx::Error> {
    sqlx::query_as(
        "SELECT w.id, \
           CAST((SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'pending') AS BIGINT) \
             AS pending, \
           CAST((SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'failed') AS BIGINT) \
             AS failed, \
           (SELECT d.state FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.id DESC LIMIT 1) \
             AS newest_state, \
           (SELECT d.last_status FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.id DESC LIMIT 1) \
             AS newest_status, \
           (SELECT d.last_try_ms FROM webhook_deliveries d WHERE d.webhook_id = w.id ORDER BY d.id DESC LIMIT 1) \
             AS newest_try_ms \
         FROM webhooks w",
    )
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, FromRow)]
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: String,
    pub event_id: i64,
    pub queued_at_ms: i64,
    pub state: String,
    pub tries: i64,
    pub next_try_ms: Option<i64>,
    pub last_try_ms: Option<i64>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub delivered_at_ms: Option<i64>,
    pub replays: i64,
    pub kind: String,
    pub entity_id: String,
    pub subject: String,
    pub event_at_ms: i64,
}

const DELIVERY_COLUMNS: &str = "d.id, d.webhook_id, d.event_id, d.queued_at_ms, d.state, d.tries, d.next_try_ms, \
                                d.last_try_ms, d.last_status, d.last_error, d.delivered_at_ms, d.replays, e.kind, \
                                e.entity_id, e.subject, e.at_ms AS event_at_ms";

/// A page of a webhook's deliveries, newest first, before delivery `before`. The conditions are
/// written only when given, so that both planners seek in `(webhook_id, [state,] id)` however
/// deep the page.
pub async fn deliveries<'e>(
    db: impl AnyExecutor<'e>,
    webhook: &str,
    state: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<DeliveryRow>, sqlx::Error> {
    let mut sql = format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN app_events e ON e.id = d.event_id \
         WHERE d.webhook_id = $1"
    );
    let mut n = 1;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    if state.is_some() {
        sql.push_str(&format!(" AND d.state = {}", next()));
    }
    if before.is_some() {
        sql.push_str(&format!(" AND d.id < {}", next()));
    }
    sql.push_str(&format!(" ORDER BY d.id DESC LIMIT {}", next()));
    let mut query = sqlx::query_as(&sql).bind(webhook);
    if let Some(state) = state {
        query = query.bind(state);
    }
    if let Some(before) = before {
        query = query.bind(before);
    }
    query.bind(limit).fetch_all(db).await
}

pub async fn delivery<'e>(db: impl AnyExecutor<'e>, id: i64) -> Result<Option<DeliveryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d JOIN app_events e ON e.id = d.event_id WHERE d.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Sends a delivery given up or delivered once more, now, with a fresh count of tries.
pub async fn replay<'e>(db: impl AnyExecutor<'e>, id: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET state = 'pending', tries = 0, next_try_ms = $1, delivered_at_ms = NULL, \
                replays = replays + 1 \
         WHERE id = $2 AND state <> 'pending'",
    )
    .bind(now_ms)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether any delivery of an enabled webhook is due (a cheap look before claiming).
pub async fn any_due<'e>(db: impl AnyExecutor<'e>, now_ms: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
         WHERE d.state = 'pending' AND d.next_try_ms <= $1 AND w.enabled = 1 \
           AND (d.lease_until_ms IS NULL OR d.lease_until_ms < $1) LIMIT 1",
    )
    .bind(now_ms)
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Claims up to `limit` due deliveries of enabled webhooks for `holder` until `until_ms`: a
/// delivery another process holds (its lease not over) is not taken. The condition is
/// repeated in the outer statement, so that on PostgreSQL a row claimed meanwhile by another
/// process is skipped when this statement reaches it.
pub async fn claim<'e>(
    db: impl AnyExecutor<'e>,
    holder: &str,
    now_ms: i64,
    until_ms: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE webhook_deliveries SET lease_holder = $1, lease_until_ms = $2 \
         WHERE state = 'pending' AND next_try_ms <= $3 AND (lease_until_ms IS NULL OR lease_until_ms < $3) \
           AND id IN (SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
                      WHERE d.state = 'pending' AND d.next_try_ms <= $3 AND w.enabled = 1 \
                        AND (d.lease_until_ms IS NULL OR d.lease_until_ms < $3) \
                      ORDER BY d.next_try_ms, d.id LIMIT $4) \
         RETURNING id",
    )
    .bind(holder)
    .bind(until_ms)
    .bind(now_ms)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub struct Outcome<'a> {
    pub id: i64,
    pub holder: &'a str,
    pub state: &'a str,
    pub tries: i64,
    pub at_ms: i64,
    pub status: Option<i64>,
    pub error: Option<&'a str>,
    pub next_try_ms: Option<i64>,
}

/// Records a try's outcome and lets the lease go, unless the lease was lost meanwhile.
pub async fn record<'e>(db: impl AnyExecutor<'e>, o: &Outcome<'_>) -> Result<bool, sqlx::Error> {
    let delivered = (o.state == "delivered").then_some(o.at_ms);
    let done = sqlx::query(
        "UPDATE webhook_deliveries SET state = $1, tries = $2, last_try_ms = $3, last_status = $4, last_error = $5, \
                next_try_ms = $6, delivered_at_ms = $7, lease_holder = NULL, lease_until_ms = NULL \
         WHERE id = $8 AND lease_holder = $9 AND state = 'pending'",
    )
    .bind(o.state)
    .bind(o.tries)
    .bind(o.at_ms)
    .bind(o.status)
    .bind(o.error)
    .bind(o.next_try_ms)
    .bind(delivered)
    .bind(o.id)
    .bind(o.holder)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
