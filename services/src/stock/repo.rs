//! SQL of stock: articles, lots, levels and movements. Levels and lots change only through the
//! insert trigger of `stock_movements` (see the migration).

use domain::article::NewArticle;
use sqlx::{AnyExecutor, FromRow};

use super::ListFilter;

#[derive(Clone, Debug, FromRow)]
pub struct ArticleRow {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub family: Option<String>,
    pub unit: String,
    pub purchase_price_minor: Option<i64>,
    pub sale_price_minor: Option<i64>,
    pub vat_rate_bp: i64,
    pub min_stock_milli: i64,
    pub max_stock_milli: Option<i64>,
    pub active: i64,
}

const ARTICLE_COLUMNS: &str = "id, code, designation, category, family, unit, purchase_price_minor, sale_price_minor, \
     vat_rate_bp, min_stock_milli, max_stock_milli, active";

pub async fn insert_article<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    a: &NewArticle,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO articles (id, code, designation, category, family, unit, purchase_price_minor, sale_price_minor, \
         vat_rate_bp, min_stock_milli, max_stock_milli, active, created_at_ms, updated_at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $12)",
    )
    .bind(id)
    .bind(&a.code)
    .bind(&a.designation)
    .bind(&a.category)
    .bind(&a.family)
    .bind(&a.unit)
    .bind(a.purchase_price_minor)
    .bind(a.sale_price_minor)
    .bind(a.vat_rate_bp)
    .bind(a.min_stock.milli())
    .bind(a.max_stock.map(|q| q.milli()))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn update_article<'e>(
    db: impl AnyExecutor<'e>,
    id: &str,
    a: &NewArticle,
    active: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE articles SET designation = $2, category = $3, family = $4, unit = $5, purchase_price_minor = $6, \
         sale_price_minor = $7, vat_rate_bp = $8, min_stock_milli = $9, max_stock_milli = $10, active = $11, \
         updated_at_ms = $12 WHERE id = $1",
    )
    .bind(id)
    .bind(&a.designation)
    .bind(&a.category)
    .bind(&a.family)
    .bind(&a.unit)
    .bind(a.purchase_price_minor)
    .bind(a.sale_price_minor)
    .bind(a.vat_rate_bp)
    .bind(a.min_stock.milli())
    .bind(a.max_stock.map(|q| q.milli()))
    .bind(i64::from(active))
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// (code, id, purchase price) of every article, for imports.
pub async fn article_codes<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT code, id, purchase_price_minor FROM articles").fetch_all(db).await
}

/// (code, id) of every site, for imports.
pub async fn site_codes<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT code, id FROM sites").fetch_all(db).await
}

/// Operations a user recorded after `since_ms`, counted up to `cap` (the rate limit needs no
/// more, and a bounded count stays cheap whatever the history).
pub async fn operations_by_user_since<'e>(
    db: impl AnyExecutor<'e>,
    user: &str,
    since_ms: i64,
    cap: i64,
) -> Result<i64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT DISTINCT operation_id FROM stock_movements \
         WHERE user_id = $1 AND at_ms > $2 LIMIT $3) recent",
    )
    .bind(user)
    .bind(since_ms)
    .bind(cap)
    .fetch_one(db)
    .await?;
    Ok(count)
}

pub async fn article<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<ArticleRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1")).bind(id).fetch_optional(db).await
}

pub async fn site_exists<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM sites WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.is_some())
}

/// (quantity, value) of a level; zero when there is none yet.
pub async fn level<'e>(db: impl AnyExecutor<'e>, article: &str, site: &str) -> Result<(i64, i64), sqlx::Error> {
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT qty_milli, value_minor FROM stock_levels WHERE article_id = $1 AND site_id = $2")
            .bind(article)
            .bind(site)
            .fetch_optional(db)
            .await?;
    Ok(row.unwrap_or((0, 0)))
}

/// (article, site, quantity, value) of every level of these articles.
pub async fn levels_of_articles<'e>(
    db: impl AnyExecutor<'e>,
    articles: &[&str],
) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=articles.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT article_id, site_id, qty_milli, value_minor FROM stock_levels WHERE article_id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for article in articles {
        query = query.bind(*article);
    }
    query.fetch_all(db).await
}

