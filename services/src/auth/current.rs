//! Who a session belongs to, with the idle and absolute timeouts enforced on the injected clock
//! (A9), and the half-signed-in state between password and second factor (A11). The page guard,
//! the API access layer and every server function go through here.

use tower_sessions::Session;

use super::keys;
use crate::audit::RequestMeta;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Activity is written back to the session at most this often, so that browsing does not turn
/// every request into a database write.
const LAST_SEEN_GRANULARITY_MS: i64 = 60_000;
/// The second step must follow the password within this time.
pub const PENDING_TTL_MS: i64 = 10 * 60_000;

pub enum SessionStatus {
    Anonymous,
    /// Signed in, no company chosen yet.
    NeedsTenant {
        user_id: String,
    },
    InTenant(Box<TenantScope>),
}

/// The second step a half-signed-in session owes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PendingStep {
    Code,
    Enrol,
}

impl PendingStep {
    fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Enrol => "enrol",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Pending {
    pub user_id: String,
    pub step: PendingStep,
    pub next: Option<String>,
}

fn store_error(e: tower_sessions::session::Error) -> AppError {
    AppError::Internal(format!("session store: {e}"))
}

/// The password was right and a second step is owed: a new session id holding only that (A7,
/// A11). Nothing else in the application treats this session as signed in.
pub async fn begin_pending(
    state: &AppState,
    session: &Session,
    user_id: &str,
    step: PendingStep,
    next: Option<&str>,
) -> AppResult<()> {
    session.cycle_id().await.map_err(store_error)?;
    session.clear().await;
    session.insert(keys::PENDING_USER, user_id).await.map_err(store_error)?;
    session.insert(keys::PENDING_STEP, step.as_str()).await.map_err(store_error)?;
    session.insert(keys::PENDING_AT, state.clock.now_ms()).await.map_err(store_error)?;
    if let Some(next) = next {
        session.insert(keys::PENDING_NEXT, next).await.map_err(store_error)?;
    }
    Ok(())
}

/// The pending second step of this session, if any and still fresh.
pub async fn pending(state: &AppState, session: &Session) -> AppResult<Option<Pending>> {
    let Some(user_id) = session.get::<String>(keys::PENDING_USER).await.map_err(store_error)? else {
        return Ok(None);
    };
    let at: i64 = session.get(keys::PENDING_AT).await.map_err(store_error)?.unwrap_or(i64::MIN);
    if state.clock.now_ms().saturating_sub(at) >= PENDING_TTL_MS {
        session.flush().await.map_err(store_error)?;
        return Ok(None);
    }
    let step = match session.get::<String>(keys::PENDING_STEP).await.map_err(store_error)?.as_deref() {
        Some("enrol") => PendingStep::Enrol,
        _ => PendingStep::Code,
    };
    let next = session.get::<String>(keys::PENDING_NEXT).await.map_err(store_error)?;
    Ok(Some(Pending { user_id, step, next }))
}

/// Marks a session as fully authenticated: a new id (A7, and again after the second factor),
/// nothing kept from before but the client's description.
pub async fn start(state: &AppState, session: &Session, user_id: &str, meta: &RequestMeta) -> AppResult<()> {
    let now = state.clock.now_ms();
    session.cycle_id().await.map_err(store_error)?;
    session.clear().await;
    session.insert(keys::USER_ID, user_id).await.map_err(store_error)?;
    session.insert(keys::AUTHENTICATED_AT, now).await.map_err(store_error)?;
    session.insert(keys::LAST_SEEN, now).await.map_err(store_error)?;
    if let Some(ip) = &meta.client_ip {
        session.insert(keys::CLIENT_IP, ip).await.map_err(store_error)?;
    }
    if let Some(agent) = &meta.user_agent {
        session.insert(keys::USER_AGENT, agent).await.map_err(store_error)?;
    }
    Ok(())
}

/// Resolves the session. An expired one is ended on the server and reads as `Unauthenticated`.
pub async fn current(state: &AppState, session: &Session) -> AppResult<SessionStatus> {
    let Some(user_id) = session.get::<String>(keys::USER_ID).await.map_err(store_error)? else {
        return Ok(SessionStatus::Anonymous);
    };
    let now = state.clock.now_ms();
    let authenticated_at: i64 = session.get(keys::AUTHENTICATED_AT).await.map_err(store_error)?.unwrap_or(i64::MIN);
    let last_seen: i64 = session.get(keys::LAST_SEEN).await.map_err(store_error)?.unwrap_or(i64::MIN);
    let settings = &state.settings;
    if now.saturating_sub(authenticated_at) >= settings.session_absolute_ms
        || now.saturating_sub(last_seen) >= settings.session_idle_ms
    {
        session.flush().await.map_err(store_error)?;
        return Err(AppError::Unauthenticated);
    }
    if now - last_seen >= LAST_SEEN_GRANULARITY_MS {
        session.insert(keys::LAST_SEEN, now).await.map_err(store_error)?;
    }
    let tenant = session.get::<String>(keys::TENANT).await.map_err(store_error)?;
    let sso_tenant = session.get::<String>(keys::SSO_TENANT).await.map_err(store_error)?;
    if sso_tenant.is_some() && tenant.is_some() && sso_tenant != tenant {
        // A23: an identity from one company's provider never acts in another company.
        return Err(AppError::Forbidden);
    }
    match tenant {
        None => Ok(SessionStatus::NeedsTenant { user_id }),
        Some(tenant) => Ok(SessionStatus::InTenant(Box::new(TenantScope::resolve(state, &user_id, &tenant).await?))),
    }
}
