//! The public verification of issued invoices (`/verify`, no sign-in): by the verification id
//! printed on the document, by a file's SHA-256, or by the file itself. It says whether an
//! invoice issued by Atelier has exactly these bytes, and shows only its number, date, issuer
//! and total; who has neither the file, its hash nor its id learns nothing.

mod repo;

use domain::TenantCode;
use domain::invoicing::issue::VerificationId;
use domain::invoicing::issued::{self, VERIFY_MAX_BYTES, VerifiedInvoice};

use super::invoices::document;
use crate::{AppError, AppResult, AppState};

/// Records where an issued document lives, before its company's transaction commits.
pub(super) async fn index(
    state: &AppState,
    id: &VerificationId,
    sha256: &str,
    tenant: &str,
    now_ms: i64,
) -> AppResult<()> {
    repo::insert(state.control.pool(), id.as_str(), sha256, tenant, now_ms).await?;
    Ok(())
}

/// The invoice a printed verification id names.
pub async fn by_id(state: &AppState, raw: &str) -> AppResult<VerifiedInvoice> {
    let id = VerificationId::parse(raw).map_err(|code| AppError::field("id", code))?;
    let entry = repo::by_id(state.control.pool(), id.as_str()).await?.ok_or(AppError::NotFound)?;
    find(state, &entry).await?.ok_or(AppError::NotFound)
}

/// The invoice this file is, byte for byte; with `expected`, it must be that one.
pub async fn by_file(state: &AppState, bytes: &[u8], expected: Option<&str>) -> AppResult<VerifiedInvoice> {
    by_hash(state, &file_hash(bytes)?, expected).await
}

/// The SHA-256 of an uploaded file, once it is known to be a PDF of a readable size.
pub fn file_hash(bytes: &[u8]) -> AppResult<String> {
    if bytes.len() > VERIFY_MAX_BYTES {
        return Err(AppError::field("file", "file-too-large"));
    }
    if !issued::looks_like_pdf(bytes) {
        return Err(AppError::field("file", "not-a-pdf"));
    }
    Ok(documents::sha256_hex(bytes))
}

/// The invoice whose file has this SHA-256 (as typed); with `expected`, it must be the invoice
/// of that verification id.
pub async fn by_hash(state: &AppState, hash: &str, expected: Option<&str>) -> AppResult<VerifiedInvoice> {
    let hash = issued::parse_sha256(hash).map_err(|code| AppError::field("hash", code))?;
    if let Some(expected) = expected {
        let expected = VerificationId::parse(expected).map_err(|code| AppError::field("id", code))?;
        let entry = repo::by_id(state.control.pool(), expected.as_str()).await?.ok_or(AppError::NotFound)?;
        if entry.sha256 != hash {
            return Err(AppError::field("file", "verify-altered"));
        }
    }
    lookup_hash(state, &hash).await?.ok_or_else(|| AppError::field("file", "verify-unknown"))
}

async fn lookup_hash(state: &AppState, hash: &str) -> AppResult<Option<VerifiedInvoice>> {
    for entry in repo::by_hash(state.control.pool(), hash).await? {
        if let Some(found) = find(state, &entry).await? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The issued invoice an index entry names, if its company's database has it issued with that
/// very hash (an entry whose transaction rolled back names nothing).
async fn find(state: &AppState, entry: &repo::Entry) -> AppResult<Option<VerifiedInvoice>> {
    let code = TenantCode::parse(&entry.tenant_code)
        .map_err(|_| AppError::corrupt("issued_documents.tenant_code", &entry.tenant_code))?;
    let Some(tenant) = crate::control::tenant(state, code.as_str()).await? else { return Ok(None) };
    let db = state.tenants.get(&tenant).await?;
    let stored = repo::issued_document(db.pool(), &entry.verification_id, &entry.sha256).await?;
    stored.map(|json| document(&json).map(|invoice| VerifiedInvoice::of(&invoice))).transpose()
}
