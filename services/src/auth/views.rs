//! The views of the sign-in, company picker, header and security pages.

use domain::identity::views::{CurrentSession, LoginHints, SecurityView, SessionView, SetupView, TenantChoice};
use domain::{Permission, Role};
use tower_sessions::Session;

use super::{account, login, second_factor, session, session_store};
use crate::control::{MembershipRecord, UserRecord};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, control, demo, sso};

/// A role read from the registry (its CHECK lists the same names).
fn stored_role(m: &MembershipRecord) -> AppResult<Role> {
    Role::parse(&m.role).map_err(|_| AppError::corrupt("memberships.role", &m.role))
}

/// What the login page offers besides the form: the demo accounts in demo mode, and the identity
/// providers of the company named in the address. A company without providers is not told apart
/// from one that does not exist.
pub async fn login_hints(state: &AppState, company: Option<&str>) -> AppResult<LoginHints> {
    let demo = state.settings.demo;
    let code = company.map(str::trim).unwrap_or_default().to_lowercase();
    let providers = if code.is_empty() { Vec::new() } else { sso::providers_of(state, &code).await? };
    let company_name = match providers.is_empty() {
        true => None,
        false => control::tenant(state, &code).await?.map(|t| t.name),
    };
    Ok(LoginHints {
        demo_password: demo.then(|| demo::DEMO_PASSWORD.to_owned()),
        demo_accounts: if demo {
            demo::DEMO_USERS.iter().map(|u| (u.email.to_owned(), u.roles[0].1)).collect()
        } else {
            Vec::new()
        },
        providers: providers.into_iter().map(|p| (p.id, p.label)).collect(),
        company_name,
    })
}

/// The companies the user may enter, for the picker; a session opened through a company's
/// identity provider offers that company only (A23).
pub async fn tenant_choices(state: &AppState, session: &Session, user_id: &str) -> AppResult<Vec<TenantChoice>> {
    let current = session::tenant(session).await?;
    let only = session::provider_tenant(session).await?;
    let mut choices = Vec::new();
    for m in login::memberships(state, user_id).await? {
        if only.as_ref().is_some_and(|t| *t != m.tenant_code) {
            continue;
        }
        let role = stored_role(&m)?;
        choices.push(TenantChoice {
            current: current.as_deref() == Some(m.tenant_code.as_str()),
            active: login::is_open(&m),
            closed: crate::governance::mode::of_membership(&m)?.closed_to(role).cloned(),
            role,
            code: m.tenant_code,
            name: m.tenant_name,
            suspended_reason: m.suspended_reason,
        });
    }
    Ok(choices)
}

/// Who is signed in and where, for the header.
pub fn current_session(scope: &TenantScope) -> AppResult<CurrentSession> {
    scope.require(Permission::TenantRead)?;
    Ok(CurrentSession {
        user_name: scope.user.display_name.clone(),
        email: scope.user.email.clone(),
        tenant_code: scope.tenant.code.clone(),
        tenant_name: scope.tenant.name.clone(),
        role: scope.role,
        tenant_count: usize::try_from(scope.tenant_count).unwrap_or(usize::MAX),
        can_manage_sites: scope.allows(Permission::SitesManage),
        can_manage_users: scope.allows(Permission::UsersManage),
        can_manage_company: scope.allows(Permission::CompanyManage),
        can_read_audit: scope.allows(Permission::AuditRead),
        modes: scope.modes.clone(),
    })
}

/// The user's security page: their second factor and their sessions, in the local time of the
/// session's company (UTC before one is chosen).
pub async fn security(state: &AppState, session: &Session, user: &UserRecord) -> AppResult<SecurityView> {
    let tz = match session::tenant(session).await? {
        Some(code) => {
            control::tenant(state, &code).await?.map(|t| crate::clock::stored_zone(&t.timezone)).transpose()?
        }
        None => None,
    };
    let local = |ms: i64| tz.map_or(ms, |tz| crate::clock::to_local_ms(tz, ms));
    let this = session.id().map(|id| session_store::handle_of(&id.to_string()));
    let status = second_factor::status(state, user).await?;
    let sessions = account::sessions(state, &user.id).await?;
    Ok(SecurityView {
        second_factor_since_local_ms: status.enabled_since_ms.map(local),
        recovery_codes_left: status.recovery_codes_left,
        sessions: sessions
            .into_iter()
            .filter_map(|s| {
                let handle = s.handle?;
                Some(SessionView {
                    current: this.as_deref() == Some(handle.as_str()),
                    handle,
                    device: s.user_agent.as_deref().and_then(domain::device::describe),
                    client_ip: s.client_ip,
                    started_local_ms: s.started_at_ms.map(local),
                    last_seen_local_ms: s.last_seen_ms.map(local),
                })
            })
            .collect(),
    })
}

/// The second-factor set-up form: on or off, and while enrolling the secret to scan.
pub async fn second_factor_setup(state: &AppState, user: &UserRecord, at_login: bool) -> AppResult<SetupView> {
    let status = second_factor::status(state, user).await?;
    Ok(SetupView {
        enabled: status.enabled_since_ms.is_some(),
        secret: status.enrolling.as_ref().map(|e| e.secret_base32.clone()),
        qr_svg: status.enrolling.map(|e| e.qr_svg),
        at_login,
    })
}
