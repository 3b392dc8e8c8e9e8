//! Login, tenant choice, logout and language.

use domain::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

/// Who is signed in, where, and what the interface may offer them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentSession {
    pub user_name: String,
    pub email: String,
    pub tenant_code: String,
    pub tenant_name: String,
    pub role: Role,
    pub tenant_count: usize,
    pub can_manage_sites: bool,
    pub can_manage_users: bool,
    pub can_read_audit: bool,
}

/// A tenant the user may enter, for the picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantChoice {
    pub code: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub suspended_reason: Option<String>,
    pub current: bool,
}

/// What the login page shows besides the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginHints {
    /// In demo mode, the demo password and accounts, so a visitor can try Atelier.
    pub demo_password: Option<String>,
    pub demo_accounts: Vec<(String, Role)>,
    /// The identity providers of the company named in the address (`/login?company=code`), as
    /// (id, label).
    pub providers: Vec<(String, String)>,
    /// That company's name, when it exists and has providers.
    pub company_name: Option<String>,
}

#[server(endpoint = "login_context")]
pub async fn login_context(company: Option<String>) -> Result<LoginHints, ApiError> {
    let state = super::ssr::state()?;
    let demo = state.settings.demo;
    let accounts = services::demo::DEMO_USERS.iter().map(|u| (u.email.to_owned(), u.roles[0].1));
    let code = company.as_deref().map(str::trim).filter(|c| !c.is_empty()).unwrap_or_default().to_lowercase();
    let providers = if code.is_empty() {
        Vec::new()
    } else {
        services::sso::providers_of(&state, &code).await.map_err(super::ssr::fail)?
    };
    // A company without providers is not told apart from one that does not exist.
    let company_name = match providers.is_empty() {
        true => None,
        false => services::control::tenant(&state, &code).await.map_err(super::ssr::fail)?.map(|t| t.name),
    };
    Ok(LoginHints {
        demo_password: demo.then(|| services::demo::DEMO_PASSWORD.to_owned()),
        demo_accounts: if demo { accounts.collect() } else { Vec::new() },
        providers: providers.into_iter().map(|p| (p.id, p.label)).collect(),
        company_name,
    })
}

/// The first step of signing in. When a second factor is owed, the session only knows that
/// much and the browser goes to the second step.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), ApiError> {
    use services::auth::current::{PendingStep, begin_pending};
    use services::auth::login::{NextStep, next_step};
    let state = super::ssr::state()?;
    let session = super::ssr::session().await?;
    let outcome = services::auth::authenticate(&state, &super::ssr::meta(), &email, &password).await;
    if let Ok(auth) = &outcome {
        let next = domain::nav::safe_next(next.as_deref());
        let user_id = &auth.user.id;
        match next_step(&state, user_id).await.map_err(super::ssr::fail)? {
            NextStep::Enter => super::ssr::enter(&state, &session, user_id, "password", next, true).await?,
            NextStep::SecondFactor => {
                begin_pending(&state, &session, user_id, PendingStep::Code, next.as_deref())
                    .await
                    .map_err(super::ssr::fail)?;
                leptos_axum::redirect("/login/second-factor");
            }
            NextStep::Enrol => {
                begin_pending(&state, &session, user_id, PendingStep::Enrol, next.as_deref())
                    .await
                    .map_err(super::ssr::fail)?;
                leptos_axum::redirect("/login/enrol");
            }
        }
    }
    super::ssr::finish("login", outcome.map(|_| ()), "", &[("email", &email)]).await
}

#[server(endpoint = "tenant_choices")]
pub async fn tenant_choices() -> Result<Vec<TenantChoice>, ApiError> {
    use services::auth::keys;
    let (state, session, user_id) = super::ssr::signed_in_user().await?;
    let current: Option<String> = session.get(keys::TENANT).await.ok().flatten();
    let only: Option<String> = session.get(keys::SSO_TENANT).await.ok().flatten();
    let memberships = services::auth::login::memberships(&state, &user_id).await.map_err(super::ssr::fail)?;
    Ok(memberships
        .into_iter()
        // A23: signed in through a company's identity provider, one can only be in that company.
        .filter(|m| only.as_ref().is_none_or(|t| *t == m.tenant_code))
        .map(|m| TenantChoice {
            current: current.as_deref() == Some(m.tenant_code.as_str()),
            active: m.tenant_status == "active",
            role: Role::parse(&m.role).unwrap_or(Role::Auditor),
            code: m.tenant_code,
            name: m.tenant_name,
            suspended_reason: m.suspended_reason,
        })
        .collect())
}

#[server(endpoint = "select_tenant")]
pub async fn select_tenant(tenant: String) -> Result<(), ApiError> {
    use services::auth::keys;
    let (state, session, user_id) = super::ssr::signed_in_user().await?;
    // Resolving checks the membership and that the tenant is active.
    let only: Option<String> = session.get(keys::SSO_TENANT).await.ok().flatten();
    let outcome = match only {
        Some(only) if only != tenant => Err(services::AppError::Forbidden),
        _ => services::tenancy::TenantScope::resolve(&state, &user_id, &tenant).await.map(|_| ()),
    };
    if outcome.is_ok() {
        session.insert(keys::TENANT, &tenant).await.map_err(|_| ApiError::new("internal"))?;
        leptos_axum::redirect("/");
    }
    super::ssr::finish("select-tenant", outcome, "", &[]).await
}

#[server(endpoint = "session_info")]
pub async fn session_info() -> Result<CurrentSession, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::TenantRead).await?;
    let tenants = services::auth::login::memberships(&state, &scope.user.id).await.map_err(super::ssr::fail)?;
    Ok(CurrentSession {
        user_name: scope.user.display_name.clone(),
        email: scope.user.email.clone(),
        tenant_code: scope.tenant.code.clone(),
        tenant_name: scope.tenant.name.clone(),
        role: scope.role,
        tenant_count: tenants.len(),
        can_manage_sites: scope.allows(domain::Permission::SitesManage),
        can_manage_users: scope.allows(domain::Permission::UsersManage),
        can_read_audit: scope.allows(domain::Permission::AuditRead),
    })
}

/// Ends the session on the server: the cookie is worthless afterwards.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), ApiError> {
    use domain::AuditKind;
    use services::audit::{Event, record};
    let state = super::ssr::state()?;
    let session = super::ssr::session().await?;
    if let Some(user_id) = session.get::<String>(services::auth::keys::USER_ID).await.ok().flatten() {
        record(&state, &super::ssr::meta(), Event::new(AuditKind::Logout).user(&user_id))
            .await
            .map_err(super::ssr::fail)?;
    }
    session.flush().await.map_err(|_| ApiError::new("internal"))?;
    leptos_axum::redirect("/login");
    Ok(())
}

/// Remembers the interface language in a cookie; the browser is sent back to the page.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), ApiError> {
    let lang = domain::Lang::from_tag(&lang).ok_or_else(|| ApiError::new("validation"))?;
    let cookie = format!("{}={}; Path=/; Max-Age=31536000; SameSite=Lax", domain::Lang::COOKIE, lang.tag());
    let options = expect_context::<leptos_axum::ResponseOptions>();
    options.append_header(
        http::header::SET_COOKIE,
        http::HeaderValue::from_str(&cookie).map_err(|_| ApiError::new("internal"))?,
    );
    Ok(())
}
