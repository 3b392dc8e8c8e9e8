//! Sending e-mail through the SMTP server of `ATELIER_SMTP_URL` (the `lettre` crate): TLS as
//! the URL says (`smtps://` from the first byte, `smtp://…?tls=required` by STARTTLS; plain
//! `smtp://` only for a relay on this machine), a bounded time per message.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where mail goes, as configured; the URL may hold a password, so it is never printed.
#[derive(Clone)]
pub struct SmtpSettings {
    pub url: String,
    /// The sender, e.g. `Atelier <alertes@exemple.fr>`.
    pub from: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings").field("url", &"<hidden>").field("from", &self.from).finish()
    }
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// Checks the settings (an unreadable URL or sender stops the start); connects only to send.
    pub fn new(settings: &SmtpSettings) -> Result<Self, String> {
        let from: Mailbox = settings.from.parse().map_err(|e| format!("ATELIER_SMTP_FROM: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.url)
            .map_err(|e| format!("ATELIER_SMTP_URL: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self { transport, from })
    }

    /// Whether the SMTP server answers (a connection and its greeting, nothing sent).
    pub async fn reachable(&self) -> bool {
        self.transport.test_connection().await.unwrap_or(false)
    }

    /// Sends one plain-text message; the error says why it was not accepted.
    pub async fn send(&self, to: &str, subject: &str, body: String) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("recipient {to}: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}
