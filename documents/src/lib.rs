//! Atelier's printed documents: an issued invoice becomes PDF bytes here. Rendering is a pure
//! function of the frozen document (`domain::invoicing::issue::IssuedInvoice`): the same
//! invoice gives the same bytes, so that their SHA-256 identifies it for years.

mod bundle;
mod canvas;
mod facturx;
mod fonts;
mod invoice;
mod mail;
mod pdf;
mod pdfa;
mod qr;
mod text;

pub use bundle::bundle;
pub use facturx::{FILE_NAME as FACTURX_FILE_NAME, facturx_xml};
pub use invoice::render_invoice;
pub use mail::{AlertMail, alert_mail};
pub use text::Words;

use sha2::{Digest, Sha256};

/// The SHA-256 of a file, in lower-case hex (as stored and printed).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
