//! What the sign-in, company picker, security and members pages show. Built by
//! `services::auth::views` and `services::members`; times in the company's local time.

use serde::{Deserialize, Serialize};

use crate::Role;

/// Who is signed in, where, and what the interface may offer them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentSession {
    pub user_name: String,
    pub email: String,
    pub tenant_code: String,
    pub tenant_name: String,
    pub role: Role,
    pub tenant_count: usize,
    pub can_manage_sites: bool,
    pub can_manage_users: bool,
    pub can_manage_company: bool,
    pub can_read_audit: bool,
    /// The platform's and the company's emergency modes: every page's banner.
    pub modes: crate::governance::Modes,
}

/// A company the user may enter, for the picker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenantChoice {
    pub code: String,
    pub name: String,
    pub role: Role,
    /// Open to this member now: neither suspended nor closed to their role by a mode.
    pub active: bool,
    pub suspended_reason: Option<String>,
    /// The emergency mode that keeps this member's role out, and its reason.
    pub closed: Option<crate::governance::ModeState>,
    pub current: bool,
}

/// What the login page shows besides the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginHints {
    /// In demo mode, the demo password and accounts, so a visitor can try Atelier.
    pub demo_password: Option<String>,
    pub demo_accounts: Vec<(String, Role)>,
    /// The identity providers of the company named in the address (`/login?company=code`), as
    /// (id, label).
    pub providers: Vec<(String, String)>,
    /// That company's name, when it exists and has providers.
    pub company_name: Option<String>,
}

/// One of the user's own sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub handle: String,
    pub current: bool,
    pub device: Option<String>,
    pub client_ip: Option<String>,
    pub started_local_ms: Option<i64>,
    pub last_seen_local_ms: Option<i64>,
}

/// The user's own security page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityView {
    pub second_factor_since_local_ms: Option<i64>,
    pub recovery_codes_left: i64,
    pub sessions: Vec<SessionView>,
}

/// What the second-factor set-up form shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetupView {
    pub enabled: bool,
    /// While enrolling: the secret as text and as a QR code (SVG).
    pub secret: Option<String>,
    pub qr_svg: Option<String>,
    /// True when this is the sign-in's set-up step rather than the security page.
    pub at_login: bool,
}

/// A member of the company, as its admins see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub second_factor: bool,
    /// Local time the lock ends, while locked.
    pub locked_until_local_ms: Option<i64>,
    pub disabled: bool,
    pub last_login_local_ms: Option<i64>,
    /// Also a member of another company: its lock and second factor are the platform operator's.
    pub shared: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersView {
    pub members: Vec<MemberView>,
    pub second_factor_roles: Vec<Role>,
    pub lockout_threshold: i64,
    pub lockout_minutes: i64,
}
