//! The e-mail of a critical alert: plain text in the company's language (its documents'
//! language, like its invoices), with a link to the record when the public address is known.

use domain::alerts::RuleKind;
use domain::{Lang, Severity, format};

use crate::text::Words;

/// What an alert e-mail says: the alert, and where the reader acts on it.
pub struct AlertMail<'a> {
    pub lang: Lang,
    pub company: &'a str,
    pub rule: RuleKind,
    pub severity: Severity,
    pub subject: &'a str,
    /// When it opened, in the company's local time.
    pub opened_at_local_ms: i64,
    /// The record's page as a full address (None when the public address is not configured).
    pub link: Option<String>,
}

/// The subject line and the body.
pub fn alert_mail(mail: &AlertMail<'_>) -> (String, String) {
    let words = Words { lang: mail.lang };
    let rule = words.t(mail.rule.label_key());
    let severity = words.t(mail.severity.label_key());
    let subject_line = words.t_args(
        "mail-alert-subject",
        &[("severity", severity.clone()), ("rule", rule.clone()), ("subject", mail.subject.to_owned())],
    );
    let mut body = vec![
        words.t_args("mail-alert-intro", &[("company", mail.company.to_owned())]),
        String::new(),
        format!("{rule} ({severity})"),
        mail.subject.to_owned(),
        words.t_args("mail-alert-opened", &[("when", format::date_time(mail.lang, mail.opened_at_local_ms))]),
    ];
    if let Some(link) = &mail.link {
        body.extend([String::new(), link.clone()]);
    }
    body.extend([String::new(), "-- ".to_owned(), words.t("mail-alert-why")]);
    (subject_line, body.join("\r\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_mail_says_what_where_when_and_why_in_the_company_language() {
        let mail = AlertMail {
            lang: Lang::Fr,
            company: "Atelier Démo SARL",
            rule: RuleKind::EmergencyPending,
            severity: Severity::Critical,
            subject: "M-00042 · Four en panne",
            opened_at_local_ms: 1_796_000_000_000,
            link: Some("https://erp.example.fr/missions/abc".into()),
        };
        let (subject, body) = alert_mail(&mail);
        assert_eq!(subject, "[Atelier] Critique : Urgence en attente d’un technicien — M-00042 · Four en panne");
        assert!(body.starts_with("Alerte pour Atelier Démo SARL"), "{body}");
        assert!(body.contains("https://erp.example.fr/missions/abc\r\n"));
        assert!(body.contains("Levée le "), "{body}");
        let (english, _) = alert_mail(&AlertMail { lang: Lang::En, link: None, ..mail });
        assert_eq!(english, "[Atelier] Critical: Emergency waiting for a technician — M-00042 · Four en panne");
    }
}
