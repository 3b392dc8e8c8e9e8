//! SQL of the integrity check: each rule's records, read from the company's database, and the
//! runs' progress. The queries read what the areas wrote (levels, lots, invoices, missions,
//! time) without going through the areas: the check must see the rows as stored.

use sqlx::{AnyExecutor, FromRow};

/// Sums of movements read as BIGINT on both backends (PostgreSQL's SUM of a BIGINT is NUMERIC).
const MOVEMENTS_BY_LEVEL: &str = "SELECT article_id, site_id, CAST(SUM(qty_milli) AS BIGINT) AS qty, \
     CAST(SUM(value_minor) AS BIGINT) AS value FROM stock_movements GROUP BY article_id, site_id";

pub async fn count<'e>(db: impl AnyExecutor<'e>, table_and_filter: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table_and_filter}")).fetch_one(db).await?;
    Ok(n)
}

/// A level, what it holds and what its movements add up to.
#[derive(FromRow)]
pub struct LevelRow {
    pub article: String,
    pub site: String,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub moved_qty: i64,
    pub moved_value: i64,
}

/// The levels that are not the sum of their movements, or below zero.
pub async fn levels_off<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<LevelRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT COALESCE(a.code, l.article_id) AS article, COALESCE(s.code, l.site_id) AS site, \
                l.qty_milli, l.value_minor, \
                CAST(COALESCE(m.qty, 0) AS BIGINT) AS moved_qty, CAST(COALESCE(m.value, 0) AS BIGINT) AS moved_value \
           FROM stock_levels l \
           LEFT JOIN ({MOVEMENTS_BY_LEVEL}) m ON m.article_id = l.article_id AND m.site_id = l.site_id \
           LEFT JOIN articles a ON a.id = l.article_id \
           LEFT JOIN sites s ON s.id = l.site_id \
          WHERE l.qty_milli <> COALESCE(m.qty, 0) OR l.value_minor <> COALESCE(m.value, 0) \
             OR l.qty_milli < 0 OR l.value_minor < 0 \
          ORDER BY 1, 2"
    ))
    .fetch_all(db)
    .await
}

/// Articles and sites that movements went to but that have no level.
pub async fn levels_missing<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<LevelRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT COALESCE(a.code, m.article_id) AS article, COALESCE(s.code, m.site_id) AS site, \
                CAST(0 AS BIGINT) AS qty_milli, CAST(0 AS BIGINT) AS value_minor, \
                m.qty AS moved_qty, m.value AS moved_value \
           FROM ({MOVEMENTS_BY_LEVEL}) m \
           LEFT JOIN stock_levels l ON l.article_id = m.article_id AND l.site_id = m.site_id \
           LEFT JOIN articles a ON a.id = m.article_id \
           LEFT JOIN sites s ON s.id = m.site_id \
          WHERE l.article_id IS NULL \
          ORDER BY 1, 2"
    ))
    .fetch_all(db)
    .await
}

#[derive(FromRow)]
pub struct LotRow {
    pub article: String,
    pub site: String,
    pub lot_number: Option<String>,
    pub id: String,
    pub remaining_milli: i64,
    pub moved_qty: i64,
}

/// The lots whose remaining quantity is not the sum of their movements, or below zero.
pub async fn lots_off<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<LotRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(a.code, l.article_id) AS article, COALESCE(s.code, l.site_id) AS site, l.lot_number, l.id, \
                l.remaining_milli, CAST(COALESCE(m.qty, 0) AS BIGINT) AS moved_qty \
           FROM lots l \
           LEFT JOIN (SELECT lot_id, CAST(SUM(qty_milli) AS BIGINT) AS qty FROM stock_movements \
                       WHERE lot_id IS NOT NULL GROUP BY lot_id) m ON m.lot_id = l.id \
           LEFT JOIN articles a ON a.id = l.article_id \
           LEFT JOIN sites s ON s.id = l.site_id \
          WHERE l.remaining_milli <> COALESCE(m.qty, 0) OR l.remaining_milli < 0 \
          ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(db)
    .await
}

/// Every issued document's place in its series, in order.
pub async fn numbers<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64, Option<i64>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(series, ''), CAST(COALESCE(fiscal_year, 0) AS BIGINT), sequence, COALESCE(number, id) \
           FROM invoices WHERE status = 'issued' \
          ORDER BY 1, 2, 3, 4",
    )
    .fetch_all(db)
    .await
}

