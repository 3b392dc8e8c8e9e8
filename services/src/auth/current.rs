//! Who a session belongs to, with the idle and absolute timeouts enforced on the injected clock
//! (A9). The page guard and every server function go through here.

use tower_sessions::Session;

use super::keys;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Activity is written back to the session at most this often, so that browsing does not turn
/// every request into a database write.
const LAST_SEEN_GRANULARITY_MS: i64 = 60_000;

pub enum SessionStatus {
    Anonymous,
    /// Signed in, no company chosen yet.
    NeedsTenant {
        user_id: String,
    },
    InTenant(Box<TenantScope>),
}

fn store_error(e: tower_sessions::session::Error) -> AppError {
    AppError::Internal(format!("session store: {e}"))
}

/// Marks a session as freshly authenticated.
pub async fn start(state: &AppState, session: &Session, user_id: &str) -> AppResult<()> {
    let now = state.clock.now_ms();
    // A7: a new id at login; the pre-login cookie is worthless from here on.
    session.cycle_id().await.map_err(store_error)?;
    session.insert(keys::USER_ID, user_id).await.map_err(store_error)?;
    session.insert(keys::AUTHENTICATED_AT, now).await.map_err(store_error)?;
    session.insert(keys::LAST_SEEN, now).await.map_err(store_error)?;
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
    match session.get::<String>(keys::TENANT).await.map_err(store_error)? {
        None => Ok(SessionStatus::NeedsTenant { user_id }),
        Some(tenant) => Ok(SessionStatus::InTenant(Box::new(TenantScope::resolve(state, &user_id, &tenant).await?))),
    }
}
