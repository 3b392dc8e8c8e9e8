//! Stock: the list, an article's page, and the operations recorded from it.

use domain::stock::commands::{CountForm, ReceiptForm, ReversalForm, TransferForm, WithdrawalForm};
use domain::stock::views::{ArticleDetails, StockListing};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, domain::stock::queries::StockQuery, services::stock};

#[server(endpoint = "stock_articles")]
pub async fn stock_articles(
    q: Option<String>,
    site: Option<String>,
    category: Option<String>,
    below_min: Option<String>,
    after: Option<String>,
) -> Result<StockListing, ApiError> {
    let (_, scope) = ssr::scope(Permission::StockRead).await?;
    let query =
        StockQuery::parse(q.as_deref(), site.as_deref(), category.as_deref(), below_min.is_some(), after.as_deref())?;
    Ok(stock::views::listing(&scope, &query).await?)
}

#[server(endpoint = "article_view")]
pub async fn article_view(id: String) -> Result<ArticleDetails, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(stock::article(&state, &scope, &id).await?)
}

/// A receipt: quantity and unit cost as typed (`1,5`, `12.40`), optional lot number and expiry.
#[server(endpoint = "receive_stock")]
pub async fn receive_stock(#[server(flatten)] form: ReceiptForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockMove).await?;
    let outcome = match form.parse() {
        Ok(receipt) => stock::receive(&scope, &receipt, state.clock.now_ms()).await.map(|_| ()),
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("receive", outcome, "stock-received", &form.values()).await
}

#[server(endpoint = "withdraw_stock")]
pub async fn withdraw_stock(#[server(flatten)] form: WithdrawalForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockIssue).await?;
    let outcome = match form.parse() {
        Ok(withdrawal) => stock::withdraw(&scope, &withdrawal, state.clock.now_ms()).await.map(|_| ()),
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("withdraw", outcome, "stock-withdrawn", &form.values()).await
}

/// Moves stock from one site to another (both legs in one transaction).
#[server(endpoint = "transfer_stock")]
pub async fn transfer_stock(#[server(flatten)] form: TransferForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockMove).await?;
    let outcome = match form.parse() {
        Ok(transfer) => stock::transfer(&scope, &transfer, state.clock.now_ms()).await.map(|_| ()),
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("transfer", outcome, "stock-transferred", &form.values()).await
}

/// A physical count: the difference with the recorded level is posted (a reason is required).
#[server(endpoint = "adjust_stock")]
pub async fn adjust_stock(#[server(flatten)] form: CountForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockMove).await?;
    let outcome = match form.parse() {
        Ok(count) => stock::adjust(&scope, &count, state.clock.now_ms()).await.map(|_| ()),
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("adjust", outcome, "stock-adjusted", &form.values()).await
}

/// Reverses every leg of an operation, naming it; a reason is required.
#[server(endpoint = "reverse_operation")]
pub async fn reverse_operation(#[server(flatten)] form: ReversalForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockMove).await?;
    let outcome = match form.parse() {
        Ok(reversal) => stock::reverse(&scope, &reversal, state.clock.now_ms()).await.map(|_| ()),
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("reverse", outcome, "stock-reversed", &[]).await
}
