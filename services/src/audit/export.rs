//! The audit log's export: a whole chain in CSV (the reader's separator) or JSON lines, with
//! every column its hashes cover, so that `atelier audit verify --file` or any verifier written
//! from `docs/governance.md` checks it offline.

use domain::Lang;
use domain::audit::export::{COLUMNS, Format, cells};
use domain::csv_file::CsvFile;

use super::chain;
use crate::db::Db;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

const PAGE: i64 = 1000;

/// The chain's events, in order, as a file.
pub async fn bytes(db: &Db, chain_name: &str, format: Format, lang: Lang) -> AppResult<Vec<u8>> {
    let csv_error = |e: domain::csv_file::CsvError| AppError::Internal(e.to_string());
    let mut csv = (format == Format::Csv).then(|| CsvFile::new(lang));
    if let Some(file) = csv.as_mut() {
        file.row(COLUMNS).map_err(csv_error)?;
    }
    let mut lines = Vec::new();
    let mut after = 0;
    loop {
        let page = chain::page(db, chain_name, after, PAGE).await?;
        let Some((_, last)) = page.last() else { break };
        after = last.seq;
        for (_, link) in &page {
            match csv.as_mut() {
                Some(file) => file.row(cells(link)).map_err(csv_error)?,
                None => {
                    serde_json::to_writer(&mut lines, link).map_err(|e| AppError::Internal(e.to_string()))?;
                    lines.push(b'\n');
                }
            }
        }
    }
    match csv {
        Some(file) => file.finish().map_err(csv_error),
        None => Ok(lines),
    }
}

/// The company's chain, for its admins and auditors: the file's name and bytes.
pub async fn for_company(
    state: &AppState,
    scope: &TenantScope,
    format: Format,
    lang: Lang,
) -> AppResult<(String, Vec<u8>)> {
    scope.require(domain::Permission::AuditRead)?;
    let day = crate::clock::local_day(scope.zone, state.clock.now_ms())?;
    let extension = match format {
        Format::Csv => "csv",
        Format::JsonLines => "jsonl",
    };
    let name = format!("audit-{}-{day}.{extension}", scope.tenant.code);
    Ok((name, bytes(&state.control, &scope.tenant.code, format, lang).await?))
}
