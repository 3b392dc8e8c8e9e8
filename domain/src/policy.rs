//! The declarative role policy: which role holds which permission, read from a TOML file
//! (`policy/roles.toml`) rather than written in code, so that it can be reviewed and linted.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::Role;

/// Something a server function or route may require. Every entry point names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// See the company's home figures and its sites.
    TenantRead,
    /// Create and rename sites.
    SitesManage,
    StockRead,
    /// Receive, transfer, adjust and reverse stock movements.
    StockMove,
    /// Record withdrawals (consumption on a job, sales).
    StockIssue,
    /// Import articles and opening stock from CSV.
    StockImport,
    InvoiceRead,
    /// Prepare invoice drafts (create, change, delete; no number).
    InvoiceDraft,
    /// Issue drafts as invoices, and credit notes of issued invoices.
    InvoiceIssue,
    /// Record payments against issued invoices.
    InvoicePay,
    /// Read the inalterable ledger: closures, archives, accounting exports.
    LedgerRead,
    /// Close a period of the ledger on demand.
    LedgerClose,
    /// Edit the accounts the accounting exports post to.
    AccountingManage,
    /// Create, edit, import and delete customers.
    CustomersManage,
    /// Unlock accounts, reset second factors, set the company's sign-in rules.
    UsersManage,
    /// Edit the company's profile: legal identity, bank account, invoicing settings.
    CompanyManage,
    /// Read the company's audit log.
    AuditRead,
    GovernanceRead,
    GovernanceModeSet,
    /// Turn features on and off, open them to a share of users or some roles, kill them.
    GovernanceFlags,
    /// Change the company's security thresholds.
    GovernanceSecurity,
    /// Purge what is past its retention.
    GovernanceRetention,
    /// Create and revoke the company's REST API tokens.
    GovernanceTokens,
    /// Export what the company holds about a person; erase a departed member or a customer.
    GovernancePersonalData,
    /// See every mission of the company (technicians see only theirs, through `MissionsWork`).
    MissionsRead,
    /// Create, edit, publish, assign and cancel missions; record emergency requests.
    MissionsManage,
    /// Accept, start, block, resume and complete the missions one is assigned to.
    MissionsWork,
    /// Invoice a finished mission.
    MissionsInvoice,
    /// See everyone's time (technicians see their own, through `TimeRecord`).
    TimeRead,
    /// Record one's own time against one's missions.
    TimeRecord,
    /// Approve time entries, or send them back with a reason.
    TimeApprove,
    /// Edit the company's alert rules (thresholds, severities, roles notified).
    AlertsManage,
    /// Read the operations dashboard (stock by site, missions, emergencies, hours).
    DashboardOperations,
    /// Read the finance dashboard (invoiced, receivables, overdue, payments).
    DashboardFinance,
    /// Read the platform dashboard (alerts, security events, sign-in failures, flags).
    DashboardPlatform,
    /// See the company's webhooks and their deliveries.
    WebhooksRead,
    /// Register and change webhooks, replace their secrets, send a delivery again.
    WebhooksManage,
}

