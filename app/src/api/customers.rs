//! Customers: the list, one customer, creating, changing and deleting. Files (export and
//! import) are plain HTTP routes of the server.

use domain::Country;
use domain::customer::CustomerForm;
use domain::customer::views::{CustomerDetails, CustomerListing};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    domain::customer::views::CustomerQuery,
    services::{AppError, invoicing::customers},
};

#[server(endpoint = "customers_list")]
pub async fn customers_list(q: Option<String>, after: Option<String>) -> Result<CustomerListing, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let query = CustomerQuery::parse(q.as_deref(), after.as_deref()).map_err(AppError::from)?;
    Ok(customers::list(&scope, &query).await?)
}

#[server(endpoint = "customer_view")]
pub async fn customer_view(id: String) -> Result<CustomerDetails, ApiError> {
    let (_, scope) = ssr::scope(Permission::InvoiceRead).await?;
    let id = ssr::record_id(&id)?;
    Ok(customers::details(&scope, &id).await?)
}

/// The country whose identifiers a new customer gives (and whether the user may create one).
#[server(endpoint = "new_customer_country")]
pub async fn new_customer_country() -> Result<Country, ApiError> {
    let (_, scope) = ssr::scope(Permission::CustomersManage).await?;
    Ok(scope.country()?)
}

/// Creates a customer and opens its page.
#[server(endpoint = "create_customer")]
pub async fn create_customer(#[server(flatten)] form: CustomerForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::CustomersManage).await?;
    let outcome = match form.parse(scope.country()?) {
        Ok(customer) => customers::create(&scope, &customer, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = ssr::finish("customer", outcome, "customer-created", &form.values()).await?;
    leptos_axum::redirect(&format!("/invoices/customers/{id}"));
    Ok(id)
}

/// Changes a customer and goes back to its page.
#[server(endpoint = "update_customer")]
pub async fn update_customer(#[server(flatten)] form: CustomerForm) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::CustomersManage).await?;
    let id = ssr::record_id(&form.id)?;
    let outcome = match form.parse(scope.country()?) {
        Ok(customer) => customers::update(&scope, &id, &customer, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    ssr::finish("customer", outcome, "customer-updated", &form.values()).await?;
    leptos_axum::redirect(&format!("/invoices/customers/{id}"));
    Ok(())
}

/// Deletes a customer and goes back to the list.
#[server(endpoint = "delete_customer")]
pub async fn delete_customer(id: String) -> Result<(), ApiError> {
    let (_, scope) = ssr::scope(Permission::CustomersManage).await?;
    let id = ssr::record_id(&id)?;
    let outcome = customers::delete(&scope, &id).await;
    ssr::finish("customers", outcome, "customer-deleted", &[]).await?;
    leptos_axum::redirect("/invoices/customers");
    Ok(())
}
