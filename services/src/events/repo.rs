//! SQL of the business event log (migration 0014): appended, read newest first.

use sqlx::{AnyExecutor, FromRow};

pub struct NewRow<'a> {
    pub at_ms: i64,
    pub kind: &'a str,
    pub severity: &'a str,
    pub entity_id: &'a str,
    pub subject: &'a str,
    pub user_id: Option<&'a str>,
}

/// Appends an event; its id.
pub async fn insert<'e>(db: impl AnyExecutor<'e>, row: &NewRow<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO app_events (at_ms, kind, severity, entity_id, subject, user_id) VALUES ($1, $2, $3, $4, $5, $6) \
         RETURNING id",
    )
    .bind(row.at_ms)
    .bind(row.kind)
    .bind(row.severity)
    .bind(row.entity_id)
    .bind(row.subject)
    .bind(row.user_id)
    .fetch_one(db)
    .await
}

#[derive(Clone, Debug, FromRow)]
pub struct EventRow {
    pub id: i64,
    pub at_ms: i64,
    pub kind: String,
    pub severity: String,
    pub entity_id: String,
    pub subject: String,
    pub user_id: Option<String>,
}

/// A page of events of `kinds` (never empty), newest first; instants as UTC epoch ms, `to`
/// excluded, `before` an event id.
pub struct Filter<'a> {
    pub kinds: &'a [&'a str],
    pub severity: Option<&'a str>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub before: Option<i64>,
    pub limit: i64,
}

pub async fn page<'e>(db: impl AnyExecutor<'e>, f: &Filter<'_>) -> Result<Vec<EventRow>, sqlx::Error> {
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let kinds: Vec<String> = f.kinds.iter().map(|_| next()).collect();
    let mut sql = format!(
        "SELECT id, at_ms, kind, severity, entity_id, subject, user_id FROM app_events WHERE kind IN ({})",
        kinds.join(", ")
    );
    if f.severity.is_some() {
        sql.push_str(&format!(" AND severity = {}", next()));
    }
    for (bound, op) in [(f.from, ">="), (f.to, "<")] {
        if bound.is_some() {
            sql.push_str(&format!(" AND at_ms {op} {}", next()));
        }
    }
    if f.before.is_some() {
        sql.push_str(&format!(" AND id < {}", next()));
    }
    sql.push_str(&format!(" ORDER BY id DESC LIMIT {}", next()));
    let mut query = sqlx::query_as(&sql);
    for kind in f.kinds {
        query = query.bind(*kind);
    }
    if let Some(severity) = f.severity {
        query = query.bind(severity);
    }
    for value in [f.from, f.to, f.before].into_iter().flatten() {
        query = query.bind(value);
    }
    query.bind(f.limit).fetch_all(db).await
}
