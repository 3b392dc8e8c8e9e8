//! KPI exports over plain HTTP: `GET /dashboards/{board}/kpis.csv?from=YYYY-MM&to=YYYY-MM`, the
//! form of each dashboard. A refused period goes back to the dashboard, whose form shows why.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use domain::dashboard::Board;
use domain::dashboard::kpis::ExportForm;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use services::dashboards::kpis;
use services::tenancy::TenantScope;
use services::{AppError, AppState};

use super::answer::Refusal;
use super::stock_files::{csv_download, lang};

/// Everything but unreserved characters is percent-encoded in the values sent back.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub async fn kpis_csv(
    State(state): State<AppState>,
    Extension(scope): Extension<TenantScope>,
    headers: HeaderMap,
    Path(board): Path<String>,
    Query(form): Query<ExportForm>,
) -> Result<Response, Refusal> {
    let board = Board::parse(&board).ok_or(AppError::NotFound)?;
    match kpis::csv(&state, &scope, board, &form, lang(&headers)).await {
        Ok((name, body)) => Ok(csv_download(&name, body)),
        Err(AppError::Validation(_)) => {
            let encode = |v: &str| utf8_percent_encode(v, VALUE).to_string();
            let back = format!("{}?from={}&to={}#export", board.href(), encode(&form.from), encode(&form.to));
            Ok(Redirect::to(&back).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
