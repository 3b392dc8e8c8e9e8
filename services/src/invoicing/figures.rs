//! Sums the invoicing pages show (a list's totals, a statement's) kept between requests. They
//! change only when a balance moves (an issue, a payment, a credit note), which steps
//! `invoicing_version` in the same transaction (a trigger of migration 0010), and with the date
//! (what is overdue). A page reads that version, one tiny query, and adds up again only when it
//! moved: on whichever server process the change was made.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use sqlx::AnyExecutor;

use crate::AppResult;
use crate::tenancy::TenantScope;

/// Sums kept per process at most; beyond, the oldest are simply all dropped.
const KEPT: usize = 4_096;

/// Per key: the version the sums were added up at, and the sums.
type Kept = HashMap<String, (i64, Vec<i64>)>;

static KEPT_SUMS: LazyLock<Mutex<Kept>> = LazyLock::new(Default::default);

/// The sums `key` names in this company today: kept ones while the version has not moved, else
/// `compute`d again.
pub async fn sums<F>(scope: &TenantScope, key: String, today: chrono::NaiveDate, compute: F) -> AppResult<Vec<i64>>
where
    F: Future<Output = AppResult<Vec<i64>>>,
{
    let (instance, current) = version(scope.db.pool()).await?;
    let key = format!("{instance}|{}|{key}", domain::format::iso_day(today));
    if let Some((version, sums)) = KEPT_SUMS.lock().ok().and_then(|kept| kept.get(&key).cloned())
        && version == current
    {
        return Ok(sums);
    }
    let sums = compute.await?;
    if let Ok(mut kept) = KEPT_SUMS.lock() {
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert(key, (current, sums.clone()));
    }
    Ok(sums)
}

/// Which database this is, and how many times its balances moved.
async fn version<'e>(db: impl AnyExecutor<'e>) -> Result<(String, i64), sqlx::Error> {
    sqlx::query_as("SELECT instance, version FROM invoicing_version WHERE id = 1").fetch_one(db).await
}