#[derive(Clone, Debug, FromRow)]
pub struct LotRow {
    pub id: String,
    pub lot_number: Option<String>,
    pub expiry_date: Option<String>,
    pub received_at_ms: i64,
    pub unit_cost_minor: i64,
    pub remaining_milli: i64,
}

/// Lots of an article at a site that still hold stock.
pub async fn open_lots<'e>(db: impl AnyExecutor<'e>, article: &str, site: &str) -> Result<Vec<LotRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, lot_number, expiry_date, received_at_ms, unit_cost_minor, remaining_milli FROM lots \
         WHERE article_id = $1 AND site_id = $2 AND remaining_milli > 0",
    )
    .bind(article)
    .bind(site)
    .fetch_all(db)
    .await
}

pub struct NewLot<'a> {
    pub id: &'a str,
    pub article: &'a str,
    pub site: &'a str,
    pub lot_number: Option<&'a str>,
    pub expiry: Option<&'a str>,
    pub unit_cost_minor: i64,
    pub origin: Option<&'a str>,
    pub at_ms: i64,
}

pub async fn insert_lot<'e>(db: impl AnyExecutor<'e>, lot: &NewLot<'_>) -> Result<(), sqlx::Error> {
    insert_lots(db, std::slice::from_ref(lot)).await
}

/// One leg of a movement.
pub struct MovementRow<'a> {
    pub operation: &'a str,
    pub kind: &'a str,
    pub article: &'a str,
    pub site: &'a str,
    pub lot: Option<&'a str>,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub reason: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub reverses: Option<i64>,
    pub user_id: &'a str,
    pub at_ms: i64,
}

pub async fn insert_movement<'e>(db: impl AnyExecutor<'e>, m: &MovementRow<'_>) -> Result<(), sqlx::Error> {
    insert_movements(db, std::slice::from_ref(m)).await
}

#[derive(Clone, Debug, FromRow)]
pub struct MovementRecord {
    pub seq: i64,
    pub operation_id: String,
    pub kind: String,
    pub article_id: String,
    pub site_id: String,
    pub lot_id: Option<String>,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub reverses_seq: Option<i64>,
    pub user_id: String,
    pub at_ms: i64,
}

const MOVEMENT_COLUMNS: &str = "seq, operation_id, kind, article_id, site_id, lot_id, qty_milli, value_minor, reason, \
     reference, reverses_seq, user_id, at_ms";

pub async fn operation<'e>(db: impl AnyExecutor<'e>, operation: &str) -> Result<Vec<MovementRecord>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {MOVEMENT_COLUMNS} FROM stock_movements WHERE operation_id = $1 ORDER BY seq"))
        .bind(operation)
        .fetch_all(db)
        .await
}

pub async fn movements_of_article<'e>(
    db: impl AnyExecutor<'e>,
    article: &str,
    limit: i64,
) -> Result<Vec<MovementRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {MOVEMENT_COLUMNS} FROM stock_movements WHERE article_id = $1 ORDER BY seq DESC LIMIT $2"
    ))
    .bind(article)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Whether a movement of this operation was already reversed.
pub async fn is_reversed<'e>(db: impl AnyExecutor<'e>, operation: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT r.seq FROM stock_movements r JOIN stock_movements m ON r.reverses_seq = m.seq WHERE m.operation_id = $1",
    )
    .bind(operation)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

/// One line of the stock list: an article with its quantity and value (all sites, or one).
#[derive(Clone, Debug, FromRow)]
pub struct StockLine {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub unit: String,
    pub min_stock_milli: i64,
    pub qty_milli: i64,
    pub value_minor: i64,
}

