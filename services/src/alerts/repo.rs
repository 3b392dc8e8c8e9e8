//! SQL of the alert rules, the alerts and where each user stopped reading (migration 0015),
//! and the conditions the rules watch, each an indexed query on its area's tables.

use domain::Role;
use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct RuleRow {
    pub kind: String,
    pub enabled: i64,
    pub threshold: Option<i64>,
    pub severity: String,
    pub roles: String,
    pub updated_by: Option<String>,
    pub updated_at_ms: i64,
}

pub async fn rules<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<RuleRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, enabled, threshold, severity, roles, updated_by, updated_at_ms FROM alert_rules ORDER BY kind",
    )
    .fetch_all(db)
    .await
}

pub struct RuleChange<'a> {
    pub kind: &'a str,
    pub enabled: bool,
    pub threshold: Option<i64>,
    pub severity: &'a str,
    pub roles: &'a str,
    pub by: &'a str,
    pub at_ms: i64,
}

pub async fn update_rule<'e>(db: impl AnyExecutor<'e>, c: &RuleChange<'_>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE alert_rules SET enabled = $1, threshold = $2, severity = $3, roles = $4, updated_by = $5, \
                updated_at_ms = $6 WHERE kind = $7",
    )
    .bind(i64::from(c.enabled))
    .bind(c.threshold)
    .bind(c.severity)
    .bind(c.roles)
    .bind(c.by)
    .bind(c.at_ms)
    .bind(c.kind)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Open alerts of each rule: (rule, count), from the counters the alerts' triggers keep.
pub async fn open_counts<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT rule, CAST(SUM(open_count) AS BIGINT) FROM open_alert_counts GROUP BY rule")
        .fetch_all(db)
        .await
}

/// The open alerts of a rule: (subject id, alert id).
pub async fn open_of_rule<'e>(db: impl AnyExecutor<'e>, rule: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT subject_id, id FROM alerts WHERE rule = $1 AND closed_at_ms IS NULL")
        .bind(rule)
        .fetch_all(db)
        .await
}

pub struct NewAlert<'a> {
    pub rule: &'a str,
    pub subject_id: &'a str,
    pub subject: &'a str,
    pub severity: &'a str,
    pub roles: &'a str,
    pub at_ms: i64,
}

/// Opens an alert; its id.
pub async fn open<'e>(db: impl AnyExecutor<'e>, a: &NewAlert<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO alerts (rule, subject_id, subject, severity, roles, opened_at_ms) VALUES ($1, $2, $3, $4, $5, $6) \
         RETURNING id",
    )
    .bind(a.rule)
    .bind(a.subject_id)
    .bind(a.subject)
    .bind(a.severity)
    .bind(a.roles)
    .bind(a.at_ms)
    .fetch_one(db)
    .await
}

pub async fn close<'e>(db: impl AnyExecutor<'e>, id: i64, at_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE alerts SET closed_at_ms = $1 WHERE id = $2 AND closed_at_ms IS NULL")
        .bind(at_ms)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct AlertRow {
    pub id: i64,
    pub rule: String,
    pub subject_id: String,
    pub subject: String,
    pub severity: String,
    pub roles: String,
    pub opened_at_ms: i64,
    pub closed_at_ms: Option<i64>,
    pub acknowledged_by: Option<String>,
    pub acknowledged_at_ms: Option<i64>,
}

const ALERT_COLUMNS: &str = "id, rule, subject_id, subject, severity, roles, opened_at_ms, closed_at_ms, \
                             acknowledged_by, acknowledged_at_ms";

pub async fn alert<'e>(db: impl AnyExecutor<'e>, id: i64) -> Result<Option<AlertRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE id = $1")).bind(id).fetch_optional(db).await
}

/// Which alerts a reader gets: those addressed to their role (`,role,`) of the rules whose
/// records they may read.
pub struct Addressed<'a> {
    pub role: Role,
    pub rules: &'a [&'a str],
}

impl Addressed<'_> {
    /// The condition, the rules' placeholders numbered from `$first`. The role is written as a
    /// literal (one of the five of `Role`, never typed text) so that it matches the condition of
    /// its role's index (migration 0020), which the query walks from the newest alert and leaves
    /// after a page. `rule || ''` keeps the planners off the (rule, subject) index, whose
    /// equality on the rule SQLite prefers, to read every open alert and sort them.
    fn clause(&self, first: usize, open_only: bool) -> String {
        let rules: Vec<String> = (0..self.rules.len()).map(|i| format!("${}", first + i)).collect();
        let open = if open_only { "closed_at_ms IS NULL AND " } else { "" };
        format!("{open}roles LIKE '%,{},%' AND (rule || '') IN ({})", self.role.as_str(), rules.join(", "))
    }
}

