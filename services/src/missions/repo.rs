//! SQL of missions: the counter, the missions with their customer's and site's names, their
//! technicians and their history. A state changes only by a history row (migration 0013).

use domain::party::PostalAddress;
use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct MissionRow {
    pub id: String,
    pub number: i64,
    pub customer_id: String,
    pub customer_name: String,
    pub site_id: String,
    pub site_name: String,
    pub title: String,
    pub description: Option<String>,
    pub street: String,
    pub street2: Option<String>,
    pub postcode: String,
    pub city: String,
    pub priority: String,
    pub planned_start: Option<i64>,
    pub planned_minutes: Option<i64>,
    pub customer_reference: Option<String>,
    pub hourly_rate_minor: Option<i64>,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub state: String,
    pub state_since: i64,
    pub invoice_id: Option<String>,
    pub created_at: i64,
}

const SELECT: &str = "SELECT m.id, m.number, m.customer_id, c.legal_name AS customer_name, m.site_id, \
     s.name AS site_name, m.title, m.description, m.street, m.street2, m.postcode, m.city, m.priority, \
     m.planned_start, m.planned_minutes, m.customer_reference, m.hourly_rate_minor, m.caller_name, \
     m.caller_phone, m.state, m.state_since, m.invoice_id, m.created_at \
     FROM missions m JOIN customers c ON c.id = m.customer_id JOIN sites s ON s.id = m.site_id";

/// A mission to insert, as the service prepared it.
pub struct NewRow<'a> {
    pub id: &'a str,
    pub number: i64,
    pub customer_id: &'a str,
    pub site_id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub street: &'a str,
    pub street2: Option<&'a str>,
    pub postcode: &'a str,
    pub city: &'a str,
    pub priority: &'a str,
    pub planned_start: Option<i64>,
    pub planned_minutes: Option<i64>,
    pub customer_reference: Option<&'a str>,
    pub hourly_rate_minor: Option<i64>,
    pub caller_name: Option<&'a str>,
    pub caller_phone: Option<&'a str>,
    pub state: &'a str,
    pub search_text: &'a str,
    pub created_by: &'a str,
    pub now: i64,
}

/// Steps the mission counter and returns the new number (the write lock or the row's lock
/// holds it until the transaction ends).
pub async fn next_number(conn: &mut sqlx::AnyConnection) -> Result<i64, sqlx::Error> {
    let (last,): (i64,) = sqlx::query_as("UPDATE mission_counter SET last = last + 1 WHERE id = 1 RETURNING last")
        .fetch_one(conn)
        .await?;
    Ok(last)
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, m: &NewRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO missions (id, number, customer_id, site_id, title, description, street, street2, postcode, \
         city, priority, planned_start, planned_minutes, customer_reference, hourly_rate_minor, caller_name, \
         caller_phone, state, state_since, scheduled_at, search_text, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $19, $19)",
    )
    .bind(m.id)
    .bind(m.number)
    .bind(m.customer_id)
    .bind(m.site_id)
    .bind(m.title)
    .bind(m.description)
    .bind(m.street)
    .bind(m.street2)
    .bind(m.postcode)
    .bind(m.city)
    .bind(m.priority)
    .bind(m.planned_start)
    .bind(m.planned_minutes)
    .bind(m.customer_reference)
    .bind(m.hourly_rate_minor)
    .bind(m.caller_name)
    .bind(m.caller_phone)
    .bind(m.state)
    .bind(m.now)
    .bind(m.planned_start.unwrap_or(m.now))
    .bind(m.search_text)
    .bind(m.created_by)
    .execute(db)
    .await?;
    Ok(())
}

