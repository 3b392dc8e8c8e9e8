//! Everything Atelier keeps in a browser's session, read and written here only: the keys are
//! private, and each value has its type. The rules about them (timeouts, the second step) are
//! in `current`; the store that persists them is `session_store`.

use serde::Serialize;
use serde::de::DeserializeOwned;
use tower_sessions::Session;

use crate::audit::RequestMeta;
use crate::sso::PendingSso;
use crate::{AppError, AppResult};

/// The keys, shared with the store, which copies some of them into columns.
pub(super) mod keys {
    /// The authenticated user's id.
    pub const USER_ID: &str = "user_id";
    /// When the password was checked (epoch ms): the absolute timeout counts from here.
    pub const AUTHENTICATED_AT: &str = "authenticated_at_ms";
    /// Last activity (epoch ms, to the minute): the idle timeout counts from here.
    pub const LAST_SEEN: &str = "last_seen_ms";
    /// The tenant chosen at login or in the switcher.
    pub const TENANT: &str = "tenant";
    /// Between the password and the second factor: the user id waiting for its second step. A
    /// session holding only this reaches nothing but the second-step pages (A11).
    pub const PENDING_USER: &str = "pending_user_id";
    /// What the pending user must do: `code` (give a code) or `enrol` (set a second factor up).
    pub const PENDING_STEP: &str = "pending_step";
    pub const PENDING_AT: &str = "pending_at_ms";
    /// Where to go once signed in.
    pub const PENDING_NEXT: &str = "pending_next";
    /// A single sign-on sent to the provider and not back yet.
    pub const SSO_PENDING: &str = "sso_pending";
    /// Set when the session came from a company's identity provider: it may enter that company
    /// only (A23).
    pub const SSO_TENANT: &str = "sso_tenant";
    /// Client address and browser, for the list of one's sessions.
    pub const CLIENT_IP: &str = "client_ip";
    pub const USER_AGENT: &str = "user_agent";
    /// The outcome of the last form posted without JavaScript, shown once by the next page.
    pub const FLASH: &str = "flash";
}

fn store_error(e: tower_sessions::session::Error) -> AppError {
    match e {
        tower_sessions::session::Error::Store(tower_sessions::session_store::Error::Backend(why))
            if why.starts_with(super::session_store::UNAVAILABLE) =>
        {
            AppError::Unavailable(why)
        }
        other => AppError::Internal(format!("session store: {other}")),
    }
}

async fn get<T: DeserializeOwned>(session: &Session, key: &str) -> AppResult<Option<T>> {
    session.get(key).await.map_err(store_error)
}

async fn put<T: Serialize>(session: &Session, key: &str, value: T) -> AppResult<()> {
    session.insert(key, value).await.map_err(store_error)
}

/// Removes a value that is there; reading first keeps a session with nothing to remove from
/// being marked changed (and rewritten, or created for an anonymous browser).
async fn take<T: DeserializeOwned>(session: &Session, key: &str) -> AppResult<Option<T>> {
    let value = get::<T>(session, key).await?;
    if value.is_some() {
        session.remove_value(key).await.map_err(store_error)?;
    }
    Ok(value)
}

/// A fully signed-in session: who, when the password was checked, when last seen.
pub struct SignedIn {
    pub user_id: String,
    pub authenticated_at_ms: i64,
    pub last_seen_ms: i64,
}

/// The signed-in user of the session, if any (timeouts not checked: see `current`).
pub async fn signed_in(session: &Session) -> AppResult<Option<SignedIn>> {
    let Some(user_id) = get::<String>(session, keys::USER_ID).await? else { return Ok(None) };
    // A session written by this module always has both; one without them has timed out.
    let authenticated_at_ms = get(session, keys::AUTHENTICATED_AT).await?.unwrap_or(i64::MIN);
    let last_seen_ms = get(session, keys::LAST_SEEN).await?.unwrap_or(i64::MIN);
    Ok(Some(SignedIn { user_id, authenticated_at_ms, last_seen_ms }))
}

