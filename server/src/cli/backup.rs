//! `atelier backup [--tenant X] --out DIR` and `atelier restore --from DIR [--tenant X]`.

use std::path::Path;

use domain::TenantCode;
use services::backup::{self, BackupError};

use super::{explain, open};
use crate::config::Config;

pub(super) async fn backup(tenant: Option<&str>, out: &Path, config: &Config) -> Result<(), String> {
    let code = parse(tenant)?;
    let state = open(config).await?;
    let written = backup::backup(&state, code.as_ref(), out).await;
    state.close().await;
    let written = written.map_err(message)?;
    for company in &written.manifest.companies {
        println!(
            "{}: database {} bytes, control rows {} bytes",
            company.code, company.database.bytes, company.rows.bytes
        );
    }
    if let Some(control) = &written.manifest.control {
        println!("control database: {} bytes", control.bytes);
    }
    println!("written to {}", out.display());
    println!("manifest SHA-256 {} (keep it apart from the backup)", written.manifest_sha256);
    Ok(())
}

pub(super) async fn restore(from: &Path, tenant: Option<&str>, config: &Config) -> Result<(), String> {
    let code = parse(tenant)?;
    let state = open(config).await?;
    let restored = backup::restore(&state, from, code.as_ref()).await;
    state.close().await;
    let mut violations = 0;
    for company in restored.map_err(message)? {
        let put_back = match &company.rows {
            Some(rows) => format!(
                "{} control rows ({} accounts created, {} already here), audit events: {}",
                rows.rows, rows.accounts_created, rows.accounts_shared, rows.audit_events
            ),
            None => "its database only (the company was registered here)".to_owned(),
        };
        println!("{}: restored in {} ms: {put_back}", company.code, company.milliseconds);
        super::check::print(&company.code, &company.report);
        violations += company.report.violations();
    }
    match violations {
        0 => Ok(()),
        n => Err(format!("restored, but the integrity check found {n} violations")),
    }
}

fn parse(tenant: Option<&str>) -> Result<Option<TenantCode>, String> {
    tenant.map(TenantCode::parse).transpose().map_err(|e| format!("tenant: {e}"))
}

fn message(error: BackupError) -> String {
    match error {
        BackupError::Refused(why) => why,
        BackupError::App(error) => explain(error),
    }
}
