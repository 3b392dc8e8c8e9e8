//! Writing a checked file: every row is checked first, against the file's own rules and then
//! against the database (codes, and the business bounds of every level, A30); any problem
//! refuses the whole file with its report. A valid file is written in one transaction.

use std::collections::{HashMap, HashSet};

use domain::events::{EventKind, NewEvent};
use domain::stock::import::{self as csv_import, ImportPhase, Report};
use domain::stock::movement::MovementKind;
use domain::stock::valuation;
use uuid::Uuid;

use super::super::repo;
use super::{Progress, Refusal, check_allowed};
use crate::AppResult;
use crate::db::WriteTx;
use crate::tenancy::TenantScope;

/// Rows are written in one transaction; progress is reported every this many rows.
const PROGRESS_EVERY: usize = 250;

pub(super) async fn articles(
    scope: &TenantScope,
    bytes: &[u8],
    import_id: &str,
    now_ms: i64,
    progress: Progress<'_>,
) -> Result<usize, Refusal> {
    check_allowed(scope).await?;
    let articles = csv_import::read_articles(bytes).map_err(Refusal::Report)?;
    progress(ImportPhase::Checking, articles.len(), 0);
    let existing: HashSet<String> =
        repo::article_codes(scope.db.pool()).await?.into_iter().map(|(code, _, _)| code).collect();
    let mut report = Report::default();
    for (line, article) in &articles {
        if existing.contains(&article.code) {
            report.add(*line, "code", "article-code-taken");
        }
    }
    if !report.is_empty() {
        return Err(Refusal::Report(report));
    }
    let mut tx = scope.db.begin_write().await?;
    for (i, (_, article)) in articles.iter().enumerate() {
        repo::insert_article(&mut *tx, &Uuid::new_v4().to_string(), article, now_ms).await?;
        if i % PROGRESS_EVERY == 0 {
            progress(ImportPhase::Writing, articles.len(), i);
        }
    }
    done(&mut tx, scope, import_id, articles.len(), now_ms).await?;
    tx.commit().await?;
    Ok(articles.len())
}

pub(super) async fn opening_stock(
    scope: &TenantScope,
    bytes: &[u8],
    import_id: &str,
    now_ms: i64,
    progress: Progress<'_>,
) -> Result<usize, Refusal> {
    check_allowed(scope).await?;
    let rows = csv_import::read_opening_stock(bytes).map_err(Refusal::Report)?;
    progress(ImportPhase::Checking, rows.len(), 0);
    let articles: HashMap<String, (String, Option<i64>)> =
        repo::article_codes(scope.db.pool()).await?.into_iter().map(|(code, id, price)| (code, (id, price))).collect();
    let sites: HashMap<String, String> = repo::site_codes(scope.db.pool()).await?.into_iter().collect();
    let mut report = Report::default();
    for (line, row) in &rows {
        if !articles.contains_key(&row.article_code) {
            report.add(*line, "article_code", "unknown-article");
        }
        if !sites.contains_key(&row.site_code) {
            report.add(*line, "site_code", "unknown-site");
        }
    }
    if !report.is_empty() {
        return Err(Refusal::Report(report));
    }
    check_bounds(scope, &rows, &articles, &sites).await?;
    let reference = reference(import_id);
    let mut tx = scope.db.begin_write().await?;
    let mut written = 0;
    for chunk in rows.chunks(repo::BATCH_ROWS) {
        // One operation and one lot per row, so that one wrong row can be reversed on its own.
        let ids: Vec<(String, String)> =
            chunk.iter().map(|_| (Uuid::new_v4().to_string(), Uuid::new_v4().to_string())).collect();
        let mut lots = Vec::with_capacity(chunk.len());
        let mut movements = Vec::with_capacity(chunk.len());
        for ((_, row), (operation, lot)) in chunk.iter().zip(&ids) {
            let (article, price) = &articles[&row.article_code];
            let site = &sites[&row.site_code];
            let unit_cost = unit_cost(row, *price);
            lots.push(repo::NewLot {
                id: lot,
                article,
                site,
                lot_number: row.lot_number.as_deref(),
                expiry: row.expiry.as_deref(),
                unit_cost_minor: unit_cost,
                origin: None,
                at_ms: now_ms,
            });
            movements.push(repo::MovementRow {
                operation,
                kind: MovementKind::Receipt,
                article,
                site,
                lot: Some(lot),
                qty_milli: row.quantity.milli(),
                // Checked by `check_bounds`.
                value_minor: valuation::receipt_value(row.quantity, unit_cost).unwrap_or_default(),
                reason: None,
                reference: Some(&reference),
                reverses: None,
                mission: None,
                user_id: &scope.user.id,
                at_ms: now_ms,
            });
        }
        repo::insert_lots(&mut *tx, &lots).await?;
        repo::insert_movements(&mut *tx, &movements).await?;
        written += chunk.len();
        progress(ImportPhase::Writing, rows.len(), written);
    }
    done(&mut tx, scope, import_id, rows.len(), now_ms).await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// How an import is named on its movements and in the event log: `import-1a2b3c4d`.
fn reference(import_id: &str) -> String {
    format!("import-{}", &import_id[..8.min(import_id.len())])
}

/// The business event of an import written, in its transaction: its reference and row count.
async fn done(tx: &mut WriteTx, scope: &TenantScope, import_id: &str, rows: usize, now_ms: i64) -> AppResult<()> {
    let event = NewEvent::new(EventKind::ImportDone, import_id, &format!("{} · {rows}", reference(import_id)));
    crate::events::record(tx, Some(&scope.user.id), &event, now_ms).await
}

/// A row's cost: its own, else the article's purchase price, else nothing (a gift, a sample).
fn unit_cost(row: &csv_import::OpeningRow, article_price: Option<i64>) -> i64 {
    row.unit_cost_minor.or(article_price).unwrap_or(0)
}

/// A30: every row's value, and every level once the file's rows are added to it, stay within the
/// business bounds; otherwise each row at fault is reported and nothing is written.
async fn check_bounds(
    scope: &TenantScope,
    rows: &[(u64, csv_import::OpeningRow)],
    articles: &HashMap<String, (String, Option<i64>)>,
    sites: &HashMap<String, String>,
) -> Result<(), Refusal> {
    let ids: Vec<&str> = rows
        .iter()
        .map(|(_, row)| articles[&row.article_code].0.as_str())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut levels: HashMap<(String, String), (i64, i64)> = HashMap::new();
    for chunk in ids.chunks(repo::BATCH_ROWS) {
        for (article, site, qty, value) in repo::levels_of_articles(scope.db.pool(), chunk).await? {
            levels.insert((article, site), (qty, value));
        }
    }
    let mut report = Report::default();
    for (line, row) in rows {
        let (article, price) = &articles[&row.article_code];
        let Some(value) = valuation::receipt_value(row.quantity, unit_cost(row, *price)) else {
            report.add(*line, "quantity", "stock-value-too-large");
            continue;
        };
        let level = levels.entry((article.clone(), sites[&row.site_code].clone())).or_default();
        match domain::bounds::check_level(level.0, level.1, row.quantity.milli(), value) {
            Ok(()) => *level = (level.0 + row.quantity.milli(), level.1 + value),
            Err(code) => report.add(*line, "quantity", code),
        }
    }
    if report.is_empty() { Ok(()) } else { Err(Refusal::Report(report)) }
}
