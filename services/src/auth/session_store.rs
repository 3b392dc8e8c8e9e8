//! tower-sessions store in the control database, on either backend.
//!
//! Written here rather than taken from tower-sessions-sqlx-store because that crate needs typed
//! pools, and because the `user_id` column lets us list and end all of a user's sessions.

use async_trait::async_trait;
use sqlx::AnyPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

use crate::AppError;

use super::session::keys;

/// Expiry dates are set by tower-sessions from the system time, so they are compared with the
/// system time here too. Rules that need an injectable "now" (idle and absolute timeouts) are
/// checked by the application on top of this.
#[derive(Clone)]
pub struct ControlSessionStore {
    pool: AnyPool,
}

impl std::fmt::Debug for ControlSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ControlSessionStore")
    }
}

/// tower-sessions carries a store's errors as text: one the database did not answer is marked,
/// so that the request is answered "unavailable" (503) rather than "internal" (500).
fn backend(e: sqlx::Error) -> session_store::Error {
    match AppError::from(e) {
        AppError::Unavailable(why) => session_store::Error::Backend(format!("{UNAVAILABLE}{why}")),
        other => session_store::Error::Backend(other.to_string()),
    }
}

/// The mark of a store error that is the database not answering.
pub(crate) const UNAVAILABLE: &str = "unavailable: ";

fn expiry_ms(record: &Record) -> i64 {
    i64::try_from(record.expiry_date.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

impl ControlSessionStore {
    pub fn new(pool: AnyPool) -> Self {
        Self { pool }
    }

    fn now_ms() -> i64 {
        i64::try_from(time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
    }

    /// Ends every session of a user (logout everywhere, disabled account).
    pub async fn delete_for_user(&self, user_id: &str) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Ends every session of a user but one (after a password change).
    pub async fn delete_for_user_except(&self, user_id: &str, keep: &str) -> Result<u64, sqlx::Error> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(keep)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Ends one of the user's own sessions, named by its handle; false if there is none such.
    pub async fn delete_by_handle(&self, user_id: &str, handle: &str) -> Result<bool, sqlx::Error> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND handle = $2")
            .bind(user_id)
            .bind(handle)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// The user's live sessions, most recently active first.
    pub async fn list_for_user(&self, user_id: &str) -> Result<Vec<SessionRow>, sqlx::Error> {
        sqlx::query_as(
            "SELECT handle, client_ip, user_agent, started_at_ms, last_seen_ms FROM sessions \
             WHERE user_id = $1 AND expires_at_ms > $2 ORDER BY last_seen_ms DESC",
        )
        .bind(user_id)
        .bind(Self::now_ms())
        .fetch_all(&self.pool)
        .await
    }
}

/// One live session, as its owner sees it in their list. The handle stands for the id, which
/// never leaves the cookie.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub handle: Option<String>,
    pub client_ip: Option<String>,
    pub user_agent: Option<String>,
    pub started_at_ms: Option<i64>,
    pub last_seen_ms: Option<i64>,
}

/// A public name for a session id: the start of its SHA-256.
pub fn handle_of(id: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(&Sha256::digest(id.as_bytes())[..12])
}

/// The columns copied out of a record, so sessions can be listed and ended by user.
struct Columns {
    id: String,
    handle: String,
    user_id: Option<String>,
    tenant_code: Option<String>,
    data: String,
    expires_at_ms: i64,
    client_ip: Option<String>,
    user_agent: Option<String>,
    started_at_ms: Option<i64>,
    last_seen_ms: Option<i64>,
}

impl Columns {
    fn of(record: &Record) -> session_store::Result<Self> {
        let data = serde_json::to_string(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let text = |key: &str| record.data.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let number = |key: &str| record.data.get(key).and_then(serde_json::Value::as_i64);
        let id = record.id.to_string();
        Ok(Self {
            handle: handle_of(&id),
            id,
            user_id: text(keys::USER_ID),
            tenant_code: text(keys::TENANT),
            data,
            expires_at_ms: expiry_ms(record),
            client_ip: text(keys::CLIENT_IP),
            user_agent: text(keys::USER_AGENT),
            started_at_ms: number(keys::AUTHENTICATED_AT),
            last_seen_ms: number(keys::LAST_SEEN),
        })
    }
}

/// What an insert does when the id already exists.
const KEEP_EXISTING: &str = "DO NOTHING";
const REPLACE: &str = "DO UPDATE SET user_id = excluded.user_id, data = excluded.data, \
     expires_at_ms = excluded.expires_at_ms, handle = excluded.handle, client_ip = excluded.client_ip, \
     user_agent = excluded.user_agent, started_at_ms = excluded.started_at_ms, last_seen_ms = excluded.last_seen_ms, \
     tenant_code = excluded.tenant_code";

impl ControlSessionStore {
    /// Writes a record; returns whether a row was written.
    async fn write(&self, record: &Record, on_conflict: &str) -> session_store::Result<bool> {
        let c = Columns::of(record)?;
        let done = sqlx::query(&format!(
            "INSERT INTO sessions (id, user_id, data, expires_at_ms, handle, client_ip, user_agent, started_at_ms, \
             last_seen_ms, tenant_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) {on_conflict}"
        ))
        .bind(c.id)
        .bind(c.user_id)
        .bind(c.data)
        .bind(c.expires_at_ms)
        .bind(c.handle)
        .bind(c.client_ip)
        .bind(c.user_agent)
        .bind(c.started_at_ms)
        .bind(c.last_seen_ms)
        .bind(c.tenant_code)
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(done.rows_affected() == 1)
    }
}

#[async_trait]
impl SessionStore for ControlSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits; on the astronomically unlikely collision, draw again.
        while !self.write(record, KEEP_EXISTING).await? {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(record, REPLACE).await.map(|_| ())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT data, expires_at_ms FROM sessions WHERE id = $1 AND expires_at_ms > $2")
                .bind(id.to_string())
                .bind(Self::now_ms())
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some((data, expires)) = row else { return Ok(None) };
        let data = serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires) * 1_000_000)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id = $1")
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
