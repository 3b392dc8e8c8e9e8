//! Signing in, choosing the company, signing out, and the language.

use domain::identity::views::{CurrentSession, LoginHints, TenantChoice};
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {
    super::ssr,
    domain::Permission,
    services::AppError,
    services::auth::{self, current, login},
};

#[server(endpoint = "login_context")]
pub async fn login_context(company: Option<String>) -> Result<LoginHints, ApiError> {
    let state = ssr::state()?;
    Ok(auth::views::login_hints(&state, company.as_deref()).await?)
}

/// The first step of signing in. When a second factor is owed, the session only knows that
/// much and the browser goes to the second step.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), ApiError> {
    let (state, session, meta) = (ssr::state()?, ssr::session().await?, ssr::meta());
    let next = domain::nav::safe_next(next.as_deref());
    let outcome = match auth::authenticate(&state, &meta, &email, &password).await {
        Ok(signed) => login::after_password(&state, &meta, &session, &signed.user.id, next.as_deref()).await,
        Err(error) => Err(error),
    };
    let target = ssr::finish("login", outcome, "", &[("email", &email)]).await?;
    leptos_axum::redirect(&target);
    Ok(())
}

#[server(endpoint = "tenant_choices")]
pub async fn tenant_choices() -> Result<Vec<TenantChoice>, ApiError> {
    let (state, session, user_id) = ssr::signed_in_user().await?;
    Ok(auth::views::tenant_choices(&state, &session, &user_id).await?)
}

#[server(endpoint = "select_tenant")]
pub async fn select_tenant(tenant: String) -> Result<(), ApiError> {
    let (state, session, user_id) = ssr::signed_in_user().await?;
    let outcome = current::choose_tenant(&state, &session, &user_id, &tenant).await;
    ssr::finish("select-tenant", outcome, "", &[]).await?;
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "session_info")]
pub async fn session_info() -> Result<CurrentSession, ApiError> {
    let (_, scope) = ssr::scope(Permission::TenantRead).await?;
    Ok(auth::views::current_session(&scope)?)
}

/// Ends the session on the server: the cookie is worthless afterwards.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), ApiError> {
    let (state, session) = (ssr::state()?, ssr::session().await?);
    auth::account::sign_out(&state, &ssr::meta(), &session).await?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// Remembers the interface language in a cookie; the browser is sent back to the page.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), ApiError> {
    let lang = domain::Lang::from_tag(&lang).ok_or_else(|| AppError::field("lang", "invalid-choice"))?;
    let cookie = format!("{}={}; Path=/; Max-Age=31536000; SameSite=Lax", domain::Lang::COOKIE, lang.tag());
    let value = http::HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, value);
    Ok(())
}