/// Active articles by code, after `filter.after` (keyset pagination), filtered by text, site,
/// category and "below minimum". Only the filters set appear in the SQL: a condition such as
/// `($3 IS NULL OR a.code > $3)` would stop both planners from seeking in the code index, and
/// every page would walk the catalogue from its first article. Articles are walked in code order,
/// each with the sum of its levels, so a page costs its own rows.
pub async fn stock_lines<'e>(
    db: impl AnyExecutor<'e>,
    filter: &ListFilter,
    limit: i64,
) -> Result<Vec<StockLine>, sqlx::Error> {
    let mut values: Vec<String> = Vec::new();
    let mut param = |value: String| {
        values.push(value);
        format!("${}", values.len())
    };
    let at_site = match &filter.site {
        Some(site) => format!(" AND l.site_id = {}", param(site.clone())),
        None => String::new(),
    };
    let mut conditions = vec!["a.active = 1".to_owned()];
    if let Some(after) = &filter.after {
        conditions.push(format!("a.code > {}", param(after.clone())));
    }
    if let Some(category) = &filter.category {
        conditions.push(format!("a.category = {}", param(category.clone())));
    }
    if let Some(text) = &filter.text {
        let pattern = format!("%{}%", text.to_lowercase().replace(['%', '_'], ""));
        conditions.push(format!("lower(a.code || ' ' || a.designation) LIKE {}", param(pattern)));
    }
    let below_min = if filter.below_min { "WHERE qty_milli < min_stock_milli" } else { "" };
    let sql = format!(
        "SELECT id, code, designation, category, unit, min_stock_milli, qty_milli, value_minor FROM ( \
             SELECT a.id, a.code, a.designation, a.category, a.unit, a.min_stock_milli, \
                    CAST(COALESCE((SELECT SUM(l.qty_milli) FROM stock_levels l \
                        WHERE l.article_id = a.id{at_site}), 0) AS BIGINT) AS qty_milli, \
                    CAST(COALESCE((SELECT SUM(l.value_minor) FROM stock_levels l \
                        WHERE l.article_id = a.id{at_site}), 0) AS BIGINT) AS value_minor \
             FROM articles a WHERE {} \
         ) lines {below_min} ORDER BY code LIMIT {limit}",
        conditions.join(" AND ")
    );
    let mut query = sqlx::query_as(&sql);
    for value in values {
        query = query.bind(value);
    }
    query.fetch_all(db).await
}

/// The categories of active articles, one index seek each (a loose index scan: `DISTINCT`
/// would read every article).
pub async fn categories<'e>(db: impl AnyExecutor<'e>) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "WITH RECURSIVE used (category) AS ( \
             SELECT (SELECT category FROM articles WHERE category IS NOT NULL AND active = 1 ORDER BY category LIMIT 1) \
             UNION ALL \
             SELECT (SELECT a.category FROM articles a WHERE a.category > used.category AND a.active = 1 \
                     ORDER BY a.category LIMIT 1) \
             FROM used WHERE used.category IS NOT NULL \
         ) \
         SELECT category FROM used WHERE category IS NOT NULL LIMIT 500",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// The level of an article at every site (zero where it has none).
#[derive(Clone, Debug, FromRow)]
pub struct SiteLevel {
    pub site_id: String,
    pub site_code: String,
    pub site_name: String,
    pub qty_milli: i64,
    pub value_minor: i64,
}

pub async fn levels_by_site<'e>(db: impl AnyExecutor<'e>, article: &str) -> Result<Vec<SiteLevel>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.id AS site_id, s.code AS site_code, s.name AS site_name, \
                COALESCE(l.qty_milli, 0) AS qty_milli, COALESCE(l.value_minor, 0) AS value_minor \
         FROM sites s LEFT JOIN stock_levels l ON l.site_id = s.id AND l.article_id = $1 ORDER BY s.code",
    )
    .bind(article)
    .fetch_all(db)
    .await
}

/// A lot still holding stock, with its site.
#[derive(Clone, Debug, FromRow)]
pub struct OpenLot {
    pub id: String,
    pub site_code: String,
    pub lot_number: Option<String>,
    pub expiry_date: Option<String>,
    pub received_at_ms: i64,
    pub remaining_milli: i64,
}

pub async fn open_lots_of_article<'e>(db: impl AnyExecutor<'e>, article: &str) -> Result<Vec<OpenLot>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.id, s.code AS site_code, l.lot_number, l.expiry_date, l.received_at_ms, l.remaining_milli \
         FROM lots l JOIN sites s ON s.id = l.site_id WHERE l.article_id = $1 AND l.remaining_milli > 0 \
         ORDER BY s.code, l.expiry_date, l.received_at_ms",
    )
    .bind(article)
    .fetch_all(db)
    .await
}

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
    pub site_id: String,
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
    pub received_at_ms: i64,
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
    pub seq: i64,
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