/// A page of a reader's alerts, newest first (`rules` never empty).
pub async fn page<'e>(
    db: impl AnyExecutor<'e>,
    to: &Addressed<'_>,
    open_only: bool,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AlertRow>, sqlx::Error> {
    let mut sql = format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE {}", to.clause(1, open_only));
    let mut next = 1 + to.rules.len();
    if before.is_some() {
        sql.push_str(&format!(" AND id < ${next}"));
        next += 1;
    }
    sql.push_str(&format!(" ORDER BY id DESC LIMIT ${next}"));
    let mut query = sqlx::query_as(&sql);
    for rule in to.rules {
        query = query.bind(*rule);
    }
    if let Some(before) = before {
        query = query.bind(before);
    }
    query.bind(limit).fetch_all(db).await
}

/// Open alerts opened since the reader last looked (their mark), counted up to `cap` (the newest
/// first, so the count costs at most `cap` steps however many there are). One query: the header
/// shows it on every page.
pub async fn count_unread<'e>(
    db: impl AnyExecutor<'e>,
    to: &Addressed<'_>,
    reader: &str,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    let n = to.rules.len();
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT id FROM alerts WHERE {} \
         AND id > COALESCE((SELECT seen_up_to FROM alert_marks WHERE user_id = ${}), 0) ORDER BY id DESC LIMIT ${}) newest",
        to.clause(1, true),
        n + 1,
        n + 2
    );
    let mut query = sqlx::query_scalar(&sql);
    for rule in to.rules {
        query = query.bind(*rule);
    }
    query.bind(reader).bind(cap).fetch_one(db).await
}

pub async fn seen_up_to<'e>(db: impl AnyExecutor<'e>, user: &str) -> Result<i64, sqlx::Error> {
    let seen: Option<i64> = sqlx::query_scalar("SELECT seen_up_to FROM alert_marks WHERE user_id = $1")
        .bind(user)
        .fetch_optional(db)
        .await?;
    Ok(seen.unwrap_or(0))
}

/// Moves a user's mark forward to `id` (never back: an older page read later changes nothing).
pub async fn mark_seen<'e>(db: impl AnyExecutor<'e>, user: &str, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO alert_marks (user_id, seen_up_to) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE \
         SET seen_up_to = excluded.seen_up_to WHERE alert_marks.seen_up_to < excluded.seen_up_to",
    )
    .bind(user)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// Acknowledges an alert nobody has acknowledged yet; false when someone already had.
