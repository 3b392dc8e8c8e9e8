//! What a company's own database holds about a person, by their user id: what they recorded
//! (stock, imports, time, invoices, payments, missions' steps), what was assigned to them, and
//! what the company's alerts and security rules noted about them.

use serde::Serialize;
use sqlx::FromRow;

use super::json::{utc, utc_opt, yes};

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Movement {
    pub seq: i64,
    pub operation_id: String,
    pub kind: String,
    pub article: String,
    pub site: String,
    pub lot: Option<String>,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub reason: Option<String>,
    pub reference: Option<String>,
    #[serde(serialize_with = "utc")]
    pub at_ms: i64,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct StockImport {
    pub kind: String,
    pub file_name: Option<String>,
    pub row_count: i64,
    pub outcome: String,
    #[serde(serialize_with = "utc")]
    pub started_at_ms: i64,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct TimeEntry {
    pub mission: i64,
    pub work_date: String,
    #[serde(serialize_with = "utc_opt")]
    pub started_at: Option<i64>,
    #[serde(serialize_with = "utc_opt")]
    pub ended_at: Option<i64>,
    pub break_minutes: i64,
    pub minutes: i64,
    pub note: Option<String>,
    pub status: String,
    pub return_reason: Option<String>,
    #[serde(serialize_with = "utc_opt")]
    pub approved_at: Option<i64>,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Assignment {
    pub mission: i64,
    pub title: String,
    pub state: String,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct MissionStep {
    pub mission: i64,
    pub from_state: Option<String>,
    pub to_state: String,
    pub note: Option<String>,
    #[serde(serialize_with = "utc")]
    pub at_ms: i64,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Invoice {
    pub number: Option<String>,
    pub status: String,
    #[serde(serialize_with = "yes")]
    pub drafted_by_this_person: i64,
    #[serde(serialize_with = "yes")]
    pub issued_by_this_person: i64,
    #[serde(serialize_with = "utc")]
    pub created_at: i64,
    #[serde(serialize_with = "utc_opt")]
    pub issued_at: Option<i64>,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Payment {
    pub invoice: Option<String>,
    pub paid_on: String,
    pub amount_minor: i64,
    pub method: String,
    #[serde(serialize_with = "utc")]
    pub recorded_at: i64,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Event {
    pub kind: String,
    pub subject: String,
    #[serde(serialize_with = "utc")]
    pub at_ms: i64,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct Alert {
    pub rule: String,
    pub subject: String,
    #[serde(serialize_with = "utc_opt")]
    pub acknowledged_at_ms: Option<i64>,
    pub mailed_to: Option<String>,
    #[serde(serialize_with = "utc_opt")]
    pub mailed_at_ms: Option<i64>,
}

#[derive(Clone, Debug, FromRow, Serialize)]
pub struct SecurityEvent {
    pub severity: String,
    pub kind: String,
    #[serde(serialize_with = "utc")]
    pub at_ms: i64,
}

/// Everything of one company's database about one person.
#[derive(Clone, Debug, Serialize)]
pub struct Held {
    pub stock_movements: Vec<Movement>,
    pub stock_imports: Vec<StockImport>,
    pub time_entries: Vec<TimeEntry>,
    pub missions_assigned: Vec<Assignment>,
    pub mission_steps: Vec<MissionStep>,
    pub invoices: Vec<Invoice>,
    pub payments_recorded: Vec<Payment>,
    pub events: Vec<Event>,
    pub alerts: Vec<Alert>,
    pub security_events: Vec<SecurityEvent>,
}

async fn all<T>(db: &sqlx::AnyPool, sql: &str, user_id: &str) -> Result<Vec<T>, sqlx::Error>
where
    T: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    sqlx::query_as(sql).bind(user_id).fetch_all(db).await
}

pub async fn of_person(db: &sqlx::AnyPool, user_id: &str) -> Result<Held, sqlx::Error> {
    Ok(Held {
        stock_movements: all(
            db,
            "SELECT m.seq, m.operation_id, m.kind, a.code AS article, s.code AS site, l.lot_number AS lot, m.qty_milli, \
                    m.value_minor, m.reason, m.reference, m.at_ms \
             FROM stock_movements m JOIN articles a ON a.id = m.article_id JOIN sites s ON s.id = m.site_id \
             LEFT JOIN lots l ON l.id = m.lot_id WHERE m.user_id = $1 ORDER BY m.seq",
            user_id,
        )
        .await?,
        stock_imports: all(
            db,
            "SELECT kind, file_name, row_count, outcome, started_at_ms FROM stock_imports WHERE user_id = $1 \
             ORDER BY started_at_ms",
            user_id,
        )
        .await?,
        time_entries: all(
            db,
            "SELECT m.number AS mission, t.work_date, t.started_at, t.ended_at, t.break_minutes, t.minutes, t.note, \
                    t.status, t.return_reason, t.approved_at \
             FROM time_entries t JOIN missions m ON m.id = t.mission_id WHERE t.technician_id = $1 \
             ORDER BY t.work_date, t.started_at, t.id",
            user_id,
        )
        .await?,
        missions_assigned: all(
            db,
            "SELECT m.number AS mission, m.title, m.state FROM mission_technicians a JOIN missions m ON m.id = a.mission_id \
             WHERE a.user_id = $1 ORDER BY m.number",
            user_id,
        )
        .await?,
        mission_steps: all(
            db,
            "SELECT m.number AS mission, h.from_state, h.to_state, h.note, h.at_ms \
             FROM mission_history h JOIN missions m ON m.id = h.mission_id WHERE h.actor_id = $1 ORDER BY h.seq",
            user_id,
        )
        .await?,
        invoices: all(
            db,
            "SELECT number, status, CAST(CASE WHEN created_by = $1 THEN 1 ELSE 0 END AS BIGINT) AS drafted_by_this_person, \
                    CAST(CASE WHEN issued_by = $1 THEN 1 ELSE 0 END AS BIGINT) AS issued_by_this_person, created_at, issued_at \
             FROM invoices WHERE created_by = $1 OR issued_by = $1 ORDER BY created_at, id",
            user_id,
        )
        .await?,
        payments_recorded: all(
            db,
            "SELECT i.number AS invoice, p.paid_on, p.amount_minor, p.method, p.recorded_at \
             FROM invoice_payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.recorded_by = $1 \
             ORDER BY p.recorded_at, p.id",
            user_id,
        )
        .await?,
        events: all(
            db,
            "SELECT kind, subject, at_ms FROM app_events WHERE user_id = $1 ORDER BY id",
            user_id,
        )
        .await?,
        alerts: all(
            db,
            "SELECT a.rule, a.subject, CASE WHEN a.acknowledged_by = $1 THEN a.acknowledged_at_ms END AS acknowledged_at_ms, \
                    m.email AS mailed_to, m.sent_at_ms AS mailed_at_ms \
             FROM alerts a LEFT JOIN alert_mails m ON m.alert_id = a.id AND m.user_id = $1 \
             WHERE a.acknowledged_by = $1 OR m.user_id IS NOT NULL ORDER BY a.id",
            user_id,
        )
        .await?,
        security_events: all(
            db,
            "SELECT severity, kind, at_ms FROM security_events WHERE user_id = $1 ORDER BY id",
            user_id,
        )
        .await?,
    })
}
