//! Roles of a membership and what each may do.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Manager,
    Accountant,
    Technician,
    /// Reads everything, changes nothing.
    Auditor,
}

/// Something a server function or route may require. Every entry point names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// See the tenant's home figures and its sites.
    TenantRead,
    /// Create and rename sites.
    SitesManage,
}

impl Role {
    pub const ALL: [Role; 5] = [Self::Admin, Self::Manager, Self::Accountant, Self::Technician, Self::Auditor];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Manager => "manager",
            Self::Accountant => "accountant",
            Self::Technician => "technician",
            Self::Auditor => "auditor",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw.trim()).ok_or("invalid-role")
    }

    pub fn allows(self, permission: Permission) -> bool {
        match permission {
            Permission::TenantRead => true,
            Permission::SitesManage => matches!(self, Self::Admin | Self::Manager),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("root"), Err("invalid-role"));
    }

    #[test]
    fn only_admins_and_managers_manage_sites() {
        let allowed: Vec<_> = Role::ALL.into_iter().filter(|r| r.allows(Permission::SitesManage)).collect();
        assert_eq!(allowed, vec![Role::Admin, Role::Manager]);
    }

    #[test]
    fn every_role_reads_its_tenant() {
        assert!(Role::ALL.into_iter().all(|r| r.allows(Permission::TenantRead)));
    }
}
