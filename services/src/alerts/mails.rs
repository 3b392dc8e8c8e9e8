//! E-mails of critical alerts, when SMTP is configured: queued in the transaction that opens
//! the alert (one per member of its roles who may read its record), sent after it commits, and
//! tried again further and further apart when the SMTP server refuses or cannot be reached.

use domain::alerts::RuleKind;
use domain::alerts::rules::RuleSettings;
use domain::{Role, Severity};

use super::repo::mails;
use crate::control::TenantRecord;
use crate::db::{Db, WriteTx};
use crate::{AppError, AppResult, AppState};

/// Sending at most this many a round, so one round stays short.
const PER_ROUND: i64 = 100;

/// After the n-th failed try, the next one in: 1, 5, 15, then 60 minutes (five tries in all).
fn next_try_after(tries: i64) -> i64 {
    60_000
        * match tries {
            1 => 1,
            2 => 5,
            3 => 15,
            _ => 60,
        }
}

/// Who is e-mailed an alert of `rule`: nobody unless SMTP is configured and the rule is critical;
/// else the members of its roles, not disabled, who may read its record: (user, e-mail).
pub(super) async fn recipients(
    state: &AppState,
    tenant: &TenantRecord,
    rule: &RuleSettings,
) -> AppResult<Vec<(String, String)>> {
    if state.mailer.is_none() || rule.severity != Severity::Critical {
        return Ok(Vec::new());
    }
    let told = |role: &str| {
        Role::parse(role).is_ok_and(|role| {
            rule.roles.contains(&role)
                && state.settings.policy.permissions_of(role).contains(&rule.kind.read_permission())
        })
    };
    let members = crate::control::repo::members_of(state.control.pool(), &tenant.code).await?;
    Ok(members.into_iter().filter(|m| m.disabled_at_ms.is_none() && told(&m.role)).map(|m| (m.id, m.email)).collect())
}

pub(super) async fn queue(tx: &mut WriteTx, alert: i64, to: &[(String, String)], now_ms: i64) -> AppResult<()> {
    for (user, email) in to {
        mails::queue(&mut **tx, alert, user, email, now_ms).await?;
    }
    Ok(())
}

/// What a round of sending did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

/// Sends the company's e-mails that are due.
pub async fn deliver(state: &AppState, tenant: &TenantRecord, db: &Db, now_ms: i64) -> AppResult<Sent> {
    let Some(mailer) = &state.mailer else { return Ok(Sent::default()) };
    let due = mails::due(db.pool(), now_ms, PER_ROUND).await?;
    if due.is_empty() {
        return Ok(Sent::default());
    }
    let lang = crate::company::document_lang(db.pool(), tenant).await?;
    let zone = crate::clock::stored_zone(&tenant.timezone)?;
    let mut outcome = Sent::default();
    for mail in due {
        let rule = RuleKind::parse(&mail.rule).map_err(|_| AppError::corrupt("alerts.rule", &mail.rule))?;
        let severity =
            Severity::parse(&mail.severity).ok_or_else(|| AppError::corrupt("alerts.severity", &mail.severity))?;
        let content = documents::AlertMail {
            lang,
            company: &tenant.name,
            rule,
            severity,
            subject: &mail.subject,
            opened_at_local_ms: crate::clock::to_local_ms(zone, mail.opened_at_ms),
            link: state
                .settings
                .public_url
                .as_ref()
                .map(|base| format!("{}{}", base.trim_end_matches('/'), rule.href(&mail.subject_id))),
        };
        let (subject, body) = documents::alert_mail(&content);
        let result = mailer.send(&mail.email, &subject, body).await;
        let mut tx = db.begin_write().await?;
        match &result {
            Ok(()) => mails::sent(&mut *tx, mail.alert_id, &mail.user_id, state.clock.now_ms()).await?,
            Err(error) => {
                let error: String = error.chars().take(500).collect();
                let next = state.clock.now_ms() + next_try_after(mail.tries + 1);
                mails::failed(&mut *tx, mail.alert_id, &mail.user_id, &error, next).await?;
            }
        }
        tx.commit().await?;
        match result {
            Ok(()) => outcome.sent += 1,
            Err(error) => {
                tracing::warn!(tenant = %tenant.code, to = %mail.email, %error, "alert e-mail not sent");
                outcome.failed += 1;
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_mail_is_tried_again_further_and_further_apart() {
        let waits: Vec<i64> = (1..=5).map(next_try_after).collect();
        assert_eq!(waits, [60_000, 300_000, 900_000, 3_600_000, 3_600_000]);
    }
}
