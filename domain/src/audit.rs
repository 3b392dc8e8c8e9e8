//! The kinds of security event kept in the audit log.

use serde::{Deserialize, Serialize};

macro_rules! audit_kinds {
    ($($variant:ident => $name:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditKind {
            $($variant,)*
        }

        impl AuditKind {
            pub const ALL: &'static [AuditKind] = &[$(Self::$variant,)*];

            /// The stable name stored in the log and used for its Fluent label (`audit-kind-…`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }
        }
    };
}

audit_kinds! {
    LoginSucceeded => "login-succeeded",
    LoginFailed => "login-failed",
    AccountLocked => "account-locked",
    AccountUnlocked => "account-unlocked",
    SecondFactorEnrolled => "second-factor-enrolled",
    SecondFactorUsed => "second-factor-used",
    SecondFactorFailed => "second-factor-failed",
    SecondFactorReset => "second-factor-reset",
    SecondFactorDisabled => "second-factor-disabled",
    RecoveryCodeUsed => "recovery-code-used",
    RecoveryCodesRegenerated => "recovery-codes-regenerated",
    PasswordChanged => "password-changed",
    SessionEnded => "session-ended",
    Logout => "logout",
    AccountDisabled => "account-disabled",
    PermissionRefused => "permission-refused",
    SignInRulesChanged => "sign-in-rules-changed",
    SsoLinked => "sso-linked",
    SsoAccountCreated => "sso-account-created",
}

impl AuditKind {
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::AuditKind;

    #[test]
    fn kinds_round_trip_and_are_unique() {
        for kind in AuditKind::ALL {
            assert_eq!(AuditKind::parse(kind.as_str()), Some(*kind));
        }
        let mut names: Vec<_> = AuditKind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditKind::ALL.len());
    }
}