/// An import, for the history.
#[derive(Clone, Debug, FromRow)]
pub struct ImportRow {
    pub id: String,
    pub kind: String,
    pub file_name: Option<String>,
    pub row_count: i64,
    pub outcome: String,
    pub error_count: i64,
    pub user_id: String,
    pub started_at_ms: i64,
    pub finished_at_ms: i64,
}

pub async fn insert_import<'e>(db: impl AnyExecutor<'e>, i: &ImportRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO stock_imports (id, kind, file_name, row_count, outcome, error_count, user_id, started_at_ms, \
         finished_at_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&i.id)
    .bind(&i.kind)
    .bind(&i.file_name)
    .bind(i.row_count)
    .bind(&i.outcome)
    .bind(i.error_count)
    .bind(&i.user_id)
    .bind(i.started_at_ms)
    .bind(i.finished_at_ms)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn recent_imports<'e>(db: impl AnyExecutor<'e>, limit: i64) -> Result<Vec<ImportRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, file_name, row_count, outcome, error_count, user_id, started_at_ms, finished_at_ms \
         FROM stock_imports ORDER BY started_at_ms DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Rows per multi-row INSERT (well under both backends' limits on bound values). The statements
/// are assembled here because sqlx's `QueryBuilder` writes `?` placeholders for the `Any` driver,
/// which PostgreSQL refuses.
pub const BATCH_ROWS: usize = 400;

/// Inserts lots in one statement (several at once for imports and the benchmark's volume).
pub async fn insert_lots<'e>(db: impl AnyExecutor<'e>, lots: &[NewLot<'_>]) -> Result<(), sqlx::Error> {
    let mut sql = String::from(
        "INSERT INTO lots (id, article_id, site_id, lot_number, expiry_date, received_at_ms, unit_cost_minor, \
         origin_lot_id, remaining_milli) VALUES ",
    );
    for i in 0..lots.len() {
        let p = i * 8;
        let sep = if i == 0 { "" } else { ", " };
        sql.push_str(&format!(
            "{sep}(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, 0)",
            p + 1,
            p + 2,
            p + 3,
            p + 4,
            p + 5,
            p + 6,
            p + 7,
            p + 8
        ));
    }
    let mut query = sqlx::query(&sql);
    for lot in lots {
        query = query
            .bind(lot.id)
            .bind(lot.article)
            .bind(lot.site)
            .bind(lot.lot_number)
            .bind(lot.expiry)
            .bind(lot.at_ms)
            .bind(lot.unit_cost_minor)
            .bind(lot.origin);
    }
    query.execute(db).await?;
    Ok(())
}

/// Inserts movements in one statement (the trigger applies each, row by row).
pub async fn insert_movements<'e>(db: impl AnyExecutor<'e>, rows: &[MovementRow<'_>]) -> Result<(), sqlx::Error> {
    let mut sql = String::from(
        "INSERT INTO stock_movements (operation_id, kind, article_id, site_id, lot_id, qty_milli, value_minor, reason, \
         reference, reverses_seq, user_id, at_ms) VALUES ",
    );
    for i in 0..rows.len() {
        let sep = if i == 0 { "" } else { ", " };
        let placeholders: Vec<String> = (1..=12).map(|c| format!("${}", i * 12 + c)).collect();
        sql.push_str(&format!("{sep}({})", placeholders.join(", ")));
    }
    let mut query = sqlx::query(&sql);
    for m in rows {
        query = query
            .bind(m.operation)
            .bind(m.kind)
            .bind(m.article)
            .bind(m.site)
            .bind(m.lot)
            .bind(m.qty_milli)
            .bind(m.value_minor)
            .bind(m.reason)
            .bind(m.reference)
            .bind(m.reverses)
            .bind(m.user_id)
            .bind(m.at_ms);
    }
    query.execute(db).await?;
    Ok(())
}