/// Records a change of state (or, with no `from`, the creation); the database moves the
/// mission and refuses what its table does not allow.
pub async fn record<'e>(
    db: impl AnyExecutor<'e>,
    mission: &str,
    from: Option<&str>,
    to: &str,
    note: Option<&str>,
    actor: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO mission_history (mission_id, from_state, to_state, note, actor_id, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(mission)
    .bind(from)
    .bind(to)
    .bind(note)
    .bind(actor)
    .bind(at)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<MissionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE m.id = $1")).bind(id).fetch_optional(db).await
}

/// The filters of a list page, as plain values.
pub struct Filter<'a> {
    pub text: Option<&'a str>,
    pub state: Option<&'a str>,
    pub technician: Option<&'a str>,
    pub customer: Option<&'a str>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub after: Option<i64>,
    /// A technician's own list: theirs, and published ones that name nobody.
    pub visible_to: Option<&'a str>,
}

/// A page of missions, newest first.
pub async fn page<'e>(db: impl AnyExecutor<'e>, f: &Filter<'_>, limit: i64) -> Result<Vec<MissionRow>, sqlx::Error> {
    let mut sql = format!("{SELECT} WHERE 1 = 1");
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let mut clauses = Vec::new();
    if f.text.is_some() {
        clauses.push(format!(" AND m.search_text LIKE {}", next()));
    }
    if f.state.is_some() {
        clauses.push(format!(" AND m.state = {}", next()));
    }
    if f.technician.is_some() {
        clauses.push(format!(
            " AND EXISTS (SELECT 1 FROM mission_technicians t WHERE t.mission_id = m.id AND t.user_id = {})",
            next()
        ));
    }
    if f.customer.is_some() {
        clauses.push(format!(" AND m.customer_id = {}", next()));
    }
    if f.from.is_some() {
        clauses.push(format!(" AND m.scheduled_at >= {}", next()));
    }
    if f.to.is_some() {
        clauses.push(format!(" AND m.scheduled_at < {}", next()));
    }
    if f.after.is_some() {
        clauses.push(format!(" AND m.number < {}", next()));
    }
    if f.visible_to.is_some() {
        let p = next();
        clauses.push(format!(
            " AND (EXISTS (SELECT 1 FROM mission_technicians t WHERE t.mission_id = m.id AND t.user_id = {p}) \
             OR (m.state = 'published' AND NOT EXISTS (SELECT 1 FROM mission_technicians t WHERE t.mission_id = m.id)))"
        ));
    }
    sql.extend(clauses);
    sql.push_str(&format!(" ORDER BY m.number DESC LIMIT {}", next()));
    let pattern = f.text.map(|t| format!("%{}%", t.replace('\\', "").replace(['%', '_'], "")));
    let mut query = sqlx::query_as(&sql);
    if let Some(p) = &pattern {
        query = query.bind(p.clone());
    }
    for value in [f.state, f.technician, f.customer].into_iter().flatten() {
        query = query.bind(value.to_owned());
    }
    for value in [f.from, f.to, f.after].into_iter().flatten() {
        query = query.bind(value);
    }
    if let Some(user) = f.visible_to {
        query = query.bind(user.to_owned());
    }
    query.bind(limit).fetch_all(db).await
}

/// (mission id, user id) of the missions named.
pub async fn technicians_of<'e>(
    db: impl AnyExecutor<'e>,
    missions: &[String],
) -> Result<Vec<(String, String)>, sqlx::Error> {
    if missions.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=missions.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT mission_id, user_id FROM mission_technicians WHERE mission_id IN ({}) ORDER BY added_at, user_id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for id in missions {
        query = query.bind(id.clone());
    }
    query.fetch_all(db).await
}

/// Adds a technician; false when they were already on it.
pub async fn add_technician<'e>(
    db: impl AnyExecutor<'e>,
    mission: &str,
    user: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO mission_technicians (mission_id, user_id, added_at) VALUES ($1, $2, $3) \
         ON CONFLICT (mission_id, user_id) DO NOTHING",
    )
    .bind(mission)
    .bind(user)
    .bind(at)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn remove_technician<'e>(db: impl AnyExecutor<'e>, mission: &str, user: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM mission_technicians WHERE mission_id = $1 AND user_id = $2")
        .bind(mission)
        .bind(user)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Clone, Debug, FromRow)]
