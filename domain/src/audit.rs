//! The security audit log: the kinds of event it keeps, and what its page shows and filters.

pub mod chain;
pub mod export;

use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;
use crate::input::{optional_text, parse_date};

macro_rules! audit_kinds {
    ($($variant:ident => $name:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum AuditKind {
            $($variant,)*
        }

        impl AuditKind {
            pub const ALL: &'static [AuditKind] = &[$(Self::$variant,)*];

            /// The stable name stored in the log.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)*
                }
            }

            /// The Fluent key of its name.
            pub fn label_key(self) -> &'static str {
                match self {
                    $(Self::$variant => concat!("audit-kind-", $name),)*
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
    CompanyProfileChanged => "company-profile-changed",
    AccountingAccountsChanged => "accounting-accounts-changed",
    AlertRuleChanged => "alert-rule-changed",
    WebhookCreated => "webhook-created",
    WebhookChanged => "webhook-changed",
    WebhookSecretRotated => "webhook-secret-rotated",
    WebhookDeliveryReplayed => "webhook-delivery-replayed",
    EmergencyModeChanged => "emergency-mode-changed",
    FeatureFlagChanged => "feature-flag-changed",
    FeatureKilled => "feature-killed",
    FeatureReleased => "feature-released",
    SecurityThresholdsChanged => "security-thresholds-changed",
    RetentionPurgeStarted => "retention-purge-started",
    RetentionPurged => "retention-purged",
    RetentionPurgeFailed => "retention-purge-failed",
    ApiTokenCreated => "api-token-created",
    ApiTokenRevoked => "api-token-revoked",
    PersonalDataExported => "personal-data-exported",
    UserAnonymised => "user-anonymised",
    CustomerAnonymised => "customer-anonymised",
    IntegrityChecked => "integrity-checked",
}

impl AuditKind {
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == name)
    }
}

/// An event as the audit page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at_local_ms: i64,
    pub kind: AuditKind,
    /// The account that acted.
    pub actor: Option<String>,
    /// The e-mail typed or the account acted upon.
    pub subject: Option<String>,
    pub detail: Option<String>,
    pub client_ip: Option<String>,
    pub device: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Set when older entries exist: the `before` of the next page.
    pub older: Option<i64>,
}

/// The audit page's filters, every one optional: a kind, part of an e-mail, local days
/// (`YYYY-MM-DD`, `to` included) and the paging cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub kind: Option<AuditKind>,
    pub who: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub before: Option<i64>,
}

impl AuditQuery {
    pub fn parse(
        kind: Option<&str>,
        who: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
        before: Option<i64>,
    ) -> Result<Self, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        fn present(raw: Option<&str>) -> Option<&str> {
            raw.map(str::trim).filter(|v| !v.is_empty())
        }
        let kind = present(kind).and_then(|k| errors.check("kind", AuditKind::parse(k).ok_or("invalid-choice")));
        let who = errors.check("who", optional_text(who.unwrap_or_default(), 100)).flatten();
        let mut day = |field: &str, raw: Option<&str>| present(raw).and_then(|d| errors.check(field, iso_day(d)));
        let (from, to) = (day("from", from), day("to", to));
        let query = Self { kind, who, from, to, before: before.filter(|b| *b > 0) };
        errors.into_result().map(|()| query)
    }
}

/// A day as `YYYY-MM-DD` (what a date field sends).
fn iso_day(raw: &str) -> Result<String, &'static str> {
    let valid = raw.len() == 10 && parse_date(raw).is_ok_and(|d| d == raw);
    if valid { Ok(raw.to_owned()) } else { Err("invalid-date") }
}

#[cfg(test)]
mod tests {
    use super::AuditKind;

    #[test]
    fn kinds_round_trip_and_are_unique() {
        for kind in AuditKind::ALL {
            assert_eq!(AuditKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str(), "the same name in JSON");
        }
        let mut names: Vec<_> = AuditKind::ALL.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), AuditKind::ALL.len());
    }
}
