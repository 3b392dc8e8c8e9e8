//! Identity: password hashing, the login check, and the session store.

pub mod current;
pub mod login;
pub mod password;
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
    /// The outcome of the last form posted without JavaScript, shown once by the next page.
    pub const FLASH: &str = "flash";
}