impl Permission {
    pub const ALL: [Permission; 37] = [
        Self::TenantRead,
        Self::SitesManage,
        Self::StockRead,
        Self::StockMove,
        Self::StockIssue,
        Self::StockImport,
        Self::InvoiceRead,
        Self::InvoiceDraft,
        Self::InvoiceIssue,
        Self::InvoicePay,
        Self::LedgerRead,
        Self::LedgerClose,
        Self::AccountingManage,
        Self::CustomersManage,
        Self::UsersManage,
        Self::CompanyManage,
        Self::AuditRead,
        Self::GovernanceRead,
        Self::GovernanceModeSet,
        Self::GovernanceFlags,
        Self::GovernanceSecurity,
        Self::GovernanceRetention,
        Self::GovernanceTokens,
        Self::GovernancePersonalData,
        Self::MissionsRead,
        Self::MissionsManage,
        Self::MissionsWork,
        Self::MissionsInvoice,
        Self::TimeRead,
        Self::TimeRecord,
        Self::TimeApprove,
        Self::AlertsManage,
        Self::DashboardOperations,
        Self::DashboardFinance,
        Self::DashboardPlatform,
        Self::WebhooksRead,
        Self::WebhooksManage,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::TenantRead => "tenant.read",
            Self::SitesManage => "sites.manage",
            Self::StockRead => "stock.read",
            Self::StockMove => "stock.move",
            Self::StockIssue => "stock.issue",
            Self::StockImport => "stock.import",
            Self::InvoiceRead => "invoice.read",
            Self::InvoiceDraft => "invoice.draft",
            Self::InvoiceIssue => "invoice.issue",
            Self::InvoicePay => "invoice.pay",
            Self::LedgerRead => "ledger.read",
            Self::LedgerClose => "ledger.close",
            Self::AccountingManage => "accounting.manage",
            Self::CustomersManage => "customers.manage",
            Self::UsersManage => "users.manage",
            Self::CompanyManage => "company.manage",
            Self::AuditRead => "audit.read",
            Self::GovernanceRead => "governance.read",
            Self::GovernanceModeSet => "governance.mode.set",
            Self::GovernanceFlags => "governance.flags.manage",
            Self::GovernanceSecurity => "governance.security.manage",
            Self::GovernanceRetention => "governance.retention.manage",
            Self::GovernanceTokens => "governance.tokens.manage",
            Self::GovernancePersonalData => "governance.personal-data.manage",
            Self::MissionsRead => "missions.read",
            Self::MissionsManage => "missions.manage",
            Self::MissionsWork => "missions.work",
            Self::MissionsInvoice => "missions.invoice",
            Self::TimeRead => "time.read",
            Self::TimeRecord => "time.record",
            Self::TimeApprove => "time.approve",
            Self::AlertsManage => "alerts.manage",
            Self::DashboardOperations => "dashboards.operations",
            Self::DashboardFinance => "dashboards.finance",
            Self::DashboardPlatform => "dashboards.platform",
            Self::WebhooksRead => "webhooks.read",
            Self::WebhooksManage => "webhooks.manage",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// Whether a change made with it is an administrative one, which the company's per-user
    /// limit of admin actions a minute counts (setting the emergency mode and throwing a kill
    /// switch are declared reads of the access layer: an incident is never rate-limited).
    pub fn is_administration(self) -> bool {
        matches!(
            self,
            Self::UsersManage
                | Self::CompanyManage
                | Self::GovernanceModeSet
                | Self::GovernanceFlags
                | Self::GovernanceSecurity
                | Self::GovernanceTokens
                | Self::GovernancePersonalData
                | Self::AlertsManage
                | Self::WebhooksManage
        )
    }

    /// Whether holding it lets one change something. The auditor may hold none of these.
    pub fn changes_data(self) -> bool {
        !matches!(
            self,
            Self::TenantRead
                | Self::StockRead
                | Self::InvoiceRead
                | Self::LedgerRead
                | Self::AuditRead
                | Self::GovernanceRead
                | Self::MissionsRead
                | Self::TimeRead
                | Self::DashboardOperations
                | Self::DashboardFinance
                | Self::DashboardPlatform
                | Self::WebhooksRead
        )
    }
}

/// A problem found in a policy file. Errors stop the start; warnings are only reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyIssue {
    Syntax(String),
    UnknownRole(String),
    UnknownPermission {
        role: String,
        permission: String,
    },
    MissingRole(Role),
    AuditorMayChange(Permission),
    /// Warning: nobody holds it, so whatever needs it is unreachable.
    Unassigned(Permission),
}

impl PolicyIssue {
    pub fn is_error(&self) -> bool {
        !matches!(self, Self::Unassigned(_))
    }
}

impl std::fmt::Display for PolicyIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Syntax(e) => write!(f, "error: not a valid policy file: {e}"),
            Self::UnknownRole(r) => {
                write!(f, "error: unknown role `{r}` (known: admin, manager, accountant, technician, auditor)")
            }
            Self::UnknownPermission { role, permission } => {
                write!(f, "error: role `{role}` is given the unknown permission `{permission}`")
            }
            Self::MissingRole(r) => write!(f, "error: role `{}` is missing (every role must be listed)", r.as_str()),
            Self::AuditorMayChange(p) => {
                write!(f, "error: the auditor changes nothing, yet is given `{}`", p.name())
            }
            Self::Unassigned(p) => write!(f, "warning: no role holds `{}`", p.name()),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    roles: BTreeMap<String, RoleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    permissions: Vec<String>,
}

/// The permissions of every role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    grants: BTreeMap<Role, BTreeSet<Permission>>,
}

impl Policy {
    /// Reads a policy file; any error-level issue refuses the whole file.
    pub fn parse(text: &str) -> Result<Self, Vec<PolicyIssue>> {
        let (policy, issues) = Self::lint(text);
        match policy {
            Some(policy) if !issues.iter().any(PolicyIssue::is_error) => Ok(policy),
            _ => Err(issues.into_iter().filter(PolicyIssue::is_error).collect()),
        }
    }

