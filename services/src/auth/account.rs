//! What a signed-in user does to their own account: change the password, see and end their
//! sessions, set up or remove their second factor. Each change is audited (A12).

use domain::AuditKind;

use super::password::Password;
use super::session_store::{ControlSessionStore, SessionRow};
use crate::audit::{self, Event, RequestMeta};
use crate::control::{UserRecord, repo};
use crate::{AppError, AppResult, AppState};

fn store(state: &AppState) -> ControlSessionStore {
    ControlSessionStore::new(state.control.pool().clone())
}

/// A change of password, as asked: the current one, the new one, and whether to end every
/// other session.
pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
    pub end_others: bool,
}

/// Changes the password after checking the current one (A3, A24). Returns how many other
/// sessions ended.
pub async fn change_password(
    state: &AppState,
    meta: &RequestMeta,
    user: &UserRecord,
    change: &PasswordChange<'_>,
    this_session: &str,
) -> AppResult<u64> {
    let parsed = Password::parse(change.new).map_err(|code| AppError::field("new_password", code))?;
    super::attempts::reauthenticate(state, meta, user, change.current, "current_password").await?;
    if change.current == change.new {
        return Err(AppError::field("new_password", "password-unchanged"));
    }
    let hash = state.hashing.hash(parsed).await?;
    repo::set_password_hash(state.control.pool(), &user.id, &hash).await?;
    let ended = if change.end_others { store(state).delete_for_user_except(&user.id, this_session).await? } else { 0 };
    let event = Event::new(AuditKind::PasswordChanged).user(&user.id).detail(format!("other-sessions-ended={ended}"));
    audit::record(state, meta, event).await?;
    Ok(ended)
}

pub async fn sessions(state: &AppState, user_id: &str) -> AppResult<Vec<SessionRow>> {
    Ok(store(state).list_for_user(user_id).await?)
}

/// Ends one of the user's own sessions; another user's handle is simply not found.
pub async fn end_session(state: &AppState, meta: &RequestMeta, user_id: &str, handle: &str) -> AppResult<()> {
    if !store(state).delete_by_handle(user_id, handle).await? {
        return Err(AppError::NotFound);
    }
    audit::record(state, meta, Event::new(AuditKind::SessionEnded).user(user_id).detail(handle)).await
}

/// Disables an account and ends all its sessions at once (admin CLI).
pub async fn disable(state: &AppState, meta: &RequestMeta, user_id: &str) -> AppResult<u64> {
    if repo::set_disabled(state.control.pool(), user_id, Some(state.clock.now_ms())).await? == 0 {
        return Err(AppError::NotFound);
    }
    let ended = store(state).delete_for_user(user_id).await?;
    let event = Event::new(AuditKind::AccountDisabled).user(user_id).detail(format!("sessions-ended={ended}"));
    audit::record(state, meta, event).await?;
    Ok(ended)
}

pub async fn enable(state: &AppState, user_id: &str) -> AppResult<()> {
    if repo::set_disabled(state.control.pool(), user_id, None).await? == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Signs out: the session ends on the server (its cookie opens nothing afterwards), audited
/// when someone was signed in.
pub async fn sign_out(state: &AppState, meta: &RequestMeta, session: &tower_sessions::Session) -> AppResult<()> {
    if let Some(signed_in) = super::session::signed_in(session).await? {
        audit::record(state, meta, Event::new(AuditKind::Logout).user(&signed_in.user_id)).await?;
    }
    super::session::end(session).await
}
