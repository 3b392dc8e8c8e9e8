//! Roles of a membership. What each may do is in the policy file (see `policy`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Manager,
    Accountant,
    Technician,
    /// Reads everything, changes nothing.
    Auditor,
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

    /// The Fluent key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Admin => "role-admin",
            Self::Manager => "role-manager",
            Self::Accountant => "role-accountant",
            Self::Technician => "role-technician",
            Self::Auditor => "role-auditor",
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
}
