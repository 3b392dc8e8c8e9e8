//! SQL of the stock list and an article's page.

use domain::stock::queries::StockQuery;
use sqlx::{AnyExecutor, FromRow};

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
    filter: &StockQuery,
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
