//! The dashboards: what each role watches at a glance (operations for managers, finance for
//! accountants, the platform for admins), the periods their figures cover, and the geometry of
//! the charts that draw them.

pub mod chart;
pub mod kpis;
pub mod periods;
pub mod views;

use serde::{Deserialize, Serialize};

use crate::Permission;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Board {
    /// Stock value and levels by site, missions by state, emergencies, technicians' hours.
    Operations,
    /// Invoiced this month and last, receivables by age, overdue invoices, payments.
    Finance,
    /// Open alerts, security events, failed sign-ins, feature flags.
    Platform,
}

impl Board {
    pub const ALL: [Self; 3] = [Self::Operations, Self::Finance, Self::Platform];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Operations => "operations",
            Self::Finance => "finance",
            Self::Platform => "platform",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.slug() == raw)
    }

    pub fn permission(self) -> Permission {
        match self {
            Self::Operations => Permission::DashboardOperations,
            Self::Finance => Permission::DashboardFinance,
            Self::Platform => Permission::DashboardPlatform,
        }
    }

    pub fn title_key(self) -> &'static str {
        match self {
            Self::Operations => "dashboard-operations",
            Self::Finance => "dashboard-finance",
            Self::Platform => "dashboard-platform",
        }
    }

    pub fn href(self) -> String {
        format!("/dashboards/{}", self.slug())
    }

    /// The boards a holder of these permissions reads, in their usual order.
    pub fn readable(allows: impl Fn(Permission) -> bool) -> Vec<Self> {
        Self::ALL.into_iter().filter(|b| allows(b.permission())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Policy, Role};

    #[test]
    fn each_role_reads_its_boards() {
        let policy = Policy::parse(include_str!("../../policy/roles.toml")).unwrap();
        let boards = |role| Board::readable(|p| policy.allows(role, p));
        assert_eq!(boards(Role::Manager), [Board::Operations]);
        assert_eq!(boards(Role::Accountant), [Board::Finance]);
        assert_eq!(boards(Role::Admin), Board::ALL);
        assert_eq!(boards(Role::Auditor), Board::ALL);
        assert!(boards(Role::Technician).is_empty());
        for board in Board::ALL {
            assert_eq!(Board::parse(board.slug()), Some(board));
        }
        assert_eq!(Board::parse("Finance"), None);
    }
}