pub async fn counters<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT series, CAST(fiscal_year AS BIGINT), last_sequence FROM document_counters")
        .fetch_all(db)
        .await
}

/// An issued document, its stored PDF and the PDF hash its ledger entry chained.
#[derive(FromRow)]
pub struct PdfRow {
    pub id: String,
    pub number: String,
    pub pdf_sha256: Option<String>,
    pub pdf: Option<Vec<u8>>,
    pub chained: Option<String>,
}

/// Up to `limit` issued documents after id `after`, a page at a time (their PDFs are large).
pub async fn pdfs<'e>(db: impl AnyExecutor<'e>, after: &str, limit: i64) -> Result<Vec<PdfRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, COALESCE(i.number, i.id) AS number, i.pdf_sha256, p.pdf, e.fields AS chained \
           FROM invoices i \
           LEFT JOIN invoice_pdfs p ON p.invoice_id = i.id \
           LEFT JOIN ledger_entries e ON e.entity_id = i.id AND e.kind IN ('invoice', 'credit-note') \
          WHERE i.status = 'issued' AND i.id > $1 \
          ORDER BY i.id LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The ledger's head as the database records it.
pub async fn ledger_head<'e>(db: impl AnyExecutor<'e>) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT CAST(seq AS BIGINT), hash FROM ledger_head").fetch_optional(db).await
}

/// Up to `limit` missions after number `after`, with their history in order.
pub async fn missions<'e>(
    db: impl AnyExecutor<'e>,
    after: i64,
    limit: i64,
) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, number, state FROM missions WHERE number > $1 ORDER BY number LIMIT $2")
        .bind(after)
        .bind(limit)
        .fetch_all(db)
        .await
}

pub async fn history<'e>(
    db: impl AnyExecutor<'e>,
    after: i64,
    through: i64,
) -> Result<Vec<(String, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT h.mission_id, h.from_state, h.to_state FROM mission_history h \
           JOIN missions m ON m.id = h.mission_id \
          WHERE m.number > $1 AND m.number <= $2 ORDER BY h.mission_id, h.seq",
    )
    .bind(after)
    .bind(through)
    .fetch_all(db)
    .await
}

/// The dashboards' count of missions per state beside the count of the missions themselves,
/// for the states where they differ.
pub async fn state_counts_off<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.state, CAST(COALESCE(m.n, 0) AS BIGINT), c.missions FROM mission_state_counts c \
           LEFT JOIN (SELECT state, COUNT(*) AS n FROM missions GROUP BY state) m ON m.state = c.state \
          WHERE c.missions <> COALESCE(m.n, 0) ORDER BY c.state",
    )
    .fetch_all(db)
    .await
}

/// An approved (or invoiced) entry beside its seal, or a seal whose entry is no longer approved.
#[derive(FromRow)]
pub struct SealRow {
    pub work_date: String,
    pub mission: Option<i64>,
    pub status: String,
    pub sealed: i64,
    pub mission_id: String,
    pub technician_id: String,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub break_minutes: i64,
    pub minutes: i64,
    pub note: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
    pub s_mission_id: Option<String>,
    pub s_technician_id: Option<String>,
    pub s_work_date: Option<String>,
    pub s_started_at: Option<i64>,
    pub s_ended_at: Option<i64>,
    pub s_break_minutes: Option<i64>,
    pub s_minutes: Option<i64>,
    pub s_note: Option<String>,
    pub s_approved_by: Option<String>,
    pub s_approved_at: Option<i64>,
}

