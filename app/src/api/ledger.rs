//! The inalterable ledger's page: closures, archive and accounting exports, accounts.

use domain::invoicing::fec::accounts::AccountsForm;
use domain::invoicing::ledger::views::LedgerView;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::invoicing::ledger::closure::Period,
    services::AppError,
    services::invoicing::{accounting, closures},
};

#[server(endpoint = "ledger_page")]
pub async fn ledger_page() -> Result<LedgerView, ApiError> {
    let (state, scope) = ssr::scope(Permission::LedgerRead).await?;
    Ok(closures::page(&scope, state.clock.now_ms()).await?)
}

/// Closes a day (2026-03-10), a month (2026-03) or a year (2026), once over.
#[server(endpoint = "close_period")]
pub async fn close_period(period: String) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::LedgerClose).await?;
    let outcome = match Period::parse(&period) {
        Ok(period) => closures::close(&scope, period, state.clock.now_ms()).await.map(|c| c.entry.hash),
        Err(code) => Err(AppError::field("period", code)),
    };
    ssr::finish("close", outcome, "closure-done", &[("period", &period)]).await
}

/// Saves the accounts the exports post to.
#[server(endpoint = "save_accounts")]
pub async fn save_accounts(#[server(flatten)] form: AccountsForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::AccountingManage).await?;
    let values = [
        ("receivable", form.receivable.clone()),
        ("sales_goods", form.sales_goods.clone()),
        ("sales_services", form.sales_services.clone()),
        ("vat_collected", form.vat_collected.clone()),
        ("bank", form.bank.clone()),
        ("cash", form.cash.clone()),
    ];
    let outcome = accounting::set_accounts(&state, &ssr::meta(), &scope, form, state.clock.now_ms()).await.map(|_| ());
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    ssr::finish("accounts", outcome, "accounts-saved", &values).await
}
