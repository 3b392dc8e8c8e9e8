//! Who a session belongs to, with the idle and absolute timeouts enforced on the injected clock
//! (A9), and the half-signed-in state between password and second factor (A11). The page guard,
//! the API access layer and every server function go through here.

use tower_sessions::Session;

use super::session::{self, StoredPending};
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

/// The password was right and a second step is owed: a new session id holding only that (A7,
/// A11). Nothing else in the application treats this session as signed in.
pub async fn begin_pending(
    state: &AppState,
    session: &Session,
    user_id: &str,
    step: PendingStep,
    next: Option<&str>,
) -> AppResult<()> {
    let pending = StoredPending {
        user_id: user_id.to_owned(),
        step: step.as_str().to_owned(),
        at_ms: state.clock.now_ms(),
        next: next.map(str::to_owned),
    };
    session::owe_second_step(session, &pending).await
}

/// The pending second step of this session, if any and still fresh.
pub async fn pending(state: &AppState, session: &Session) -> AppResult<Option<Pending>> {
    let Some(stored) = session::second_step_owed(session).await? else { return Ok(None) };
    if state.clock.now_ms().saturating_sub(stored.at_ms) >= PENDING_TTL_MS {
        session::end(session).await?;
        return Ok(None);
    }
    let step = match stored.step.as_str() {
        "enrol" => PendingStep::Enrol,
        "code" => PendingStep::Code,
        other => return Err(AppError::corrupt("session pending_step", other)),
    };
    Ok(Some(Pending { user_id: stored.user_id, step, next: stored.next }))
}

/// Resolves the session. An expired one is ended on the server and reads as `Unauthenticated`.
pub async fn current(state: &AppState, session: &Session) -> AppResult<SessionStatus> {
    let Some(signed_in) = session::signed_in(session).await? else {
        return Ok(SessionStatus::Anonymous);
    };
    let now = state.clock.now_ms();
    let settings = &state.settings;
    if now.saturating_sub(signed_in.authenticated_at_ms) >= settings.session_absolute_ms
        || now.saturating_sub(signed_in.last_seen_ms) >= settings.session_idle_ms
    {
        session::end(session).await?;
        return Err(AppError::Unauthenticated);
    }
    if now - signed_in.last_seen_ms >= LAST_SEEN_GRANULARITY_MS {
        session::touch(session, now).await?;
    }
    let tenant = session::tenant(session).await?;
    let provider_tenant = session::provider_tenant(session).await?;
    if provider_tenant.is_some() && tenant.is_some() && provider_tenant != tenant {
        // A23: an identity from one company's provider never acts in another company.
        return Err(AppError::Forbidden);
    }
    let user_id = signed_in.user_id;
    match tenant {
        None => Ok(SessionStatus::NeedsTenant { user_id }),
        Some(tenant) => match TenantScope::resolve(state, &user_id, &tenant).await {
            Ok(scope) => Ok(SessionStatus::InTenant(Box::new(scope))),
            // LOCKDOWN or MAINTENANCE: the sessions of the roles it keeps out end.
            Err(error @ AppError::ModeClosed { .. }) => {
                session::end(session).await?;
                Err(error)
            }
            Err(error) => Err(error),
        },
    }
}

/// Enters another of the user's companies (the picker, the switcher). Resolving checks the
/// membership and that the company is active; a session opened by a company's identity provider
/// stays in that company (A23).
pub async fn choose_tenant(state: &AppState, session: &Session, user_id: &str, tenant: &str) -> AppResult<()> {
    if session::provider_tenant(session).await?.is_some_and(|only| only != tenant) {
        return Err(AppError::Forbidden);
    }
    TenantScope::resolve(state, user_id, tenant).await?;
    session::set_tenant(session, tenant).await
}