pub struct StepRow {
    pub from_state: Option<String>,
    pub to_state: String,
    pub note: Option<String>,
    pub actor_id: String,
    pub at_ms: i64,
}

pub async fn history<'e>(db: impl AnyExecutor<'e>, mission: &str) -> Result<Vec<StepRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT from_state, to_state, note, actor_id, at_ms FROM mission_history WHERE mission_id = $1 ORDER BY seq",
    )
    .bind(mission)
    .fetch_all(db)
    .await
}

/// Published emergencies nobody has accepted, oldest first.
pub async fn waiting_emergencies<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<MissionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE m.priority = 'emergency' AND m.state = 'published' ORDER BY m.created_at, m.number LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

#[derive(Clone, Debug, FromRow)]
pub struct AddressRow {
    pub street: String,
    pub street2: Option<String>,
    pub postcode: String,
    pub city: String,
    pub delivery_street: Option<String>,
    pub delivery_street2: Option<String>,
    pub delivery_postcode: Option<String>,
    pub delivery_city: Option<String>,
    pub legal_name: String,
}

/// A customer's addresses and name, to default a mission's address and search on its name.
/// Where a mission for a customer goes; none: no such customer, or a person whose data was
/// erased (no one to visit).
pub async fn customer<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<AddressRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT street, street2, postcode, city, delivery_street, delivery_street2, delivery_postcode, \
         delivery_city, legal_name FROM customers WHERE id = $1 AND NOT (kind = 'individual' AND anonymised_at IS NOT NULL)",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn site_exists<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<bool, sqlx::Error> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM sites WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(found.is_some())
}

/// The first customers by name, as (id, name).
pub async fn customer_choices<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, legal_name FROM customers ORDER BY sort_key, id LIMIT $1")
        .bind(limit)
        .fetch_all(db)
        .await
}

#[derive(Clone, Debug, FromRow)]
pub struct PartRow {
    pub article_id: String,
    pub code: String,
    pub designation: String,
    pub unit: String,
    pub sale_price_minor: Option<i64>,
    pub vat_rate_bp: i64,
    pub qty_milli: i64,
    pub value_minor: i64,
}

/// The articles withdrawn for a mission, net of reversals (which carry no mission but name the
/// movement they reverse), as positive quantities and costs.
pub async fn parts<'e>(db: impl AnyExecutor<'e>, mission: &str) -> Result<Vec<PartRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS article_id, a.code, a.designation, a.unit, a.sale_price_minor, a.vat_rate_bp, \
         CAST(-SUM(m.qty_milli) AS BIGINT) AS qty_milli, CAST(-SUM(m.value_minor) AS BIGINT) AS value_minor \
         FROM stock_movements m JOIN articles a ON a.id = m.article_id \
         WHERE m.mission_id = $1 \
            OR m.reverses_seq IN (SELECT seq FROM stock_movements WHERE mission_id = $1) \
         GROUP BY a.id, a.code, a.designation, a.unit, a.sale_price_minor, a.vat_rate_bp \
         HAVING SUM(m.qty_milli) <> 0 ORDER BY a.code",
    )
    .bind(mission)
    .fetch_all(db)
    .await
}

/// An article's id by its code.
pub async fn article_by_code<'e>(db: impl AnyExecutor<'e>, code: &str) -> Result<Option<String>, sqlx::Error> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM articles WHERE code = $1").bind(code).fetch_optional(db).await?;
    Ok(found.map(|(id,)| id))
}

