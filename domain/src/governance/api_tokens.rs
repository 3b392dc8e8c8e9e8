//! The REST API's bearer tokens: what a token may do, how long it lives, how it is written, and
//! how the console lists them. A token acts as the admin who created it, within its scope: its
//! creator's role must still hold a permission for the token to use it.

use serde::{Deserialize, Serialize};

use crate::error::{ValidationErrors, bounded_text};
use crate::policy::Permission;

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenScope {
    /// Read the console: policies, status, thresholds, flags; dry runs of purges.
    Read,
    /// Also change it: the mode, thresholds, flags, purges.
    Admin,
}

impl TokenScope {
    pub const ALL: [TokenScope; 2] = [Self::Read, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim()).ok_or("invalid-choice")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Read => "tokens-scope-read",
            Self::Admin => "tokens-scope-admin",
        }
    }

    /// Whether a token of this scope may use `permission`. Tokens reach the governance API only:
    /// never the rest of the product, nor the tokens themselves.
    pub fn permits(self, permission: Permission) -> bool {
        match self {
            Self::Read => permission == Permission::GovernanceRead,
            Self::Admin => matches!(
                permission,
                Permission::GovernanceRead
                    | Permission::GovernanceModeSet
                    | Permission::GovernanceFlags
                    | Permission::GovernanceSecurity
                    | Permission::GovernanceRetention
            ),
        }
    }
}

/// How long a new token lives, in days: the choices of the form.
pub const LIFETIMES_DAYS: [u32; 4] = [30, 90, 180, 365];
pub const NAME_MAX: usize = 80;
/// Tokens a company may have in use at once; revoke one to create another.
pub const ACTIVE_MAX: usize = 20;
/// The last use is written at most this often per token, so that reading does not write.
pub const LAST_USE_GRANULARITY_MS: i64 = 60_000;
const DAY_MS: i64 = 86_400_000;

/// Where the API's OpenAPI document is served.
pub const OPENAPI_PATH: &str = "/api/openapi.json";

/// Every token starts with this, so that secret scanners and people recognise one.
pub const PREFIX: &str = "atl_";
const ID_LEN: usize = 32;
/// 32 random bytes in unpadded base64url.
pub const SECRET_LEN: usize = 43;

/// A token as written: `atl_<id>_<secret>`, the id naming its stored row, the secret checked
/// against the row's hash.
pub fn compose(id: &str, secret: &str) -> String {
    format!("{PREFIX}{id}_{secret}")
}

/// The id of a presented token, when it is written as one; None for anything else.
pub fn presented_id(raw: &str) -> Option<&str> {
    let (id, secret) = raw.strip_prefix(PREFIX)?.split_once('_')?;
    let id_ok = id.len() == ID_LEN && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let secret_ok =
        secret.len() == SECRET_LEN && secret.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (id_ok && secret_ok).then_some(id)
}

/// Why a presented token opens nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenRefusal {
    /// No `Authorization: Bearer …` header.
    Missing,
    /// Not a token, or not one of ours (the same answer, whatever was wrong).
    Invalid,
    Expired,
    Revoked,
    /// Its admin can no longer act in its company (disabled, or no longer a member).
    OwnerGone,
}

impl TokenRefusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::Missing => "token-missing",
            Self::Invalid => "token-invalid",
            Self::Expired => "token-expired",
            Self::Revoked => "token-revoked",
            Self::OwnerGone => "token-owner-gone",
        }
    }
}

/// Where a token stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenStatus {
    Active,
    Expired,
    Revoked,
}

impl TokenStatus {
    pub fn of(expires_at_ms: i64, revoked_at_ms: Option<i64>, now_ms: i64) -> Self {
        if revoked_at_ms.is_some() {
            Self::Revoked
        } else if now_ms >= expires_at_ms {
            Self::Expired
        } else {
            Self::Active
        }
    }

    /// The refusal of a token that passed its secret check but is not active.
    pub fn refusal(self) -> Option<TokenRefusal> {
        match self {
            Self::Active => None,
            Self::Expired => Some(TokenRefusal::Expired),
            Self::Revoked => Some(TokenRefusal::Revoked),
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Self::Active => "tokens-status-active",
            Self::Expired => "tokens-status-expired",
            Self::Revoked => "tokens-status-revoked",
        }
    }
}

/// A new token as typed in the console.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TokenForm {
    pub name: String,
    pub scope: String,
    pub days: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewToken {
    pub name: String,
    pub scope: TokenScope,
    pub days: u32,
}

impl NewToken {
    pub fn expires_at_ms(&self, now_ms: i64) -> i64 {
        now_ms + i64::from(self.days) * DAY_MS
    }
}

impl TokenForm {
    pub fn parse(&self) -> Result<NewToken, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check("name", bounded_text(&self.name, NAME_MAX));
        let scope = errors.check("scope", TokenScope::parse(&self.scope));
        let days = errors.check("days", parse_days(&self.days));
        match (name, scope, days) {
            (Some(name), Some(scope), Some(days)) if errors.is_empty() => Ok(NewToken { name, scope, days }),
            _ => Err(errors),
        }
    }

    pub fn values(&self) -> [(&'static str, &str); 3] {
        [("name", &self.name), ("scope", &self.scope), ("days", &self.days)]
    }
}

fn parse_days(raw: &str) -> Result<u32, &'static str> {
    let days: u32 = raw.trim().parse().map_err(|_| "invalid-choice")?;
    if LIFETIMES_DAYS.contains(&days) { Ok(days) } else { Err("invalid-choice") }
}

/// A token revoked from the console.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RevokeForm {
    pub id: String,
}

/// One token as the console lists it (never its secret, which is not kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenView {
    pub id: String,
    pub name: String,
    pub scope: TokenScope,
    /// The e-mail of the admin it acts as.
    pub created_by: String,
    pub created_at_local_ms: i64,
    pub expires_at_local_ms: i64,
    pub last_used_local_ms: Option<i64>,
    pub status: TokenStatus,
    pub revoked_by: Option<String>,
    pub revoked_at_local_ms: Option<i64>,
}

/// The console's page of tokens: the newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokensPage {
    pub tokens: Vec<TokenView>,
    pub can_manage: bool,
    /// Whether another token may be created now (fewer than `ACTIVE_MAX` active).
    pub room: bool,
}

#[cfg(test)]
mod tests;
