//! SQL of stock: articles, lots, levels and movements. Levels and lots change only through the
//! insert trigger of `stock_movements` (see the migration).

mod lists;
mod reports;
mod writes;

pub use lists::*;
pub use reports::*;
pub use writes::*;

use domain::article::NewArticle;
use domain::stock::movement::MovementKind;
use sqlx::{AnyExecutor, FromRow};

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

pub async fn site_code<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT code FROM sites WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(code,)| code))
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
    pub kind: MovementKind,
    pub article: &'a str,
    pub site: &'a str,
    pub lot: Option<&'a str>,
    pub qty_milli: i64,
    pub value_minor: i64,
    pub reason: Option<&'a str>,
    pub reference: Option<&'a str>,
    pub reverses: Option<i64>,
    /// The mission goods were withdrawn for.
    pub mission: Option<&'a str>,
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