/// Links a done mission to its invoice draft, if it has none yet.
pub async fn link_invoice<'e>(
    db: impl AnyExecutor<'e>,
    mission: &str,
    invoice: &str,
    minutes: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE missions SET invoice_id = $2, drafted_minutes = $3 WHERE id = $1 AND state = 'done' AND invoice_id IS NULL",
    )
    .bind(mission)
    .bind(invoice)
    .bind(minutes)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The mission whose invoice (or draft) this is, as (id, state, minutes drafted).
pub async fn of_invoice<'e>(
    db: impl AnyExecutor<'e>,
    invoice: &str,
) -> Result<Option<(String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT id, state, drafted_minutes FROM missions WHERE invoice_id = $1")
        .bind(invoice)
        .fetch_optional(db)
        .await
}

/// Lets go of a draft being deleted.
pub async fn unlink_invoice<'e>(db: impl AnyExecutor<'e>, invoice: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE missions SET invoice_id = NULL, drafted_minutes = NULL WHERE invoice_id = $1 AND state = 'done'",
    )
    .bind(invoice)
    .execute(db)
    .await?;
    Ok(())
}

/// Missions happening in [from, to) (UTC epoch ms), cancelled ones aside, in time order;
/// with `technician`, only those they are on.
pub async fn scheduled<'e>(
    db: impl AnyExecutor<'e>,
    from: i64,
    to: i64,
    technician: Option<&str>,
) -> Result<Vec<ScheduledRow>, sqlx::Error> {
    // EXISTS, not IN: SQLite would drive an IN from the technician's every mission (25,000 in
    // the benchmark) where the week's missions are far fewer.
    let theirs = if technician.is_some() {
        " AND EXISTS (SELECT 1 FROM mission_technicians t WHERE t.mission_id = m.id AND t.user_id = $3)"
    } else {
        ""
    };
    let sql = format!(
        "SELECT m.id, m.number, m.title, c.legal_name AS customer_name, m.city, m.scheduled_at, m.planned_minutes, \
         m.state, m.priority FROM missions m JOIN customers c ON c.id = m.customer_id \
         WHERE m.scheduled_at >= $1 AND m.scheduled_at < $2 AND m.state <> 'cancelled'{theirs} \
         ORDER BY m.scheduled_at, m.number"
    );
    let mut query = sqlx::query_as(&sql).bind(from).bind(to);
    if let Some(user) = technician {
        query = query.bind(user.to_owned());
    }
    query.fetch_all(db).await
}

#[derive(Clone, Debug, FromRow)]
pub struct ScheduledRow {
    pub id: String,
    pub number: i64,
    pub title: String,
    pub customer_name: String,
    pub city: String,
    pub scheduled_at: i64,
    pub planned_minutes: Option<i64>,
    pub state: String,
    pub priority: String,
}

/// What an edit writes; the state the mission was read in must still be its own.
pub struct Changes<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub address: &'a PostalAddress,
    pub priority: &'a str,
    pub planned_start: Option<i64>,
    pub planned_minutes: Option<i64>,
    pub customer_reference: Option<&'a str>,
    pub hourly_rate_minor: Option<i64>,
    pub search_text: &'a str,
    pub now: i64,
}

/// Applies an edit while the mission is still in `state`; false when it has moved since.
pub async fn update<'e>(db: impl AnyExecutor<'e>, id: &str, state: &str, c: &Changes<'_>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE missions SET title = $1, description = $2, street = $3, street2 = $4, postcode = $5, city = $6, \
         priority = $7, planned_start = $8, planned_minutes = $9, customer_reference = $10, hourly_rate_minor = $11, \
         search_text = $12, scheduled_at = COALESCE($8, created_at), updated_at = $13 \
         WHERE id = $14 AND state = $15",
    )
    .bind(c.title)
    .bind(c.description)
    .bind(&c.address.street)
    .bind(c.address.street2.as_deref())
    .bind(&c.address.postcode)
    .bind(&c.address.city)
    .bind(c.priority)
    .bind(c.planned_start)
    .bind(c.planned_minutes)
    .bind(c.customer_reference)
    .bind(c.hourly_rate_minor)
    .bind(c.search_text)
    .bind(c.now)
    .bind(id)
    .bind(state)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes `n` numbers from the counter; returns the first.