pub async fn acknowledge<'e>(db: impl AnyExecutor<'e>, id: i64, by: &str, at_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE alerts SET acknowledged_by = $1, acknowledged_at_ms = $2 WHERE id = $3 AND acknowledged_by IS NULL",
    )
    .bind(by)
    .bind(at_ms)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The conditions the rules watch, as rows of (record id, its name's parts).
pub mod conditions {
    use sqlx::{AnyExecutor, FromRow};

    #[derive(Clone, Debug, FromRow)]
    pub struct MissionRow {
        pub id: String,
        pub number: i64,
        pub title: String,
    }

    /// Emergencies created at or before `cutoff` still waiting for a technician.
    pub async fn emergencies_waiting<'e>(
        db: impl AnyExecutor<'e>,
        cutoff: i64,
    ) -> Result<Vec<MissionRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, number, title FROM missions WHERE priority = 'emergency' AND state IN ('new', 'published') \
             AND created_at <= $1 ORDER BY number",
        )
        .bind(cutoff)
        .fetch_all(db)
        .await
    }

    /// Missions blocked since `cutoff` or before.
    pub async fn blocked<'e>(db: impl AnyExecutor<'e>, cutoff: i64) -> Result<Vec<MissionRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT id, number, title FROM missions WHERE state = 'blocked' AND state_since <= $1 ORDER BY number",
        )
        .bind(cutoff)
        .fetch_all(db)
        .await
    }

    #[derive(Clone, Debug, FromRow)]
    pub struct InvoiceRow {
        pub id: String,
        pub number: String,
        pub customer: String,
    }

    /// Invoices with something left to pay, due on `cutoff` (`YYYY-MM-DD`) or before.
    pub async fn overdue<'e>(db: impl AnyExecutor<'e>, cutoff: &str) -> Result<Vec<InvoiceRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT b.invoice_id AS id, b.number, c.legal_name AS customer \
             FROM invoice_balances b JOIN customers c ON c.id = b.customer_id \
             WHERE b.due_date <= $1 AND b.total_minor - b.credited_minor - b.paid_minor > 0 ORDER BY b.due_date, b.number",
        )
        .bind(cutoff)
        .fetch_all(db)
        .await
    }

    #[derive(Clone, Debug, FromRow)]
    pub struct LevelRow {
        pub article_id: String,
        pub site_id: String,
        pub article_code: String,
        pub site_code: String,
        pub qty_milli: i64,
        pub min_stock_milli: i64,
    }

    /// Levels of active articles under their minimum (the `stock_low` view) on the sites whose
    /// counters hold a critical level (migration 0017: none, and nothing is read); the domain says
    /// which of them are critical.
    pub async fn low_levels<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<LevelRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT v.article_id, v.site_id, a.code AS article_code, s.code AS site_code, v.qty_milli, v.min_stock_milli \
             FROM stock_low v JOIN articles a ON a.id = v.article_id JOIN sites s ON s.id = v.site_id \
             WHERE v.site_id IN (SELECT site_id FROM stock_site_totals WHERE critical > 0) \
             ORDER BY a.code, s.code",
        )
        .fetch_all(db)
        .await
    }

    /// Technicians with entries recorded at or before `cutoff` and still waiting: (technician,
    /// entries waiting).
    pub async fn time_waiting<'e>(db: impl AnyExecutor<'e>, cutoff: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT technician_id, CAST(COUNT(*) AS BIGINT) FROM time_entries WHERE status = 'recorded' \
             AND created_at <= $1 GROUP BY technician_id ORDER BY technician_id",
        )
        .bind(cutoff)
        .fetch_all(db)
        .await
    }
}

/// The e-mails of critical alerts (migration 0016).
pub mod mails {
    use sqlx::{AnyExecutor, FromRow};

    pub async fn queue<'e>(
        db: impl AnyExecutor<'e>,
        alert: i64,
        user: &str,
        email: &str,
        now_ms: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query("INSERT INTO alert_mails (alert_id, user_id, email, next_try_ms) VALUES ($1, $2, $3, $4)")
            .bind(alert)
            .bind(user)
            .bind(email)
            .bind(now_ms)
            .execute(db)
            .await?;
        Ok(())
    }

    #[derive(Clone, Debug, FromRow)]
    pub struct DueMail {
        pub alert_id: i64,
        pub user_id: String,
        pub email: String,
        pub tries: i64,
        pub rule: String,
        pub subject_id: String,
        pub subject: String,
        pub severity: String,
        pub opened_at_ms: i64,
    }

    /// Mails not sent yet whose next try has come, oldest first (those that failed five times
    /// are left for a person to read in the table).
    pub async fn due<'e>(db: impl AnyExecutor<'e>, now_ms: i64, limit: i64) -> Result<Vec<DueMail>, sqlx::Error> {
        sqlx::query_as(
            "SELECT m.alert_id, m.user_id, m.email, m.tries, a.rule, a.subject_id, a.subject, a.severity, a.opened_at_ms \
             FROM alert_mails m JOIN alerts a ON a.id = m.alert_id \
             WHERE m.sent_at_ms IS NULL AND m.tries < 5 AND m.next_try_ms <= $1 ORDER BY m.next_try_ms LIMIT $2",
        )
        .bind(now_ms)
        .bind(limit)
        .fetch_all(db)
        .await
    }

    pub async fn sent<'e>(db: impl AnyExecutor<'e>, alert: i64, user: &str, now_ms: i64) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE alert_mails SET sent_at_ms = $1, tries = tries + 1, last_error = NULL WHERE alert_id = $2 AND user_id = $3")
            .bind(now_ms)
            .bind(alert)
            .bind(user)
            .execute(db)
            .await?;
        Ok(())
    }

    pub async fn failed<'e>(
        db: impl AnyExecutor<'e>,
        alert: i64,
        user: &str,
        error: &str,
        next_try_ms: i64,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE alert_mails SET tries = tries + 1, last_error = $1, next_try_ms = $2 WHERE alert_id = $3 AND user_id = $4",
        )
        .bind(error)
        .bind(next_try_ms)
        .bind(alert)
        .bind(user)
        .execute(db)
        .await?;
        Ok(())
    }
}
