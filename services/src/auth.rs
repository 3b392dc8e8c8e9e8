//! Identity: password hashing, the login check, and the session store.

pub mod account;
pub mod current;
pub mod login;
pub mod password;
pub mod second_factor;
pub mod session_store;

pub use login::{Authenticated, authenticate};

/// Keys of the values kept in a session.
pub mod keys {
    /// The authenticated user's id.
    pub const USER_ID: &str = "user_id";
    /// When the password was checked (epoch ms): the absolute timeout counts from here.
    pub const AUTHENTICATED_AT: &str = "authenticated_at_ms";
    /// Last activity (epoch ms, to the minute): the idle timeout counts from here.
    pub const LAST_SEEN: &str = "last_seen_ms";
    /// The tenant chosen at login or in the switcher.
    pub const TENANT: &str = "tenant";
    /// Between the password and the second factor: the user id waiting for its second step.
    /// A session holding only this reaches nothing but the second-factor page (A11).
    pub const PENDING_USER: &str = "pending_user_id";
    /// What the pending user must do: `code` (give a code) or `enrol` (set a second factor up).
    pub const PENDING_STEP: &str = "pending_step";
    pub const PENDING_AT: &str = "pending_at_ms";
    /// Where to go once signed in.
    pub const PENDING_NEXT: &str = "pending_next";
    /// A single sign-on sent to the provider and not back yet (`sso::PendingSso`).
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
