//! What each server function requires, declared in one table. The HTTP layer refuses any call
//! to an undeclared function and checks the declared need before the function runs; a test
//! fails if a registered function is missing here. The functions check again themselves (for
//! calls made while rendering a page, which do not pass through the HTTP layer).

use domain::Permission;

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone: signing in, the language, leaving.
    Public,
    /// A session between password and second factor (A11): only the second step.
    Pending,
    /// A signed-in user, or one who must set up a second factor before entering.
    Enrolment,
    /// A signed-in user acting on their own account, whether or not a company is chosen.
    Account,
    /// A member of the session's company whose role holds the permission.
    Tenant(Permission),
    /// The platform operator (plain routes only): a client on the machine itself, or, when
    /// `ATELIER_METRICS_TOKEN` is set, whoever presents it as a bearer token.
    Operator,
}

/// Every server function by endpoint name (`/api/<name>`).
pub const ENDPOINTS: &[(&str, Access)] = &[
    ("login_context", Access::Public),
    ("login", Access::Public),
    ("logout", Access::Public),
    ("set_language", Access::Public),
    ("take_flash", Access::Public),
    ("second_factor", Access::Pending),
    ("second_factor_setup", Access::Enrolment),
    ("begin_second_factor", Access::Enrolment),
    ("confirm_second_factor", Access::Enrolment),
    ("tenant_choices", Access::Account),
    ("select_tenant", Access::Account),
    ("security_overview", Access::Account),
    ("change_password", Access::Account),
    ("end_session", Access::Account),
    ("disable_second_factor", Access::Account),
    ("regenerate_recovery_codes", Access::Account),
    ("session_info", Access::Tenant(Permission::TenantRead)),
    ("home_view", Access::Tenant(Permission::TenantRead)),
    ("list_sites", Access::Tenant(Permission::TenantRead)),
    ("get_site", Access::Tenant(Permission::TenantRead)),
    ("create_site", Access::Tenant(Permission::SitesManage)),
    ("rename_site", Access::Tenant(Permission::SitesManage)),
    ("stock_articles", Access::Tenant(Permission::StockRead)),
    ("article_view", Access::Tenant(Permission::StockRead)),
    ("receive_stock", Access::Tenant(Permission::StockMove)),
    ("withdraw_stock", Access::Tenant(Permission::StockIssue)),
    ("transfer_stock", Access::Tenant(Permission::StockMove)),
    ("adjust_stock", Access::Tenant(Permission::StockMove)),
    ("reverse_operation", Access::Tenant(Permission::StockMove)),
    ("article_fields", Access::Tenant(Permission::StockMove)),
    ("create_article", Access::Tenant(Permission::StockMove)),
    ("update_article", Access::Tenant(Permission::StockMove)),
    ("stock_hub", Access::Tenant(Permission::StockRead)),
    ("stock_alerts", Access::Tenant(Permission::StockRead)),
    ("reorder_suggestions", Access::Tenant(Permission::StockRead)),
    ("stock_valuation", Access::Tenant(Permission::StockRead)),
    ("lot_trace", Access::Tenant(Permission::StockRead)),
    ("expiring_lots", Access::Tenant(Permission::StockRead)),
    ("stock_anomalies", Access::Tenant(Permission::StockRead)),
    ("import_overview", Access::Tenant(Permission::StockRead)),
    ("import_progress", Access::Tenant(Permission::StockRead)),
    ("members_overview", Access::Tenant(Permission::UsersManage)),
    ("unlock_member", Access::Tenant(Permission::UsersManage)),
    ("reset_member_second_factor", Access::Tenant(Permission::UsersManage)),
    ("set_sign_in_rules", Access::Tenant(Permission::UsersManage)),
    ("audit_events", Access::Tenant(Permission::AuditRead)),
];

/// The server functions that check a password or a second-factor code. Each call spends the
/// client address's budget of sign-in attempts, like a sign-in (A24).
pub const CHECKS_SECRETS: &[&str] = &[
    "login",
    "second_factor",
    "begin_second_factor",
    "change_password",
    "disable_second_factor",
    "regenerate_recovery_codes",
];

/// The declared need of `/api/<name>`, if the function is declared.
pub fn of_path(path: &str) -> Option<Access> {
    let name = path.strip_prefix("/api/")?;
    ENDPOINTS.iter().find(|(n, _)| *n == name).map(|(_, access)| *access)
}