/// The entries that are approved or invoiced and differ from their seal (or have none), and
/// those with a seal that are no longer approved.
pub async fn seals_off<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<SealRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.work_date, m.number AS mission, e.status, \
                CAST(CASE WHEN s.entry_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS sealed, \
                e.mission_id, e.technician_id, e.started_at, e.ended_at, e.break_minutes, e.minutes, e.note, \
                e.approved_by, e.approved_at, \
                s.mission_id AS s_mission_id, s.technician_id AS s_technician_id, s.work_date AS s_work_date, \
                s.started_at AS s_started_at, s.ended_at AS s_ended_at, s.break_minutes AS s_break_minutes, \
                s.minutes AS s_minutes, s.note AS s_note, s.approved_by AS s_approved_by, s.approved_at AS s_approved_at \
           FROM time_entries e \
           LEFT JOIN time_entry_seals s ON s.entry_id = e.id \
           LEFT JOIN missions m ON m.id = e.mission_id \
          WHERE (e.status IN ('approved', 'invoiced') \
                 AND (s.entry_id IS NULL OR s.mission_id <> e.mission_id OR s.technician_id <> e.technician_id \
                      OR s.work_date <> e.work_date OR s.started_at IS DISTINCT FROM e.started_at \
                      OR s.ended_at IS DISTINCT FROM e.ended_at OR s.break_minutes <> e.break_minutes \
                      OR s.minutes <> e.minutes OR s.note IS DISTINCT FROM e.note \
                      OR s.approved_by IS DISTINCT FROM e.approved_by OR s.approved_at IS DISTINCT FROM e.approved_at)) \
             OR (e.status NOT IN ('approved', 'invoiced') AND s.entry_id IS NOT NULL) \
          ORDER BY e.work_date, e.id",
    )
    .fetch_all(db)
    .await
}

/// A run as stored.
#[derive(FromRow)]
pub struct RunRow {
    pub id: String,
    pub status: String,
    pub started_by: Option<String>,
    pub started_at_ms: i64,
    pub heartbeat_ms: i64,
    pub finished_at_ms: Option<i64>,
    pub rules_done: i64,
    pub current_rule: Option<String>,
    pub violations: i64,
    pub report: Option<String>,
    pub error: Option<String>,
}

const RUN: &str = "SELECT id, status, started_by, started_at_ms, heartbeat_ms, finished_at_ms, rules_done, \
                   current_rule, violations, report, error FROM integrity_runs";

pub async fn run<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<RunRow>, sqlx::Error> {
    sqlx::query_as(&format!("{RUN} WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// The latest runs, newest first, without their reports.
pub async fn latest<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<RunRow>, sqlx::Error> {
    let sql = RUN.replace("report,", "NULL AS report,");
    sqlx::query_as(&format!("{sql} ORDER BY started_at_ms DESC, id LIMIT $1")).bind(limit).fetch_all(db).await
}

/// The run still going (its heartbeat newer than `alive_since`), if any.
pub async fn running<'e>(db: impl AnyExecutor<'e>, alive_since: i64) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM integrity_runs WHERE status = 'running' AND heartbeat_ms >= $1")
            .bind(alive_since)
            .fetch_optional(db)
            .await?;
    Ok(row.map(|(id,)| id))
}

/// Ends the runs whose server stopped: their heartbeat is older than `alive_since`.
pub async fn end_interrupted<'e>(db: impl AnyExecutor<'e>, alive_since: i64, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE integrity_runs SET status = 'failed', error = 'integrity-interrupted', finished_at_ms = $2 \
          WHERE status = 'running' AND heartbeat_ms < $1",
    )
    .bind(alive_since)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, id: &str, by: Option<&str>, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO integrity_runs (id, status, started_by, started_at_ms, heartbeat_ms) VALUES ($1, 'running', $2, $3, $3)",
    )
    .bind(id)
    .bind(by)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// A rule begun: the heartbeat and what the page shows.
pub async fn advance<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    rules_done: i64,
    current: &str,
    violations: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE integrity_runs SET rules_done = $2, current_rule = $3, violations = $4, heartbeat_ms = $5 \
          WHERE id = $1 AND status = 'running'",
    )
    .bind(id)
    .bind(rules_done)
    .bind(current)
    .bind(violations)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// The end: the report of a finished run, or the error of a failed one.
pub async fn finish<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    outcome: Result<(&str, i64, i64), &str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let (status, report, rules, violations, error) = match outcome {
        Ok((report, rules, violations)) => ("done", Some(report), Some(rules), Some(violations), None),
        Err(code) => ("failed", None, None, None, Some(code)),
    };
    sqlx::query(
        "UPDATE integrity_runs SET status = $2, report = $3, rules_done = COALESCE($4, rules_done), \
                violations = COALESCE($5, violations), error = $6, current_rule = NULL, finished_at_ms = $7, \
                heartbeat_ms = $7 \
          WHERE id = $1 AND status = 'running'",
    )
    .bind(id)
    .bind(status)
    .bind(report)
    .bind(rules)
    .bind(violations)
    .bind(error)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}