/// A new session id holding only the signed-in user and the client's description (A7).
pub async fn sign_in(session: &Session, user_id: &str, now_ms: i64, meta: &RequestMeta) -> AppResult<()> {
    session.cycle_id().await.map_err(store_error)?;
    session.clear().await;
    put(session, keys::USER_ID, user_id).await?;
    put(session, keys::AUTHENTICATED_AT, now_ms).await?;
    put(session, keys::LAST_SEEN, now_ms).await?;
    if let Some(ip) = &meta.client_ip {
        put(session, keys::CLIENT_IP, ip).await?;
    }
    if let Some(agent) = &meta.user_agent {
        put(session, keys::USER_AGENT, agent).await?;
    }
    Ok(())
}

pub async fn touch(session: &Session, now_ms: i64) -> AppResult<()> {
    put(session, keys::LAST_SEEN, now_ms).await
}

/// Ends the session on the server: its cookie opens nothing afterwards.
pub async fn end(session: &Session) -> AppResult<()> {
    session.flush().await.map_err(store_error)
}

/// The second step owed by a half-signed-in session, as stored.
pub struct StoredPending {
    pub user_id: String,
    pub step: String,
    pub at_ms: i64,
    pub next: Option<String>,
}

/// A new session id holding only the user waiting for a second step (A7, A11).
pub async fn owe_second_step(session: &Session, pending: &StoredPending) -> AppResult<()> {
    session.cycle_id().await.map_err(store_error)?;
    session.clear().await;
    put(session, keys::PENDING_USER, &pending.user_id).await?;
    put(session, keys::PENDING_STEP, &pending.step).await?;
    put(session, keys::PENDING_AT, pending.at_ms).await?;
    if let Some(next) = &pending.next {
        put(session, keys::PENDING_NEXT, next).await?;
    }
    Ok(())
}

pub async fn second_step_owed(session: &Session) -> AppResult<Option<StoredPending>> {
    let Some(user_id) = get::<String>(session, keys::PENDING_USER).await? else { return Ok(None) };
    Ok(Some(StoredPending {
        user_id,
        step: get(session, keys::PENDING_STEP).await?.unwrap_or_default(),
        at_ms: get(session, keys::PENDING_AT).await?.unwrap_or(i64::MIN),
        next: get(session, keys::PENDING_NEXT).await?,
    }))
}

/// The company chosen in this session, if any.
pub async fn tenant(session: &Session) -> AppResult<Option<String>> {
    get(session, keys::TENANT).await
}

pub async fn set_tenant(session: &Session, code: &str) -> AppResult<()> {
    put(session, keys::TENANT, code).await
}

pub async fn forget_tenant(session: &Session) -> AppResult<()> {
    take::<String>(session, keys::TENANT).await.map(|_| ())
}

/// The only company a session opened by a company's identity provider may enter (A23).
pub async fn provider_tenant(session: &Session) -> AppResult<Option<String>> {
    get(session, keys::SSO_TENANT).await
}

pub async fn set_provider_tenant(session: &Session, code: &str) -> AppResult<()> {
    put(session, keys::SSO_TENANT, code).await
}

pub async fn set_sso_pending(session: &Session, pending: &PendingSso) -> AppResult<()> {
    put(session, keys::SSO_PENDING, pending).await
}

/// The single sign-on this browser started, spent by reading it (A19).
pub async fn take_sso_pending(session: &Session) -> AppResult<Option<PendingSso>> {
    take(session, keys::SSO_PENDING).await
}

/// Leaves the outcome of a form posted without JavaScript for the next page.
pub async fn put_flash<T: Serialize>(session: &Session, flash: &T) -> AppResult<()> {
    put(session, keys::FLASH, flash).await
}

/// The pending flash, removed as it is read.
pub async fn take_flash<T: DeserializeOwned>(session: &Session) -> AppResult<Option<T>> {
    take(session, keys::FLASH).await
}
