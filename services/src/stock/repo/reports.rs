//! SQL of the stock reports: levels under their minimum, value by group, lots for a recall or
//! about to expire.

use sqlx::{AnyExecutor, FromRow};

/// A level under its article's minimum, with what a reorder needs.
#[derive(Clone, Debug, FromRow)]
pub struct LowLevel {
    pub article_id: String,
    pub article_code: String,
    pub designation: String,
    pub unit: String,
    pub min_stock_milli: i64,
    pub max_stock_milli: Option<i64>,
    pub purchase_price_minor: Option<i64>,
    pub site_code: String,
    pub qty_milli: i64,
}

/// How many levels are under their minimum, counting no further than `cap`.
pub async fn count_low_levels<'e>(db: impl AnyExecutor<'e>, cap: i64) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT 1 FROM stock_low LIMIT $1) capped")
            .bind(cap)
            .fetch_one(db)
            .await?;
    Ok(count)
}

/// Levels of active articles under their minimum (the `stock_low` view), by article and site.
pub async fn low_levels<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<LowLevel>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS article_id, a.code AS article_code, a.designation, a.unit, a.min_stock_milli, \
                a.max_stock_milli, a.purchase_price_minor, s.id AS site_id, s.code AS site_code, v.qty_milli \
         FROM stock_low v JOIN articles a ON a.id = v.article_id JOIN sites s ON s.id = v.site_id \
         ORDER BY a.code, s.code LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Stock value and quantity of lines held, grouped by a key (a site's code, an article category).
#[derive(Clone, Debug, FromRow)]
pub struct ValueGroup {
    pub key: String,
    pub label: String,
    pub lines: i64,
    pub value_minor: i64,
}

pub async fn value_by_site<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<ValueGroup>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.code AS key, s.name AS label, \
                CAST(COUNT(l.article_id) AS BIGINT) AS lines, CAST(COALESCE(SUM(l.value_minor), 0) AS BIGINT) AS value_minor \
         FROM sites s LEFT JOIN stock_levels l ON l.site_id = s.id AND l.qty_milli > 0 \
         GROUP BY s.code, s.name ORDER BY s.code",
    )
    .fetch_all(db)
    .await
}

pub async fn value_by_category<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<ValueGroup>, sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(a.category, '') AS key, COALESCE(a.category, '') AS label, \
                CAST(COUNT(*) AS BIGINT) AS lines, CAST(SUM(l.value_minor) AS BIGINT) AS value_minor \
         FROM stock_levels l JOIN articles a ON a.id = l.article_id WHERE l.qty_milli > 0 \
         GROUP BY a.category ORDER BY COALESCE(a.category, '')",
    )
    .fetch_all(db)
    .await
}

/// A lot with its article and site.
#[derive(Clone, Debug, FromRow)]
pub struct LotLine {
    pub id: String,
    pub article_id: String,
    pub article_code: String,
    pub designation: String,
    pub unit: String,
    pub site_code: String,
    pub lot_number: Option<String>,
    pub expiry_date: Option<String>,
    pub remaining_milli: i64,
    pub origin_lot_id: Option<String>,
}

const LOT_LINE: &str = "SELECT l.id, a.id AS article_id, a.code AS article_code, a.designation, a.unit, \
     s.code AS site_code, l.lot_number, l.expiry_date, l.received_at_ms, l.remaining_milli, l.origin_lot_id \
     FROM lots l JOIN articles a ON a.id = l.article_id JOIN sites s ON s.id = l.site_id";

/// Every lot with this number (transfers keep the number, so all its sites are there).
pub async fn lots_numbered<'e>(db: impl AnyExecutor<'e>, number: &str) -> Result<Vec<LotLine>, sqlx::Error> {
    sqlx::query_as(&format!("{LOT_LINE} WHERE l.lot_number = $1 ORDER BY l.received_at_ms, s.code LIMIT 200"))
        .bind(number)
        .fetch_all(db)
        .await
}

/// Lots still holding stock that expire on or before `until` (`YYYY-MM-DD`), soonest first.
pub async fn lots_expiring<'e>(db: impl AnyExecutor<'e>, until: &str, limit: i64) -> Result<Vec<LotLine>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{LOT_LINE} WHERE l.expiry_date IS NOT NULL AND l.expiry_date <= $1 AND l.remaining_milli > 0 \
         ORDER BY l.expiry_date, a.code, s.code LIMIT $2"
    ))
    .bind(until)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// A movement of a lot, for a recall.
#[derive(Clone, Debug, FromRow)]
pub struct LotMovement {
    pub at_ms: i64,
    pub kind: String,
    pub lot_id: String,
    pub site_code: String,
    pub qty_milli: i64,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub user_id: String,
}

/// Every movement in and out of the lots with this number, in order.
pub async fn lot_movements<'e>(db: impl AnyExecutor<'e>, number: &str) -> Result<Vec<LotMovement>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.seq, m.at_ms, m.kind, m.lot_id, s.code AS site_code, m.qty_milli, m.reason, m.reference, m.user_id \
         FROM stock_movements m JOIN lots l ON l.id = m.lot_id JOIN sites s ON s.id = m.site_id \
         WHERE l.lot_number = $1 ORDER BY m.seq LIMIT 2000",
    )
    .bind(number)
    .fetch_all(db)
    .await
}