pub async fn take_numbers(conn: &mut sqlx::AnyConnection, n: i64) -> Result<i64, sqlx::Error> {
    let (last,): (i64,) = sqlx::query_as("UPDATE mission_counter SET last = last + $1 WHERE id = 1 RETURNING last")
        .bind(n)
        .fetch_one(conn)
        .await?;
    Ok(last - n + 1)
}

/// A generated mission (`atelier bench --missions`).
pub struct BulkMission {
    pub id: String,
    pub number: i64,
    pub customer: String,
    pub technician: String,
    pub state: &'static str,
    pub search: String,
    pub at: i64,
}

/// A generated, approved time entry.
pub struct BulkEntry {
    pub id: String,
    pub mission: String,
    pub technician: String,
    pub start: i64,
    pub end: i64,
}

/// `rows` groups of `columns` placeholders: `($1, $2), ($3, $4)`.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", (1..=columns).map(|c| format!("${}", r * columns + c)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Inserts generated missions with their creation in the history and their technician.
pub async fn insert_bulk(
    conn: &mut sqlx::AnyConnection,
    rows: &[BulkMission],
    site: &str,
    by: &str,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO missions (id, number, customer_id, site_id, title, street, postcode, city, priority, state, \
         state_since, scheduled_at, search_text, created_by, created_at, updated_at) VALUES {}",
        placeholders(rows.len(), 16)
    );
    let mut query = sqlx::query(&sql);
    for m in rows {
        query = query
            .bind(m.id.clone())
            .bind(m.number)
            .bind(m.customer.clone())
            .bind(site.to_owned())
            .bind(format!("Entretien n° {}", m.number))
            .bind("1 rue de la République")
            .bind("69002")
            .bind("Lyon")
            .bind("normal")
            .bind(m.state)
            .bind(m.at)
            .bind(m.at)
            .bind(m.search.clone())
            .bind(by.to_owned())
            .bind(m.at)
            .bind(m.at);
    }
    query.execute(&mut *conn).await?;
    let sql = format!(
        "INSERT INTO mission_history (mission_id, to_state, actor_id, at_ms) VALUES {}",
        placeholders(rows.len(), 4)
    );
    let mut query = sqlx::query(&sql);
    for m in rows {
        query = query.bind(m.id.clone()).bind(m.state).bind(by.to_owned()).bind(m.at);
    }
    query.execute(&mut *conn).await?;
    let sql = format!(
        "INSERT INTO mission_technicians (mission_id, user_id, added_at) VALUES {}",
        placeholders(rows.len(), 3)
    );
    let mut query = sqlx::query(&sql);
    for m in rows {
        query = query.bind(m.id.clone()).bind(m.technician.clone()).bind(m.at);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// Inserts generated entries, approved by `by`.
pub async fn insert_bulk_entries(
    conn: &mut sqlx::AnyConnection,
    rows: &[BulkEntry],
    by: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO time_entries (id, mission_id, technician_id, work_date, started_at, ended_at, break_minutes, \
         minutes, status, approved_by, approved_at, created_at, updated_at) VALUES {}",
        placeholders(rows.len(), 13)
    );
    let mut query = sqlx::query(&sql);
    for e in rows {
        let day = chrono::DateTime::from_timestamp_millis(e.start).map(|t| t.format("%Y-%m-%d").to_string());
        query = query
            .bind(e.id.clone())
            .bind(e.mission.clone())
            .bind(e.technician.clone())
            .bind(day.unwrap_or_default())
            .bind(e.start)
            .bind(e.end)
            .bind(0_i64)
            .bind((e.end - e.start) / 60_000)
            .bind("approved")
            .bind(by.to_owned())
            .bind(now)
            .bind(now)
            .bind(now);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}