    /// Every issue of a policy file, errors and warnings, and the policy if it could be read.
    pub fn lint(text: &str) -> (Option<Self>, Vec<PolicyIssue>) {
        let file: PolicyFile = match toml::from_str(text) {
            Ok(file) => file,
            Err(e) => return (None, vec![PolicyIssue::Syntax(e.message().to_owned())]),
        };
        let mut issues = Vec::new();
        let mut grants = BTreeMap::new();
        for (role_name, entry) in &file.roles {
            let Ok(role) = Role::parse(role_name) else {
                issues.push(PolicyIssue::UnknownRole(role_name.clone()));
                continue;
            };
            let mut set = BTreeSet::new();
            for name in &entry.permissions {
                match Permission::parse(name) {
                    Some(p) => {
                        set.insert(p);
                    }
                    None => issues
                        .push(PolicyIssue::UnknownPermission { role: role_name.clone(), permission: name.clone() }),
                }
            }
            grants.insert(role, set);
        }
        for role in Role::ALL {
            if !grants.contains_key(&role) {
                issues.push(PolicyIssue::MissingRole(role));
            }
        }
        if let Some(auditor) = grants.get(&Role::Auditor) {
            issues.extend(auditor.iter().filter(|p| p.changes_data()).map(|p| PolicyIssue::AuditorMayChange(*p)));
        }
        for permission in Permission::ALL {
            if !grants.values().any(|set| set.contains(&permission)) {
                issues.push(PolicyIssue::Unassigned(permission));
            }
        }
        (Some(Self { grants }), issues)
    }

    pub fn allows(&self, role: Role, permission: Permission) -> bool {
        self.grants.get(&role).is_some_and(|set| set.contains(&permission))
    }

    pub fn permissions_of(&self, role: Role) -> BTreeSet<Permission> {
        self.grants.get(&role).cloned().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = include_str!("../../policy/roles.toml");

    #[test]
    fn the_shipped_policy_is_clean() {
        let (policy, issues) = Policy::lint(SHIPPED);
        assert!(policy.is_some());
        assert_eq!(issues, vec![], "policy/roles.toml has issues");
    }

    #[test]
    fn the_shipped_auditor_can_change_nothing() {
        let policy = Policy::parse(SHIPPED).unwrap();
        assert!(Permission::ALL.into_iter().filter(|p| p.changes_data()).all(|p| !policy.allows(Role::Auditor, p)));
        assert!(policy.allows(Role::Auditor, Permission::AuditRead));
    }

    #[test]
    fn only_admins_and_managers_manage_sites() {
        let policy = Policy::parse(SHIPPED).unwrap();
        let allowed: Vec<_> = Role::ALL.into_iter().filter(|r| policy.allows(*r, Permission::SitesManage)).collect();
        assert_eq!(allowed, vec![Role::Admin, Role::Manager]);
    }

    #[test]
    fn permission_names_round_trip() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.name()), Some(p));
        }
    }

    #[test]
    fn a_bad_file_is_refused_with_every_reason() {
        let text = r#"
            [roles.admin]
            permissions = ["tenant.read", "sites.destroy"]
            [roles.auditor]
            permissions = ["tenant.read", "sites.manage"]
            [roles.root]
            permissions = []
        "#;
        let errors = Policy::parse(text).unwrap_err();
        assert!(
            errors
                .contains(&PolicyIssue::UnknownPermission { role: "admin".into(), permission: "sites.destroy".into() })
        );
        assert!(errors.contains(&PolicyIssue::AuditorMayChange(Permission::SitesManage)));
        assert!(errors.contains(&PolicyIssue::UnknownRole("root".into())));
        assert!(errors.contains(&PolicyIssue::MissingRole(Role::Manager)));
        assert!(errors.iter().all(PolicyIssue::is_error));
    }

    #[test]
    fn syntax_errors_are_reported() {
        let errors = Policy::parse("[roles.admin\npermissions = ").unwrap_err();
        assert!(matches!(errors.as_slice(), [PolicyIssue::Syntax(_)]));
    }

    #[test]
    fn unknown_keys_are_refused_not_ignored() {
        let errors = Policy::parse("[roles.admin]\npermisions = []").unwrap_err();
        assert!(matches!(errors.as_slice(), [PolicyIssue::Syntax(_)]));
    }
}
