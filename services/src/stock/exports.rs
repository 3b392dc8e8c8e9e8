//! The stock CSV files: the stock list with its filters (every matching line, not one page) and
//! the reorder suggestions, written by the one CSV writer (A27).

use domain::csv_file::{CsvError, CsvFile};
use domain::governance::thresholds::Limited;
use domain::stock::queries::StockQuery;
use domain::{Lang, Permission, format};

use super::{repo, reports};
use crate::governance::thresholds::admit;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

fn csv_error(e: CsvError) -> AppError {
    AppError::Internal(e.to_string())
}

/// Lines read from the database at a time.
const CHUNK: i64 = 1_000;

pub async fn stock_csv(scope: &TenantScope, query: &StockQuery, lang: Lang, now_ms: i64) -> AppResult<Vec<u8>> {
    scope.require(Permission::StockRead)?;
    crate::governance::flags::require(scope, domain::Flag::DataExportFull).await?;
    admit(scope, Limited::StockExport, now_ms).await?;
    let mut out = CsvFile::new(lang);
    let point = out.point();
    out.row(["code", "designation", "category", "unit", "quantity", "value"]).map_err(csv_error)?;
    let mut query = query.clone();
    loop {
        let page = repo::stock_lines(scope.db.pool(), &query, CHUNK).await?;
        for line in &page {
            out.row([
                line.code.as_str(),
                &line.designation,
                line.category.as_deref().unwrap_or_default(),
                &line.unit,
                &format::plain_decimal(line.qty_milli, 3, point, true),
                &format::plain_decimal(line.value_minor, 2, point, false),
            ])
            .map_err(csv_error)?;
        }
        match page.last() {
            Some(last) if page.len() as i64 == CHUNK => query.after = Some(last.code.clone()),
            _ => break,
        }
    }
    out.finish().map_err(csv_error)
}

pub async fn reorder_csv(scope: &TenantScope, lang: Lang, now_ms: i64) -> AppResult<Vec<u8>> {
    scope.require(Permission::StockRead)?;
    crate::governance::flags::require(scope, domain::Flag::AutoReorderSuggestions).await?;
    admit(scope, Limited::ReorderExport, now_ms).await?;
    let mut out = CsvFile::new(lang);
    let point = out.point();
    let headings =
        ["article_code", "designation", "site_code", "quantity", "min_stock", "max_stock", "order", "unit", "cost"];
    out.row(headings).map_err(csv_error)?;
    let qty = |milli: i64| format::plain_decimal(milli, 3, point, true);
    for l in reports::reorder(scope, i64::MAX).await?.lines {
        out.row([
            l.article_code.as_str(),
            &l.designation,
            &l.site_code,
            &qty(l.qty_milli),
            &qty(l.min_milli),
            &l.max_milli.map(qty).unwrap_or_default(),
            &qty(l.order_milli),
            &l.unit,
            &l.cost_minor.map(|c| format::plain_decimal(c, 2, point, false)).unwrap_or_default(),
        ])
        .map_err(csv_error)?;
    }
    out.finish().map_err(csv_error)
}
