//! SQL of time entries, with their mission's number and title. Approved and invoiced entries
//! are locked by triggers (migration 0013); overlapping spans are refused there too.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct EntryRow {
    pub id: String,
    pub mission_id: String,
    pub mission_number: i64,
    pub mission_title: String,
    pub technician_id: String,
    pub work_date: String,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub break_minutes: i64,
    pub minutes: i64,
    pub note: Option<String>,
    pub status: String,
    pub return_reason: Option<String>,
}

const SELECT: &str = "SELECT e.id, e.mission_id, m.number AS mission_number, m.title AS mission_title, \
     e.technician_id, e.work_date, e.started_at, e.ended_at, e.break_minutes, e.minutes, e.note, e.status, \
     e.return_reason FROM time_entries e JOIN missions m ON m.id = e.mission_id";

const ORDER: &str = " ORDER BY e.work_date, e.started_at, e.created_at, e.id";

/// An entry's fields as a technician writes them.
pub struct Fields<'a> {
    pub mission_id: &'a str,
    pub work_date: &'a str,
    pub started_at: Option<i64>,
    pub ended_at: Option<i64>,
    pub break_minutes: i64,
    pub minutes: i64,
    pub note: Option<&'a str>,
}

pub async fn insert<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    technician: &str,
    f: &Fields<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO time_entries (id, mission_id, technician_id, work_date, started_at, ended_at, break_minutes, \
         minutes, note, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'recorded', $10, $10)",
    )
    .bind(id)
    .bind(f.mission_id)
    .bind(technician)
    .bind(f.work_date)
    .bind(f.started_at)
    .bind(f.ended_at)
    .bind(f.break_minutes)
    .bind(f.minutes)
    .bind(f.note)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Rewrites an entry that is not locked and puts it back for approval.
pub async fn correct<'e>(db: impl AnyExecutor<'e>, id: &str, f: &Fields<'_>, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE time_entries SET mission_id = $2, work_date = $3, started_at = $4, ended_at = $5, break_minutes = $6, \
         minutes = $7, note = $8, status = 'recorded', return_reason = NULL, updated_at = $9 \
         WHERE id = $1 AND status IN ('recorded', 'returned')",
    )
    .bind(id)
    .bind(f.mission_id)
    .bind(f.work_date)
    .bind(f.started_at)
    .bind(f.ended_at)
    .bind(f.break_minutes)
    .bind(f.minutes)
    .bind(f.note)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM time_entries WHERE id = $1 AND status IN ('recorded', 'returned')")
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<EntryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE e.id = $1")).bind(id).fetch_optional(db).await
}

/// Another entry of the technician whose span meets [start, end). An entry lasts a day at most,
/// so only those starting in the day before are looked at (a short range of the index).
pub async fn overlapping<'e>(
    db: impl AnyExecutor<'e>,
    technician: &str,
    start: i64,
    end: i64,
    except: &str,
) -> Result<Option<EntryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE e.technician_id = $1 AND e.id <> $4 AND e.started_at IS NOT NULL \
         AND e.started_at < $3 AND $2 < e.ended_at AND e.started_at > $2 - 86400000 LIMIT 1"
    ))
    .bind(technician)
    .bind(start)
    .bind(end)
    .bind(except)
    .fetch_optional(db)
    .await
}

/// Entries dated in [from, to) (`YYYY-MM-DD`), of one technician or of all.
pub async fn between<'e>(
    db: impl AnyExecutor<'e>,
    technician: Option<&str>,
    from: &str,
    to: &str,
) -> Result<Vec<EntryRow>, sqlx::Error> {
    let mine = if technician.is_some() { " AND e.technician_id = $3" } else { "" };
    let sql = format!("{SELECT} WHERE e.work_date >= $1 AND e.work_date < $2{mine}{ORDER}");
    let mut query = sqlx::query_as(&sql).bind(from).bind(to);
    if let Some(t) = technician {
        query = query.bind(t);
    }
    query.fetch_all(db).await
}

pub async fn of_mission<'e>(db: impl AnyExecutor<'e>, mission: &str) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE e.mission_id = $1{ORDER}")).bind(mission).fetch_all(db).await
}

/// Approves the entries named that still wait; returns how many.
pub async fn approve<'e>(db: impl AnyExecutor<'e>, ids: &[String], by: &str, now: i64) -> Result<u64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let placeholders: Vec<String> = (4..ids.len() + 4).map(|i| format!("${i}")).collect();
    let sql = format!(
        "UPDATE time_entries SET status = 'approved', approved_by = $1, approved_at = $2, updated_at = $3 \
         WHERE status = 'recorded' AND id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(by).bind(now).bind(now);
    for id in ids {
        query = query.bind(id.clone());
    }
    Ok(query.execute(db).await?.rows_affected())
}

pub async fn send_back<'e>(db: impl AnyExecutor<'e>, id: &str, reason: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE time_entries SET status = 'returned', return_reason = $2, updated_at = $3 \
         WHERE id = $1 AND status = 'recorded'",
    )
    .bind(id)
    .bind(reason)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Missions a technician may record time against: theirs, at work. Read from the missions at
/// work (few), not from every mission the technician was ever on (25,000 row look-ups and
/// 3.6 s at p95 in the benchmark).
pub async fn open_missions<'e>(
    db: impl AnyExecutor<'e>,
    technician: &str,
) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.id, m.number, m.title FROM missions m \
         WHERE m.state IN ('assigned', 'in-progress', 'blocked', 'done') \
           AND EXISTS (SELECT 1 FROM mission_technicians t WHERE t.mission_id = m.id AND t.user_id = $1) \
         ORDER BY m.number DESC",
    )
    .bind(technician)
    .fetch_all(db)
    .await
}

/// A mission's entries that are neither approved nor invoiced.
pub async fn waiting_of<'e>(db: impl AnyExecutor<'e>, mission: &str) -> Result<Vec<EntryRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE e.mission_id = $1 AND e.status IN ('recorded', 'returned'){ORDER}"))
        .bind(mission)
        .fetch_all(db)
        .await
}

/// Marks a mission's approved entries invoiced by `invoice`; returns how many.
pub async fn invoice<'e>(db: impl AnyExecutor<'e>, mission: &str, invoice: &str, now: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE time_entries SET status = 'invoiced', invoice_id = $2, updated_at = $3 \
         WHERE mission_id = $1 AND status = 'approved'",
    )
    .bind(mission)
    .bind(invoice)
    .bind(now)
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

pub async fn approved_minutes<'e>(db: impl AnyExecutor<'e>, mission: &str) -> Result<i64, sqlx::Error> {
    let (minutes,): (Option<i64>,) = sqlx::query_as(
        "SELECT CAST(SUM(minutes) AS BIGINT) FROM time_entries WHERE mission_id = $1 AND status = 'approved'",
    )
    .bind(mission)
    .fetch_one(db)
    .await?;
    Ok(minutes.unwrap_or(0))
}
