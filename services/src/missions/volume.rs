//! Synthetic volume for `atelier bench --missions`: many missions, each with its creation in
//! the history, a technician, and approved time entries, written in multi-row statements that
//! still go through every trigger (the history, the locks, the overlap check).

use domain::Permission;
use domain::mission::views::reference;
use uuid::Uuid;

use super::repo;
use crate::members::roster;
use crate::{AppError, AppResult, AppState, tenancy::TenantScope};

/// Rows per statement (at most 17 values each: well under both backends' limits).
const BATCH: usize = 400;
/// Each bulk entry lasts two hours, one every three hours per technician, going back in time
/// from this long before now (the recent weeks stay free for real entries).
const BULK_ENDS_BEFORE_MS: i64 = 60 * 86_400_000;

/// Writes `missions` missions, alternately new and published, spread over the company's
/// customers and technicians, with `entries_per_mission` approved entries each; `progress` gets
/// the missions written so far.
pub async fn fill(
    state: &AppState,
    scope: &TenantScope,
    missions: usize,
    entries_per_mission: usize,
    now_ms: i64,
    progress: &dyn Fn(usize),
) -> AppResult<()> {
    scope.require(Permission::MissionsManage)?;
    let technicians: Vec<String> = roster(state, scope).await?.technicians.into_iter().map(|t| t.id).collect();
    let customers = repo::customer_choices(scope.db.pool(), 500).await?;
    let site = crate::sites::list(scope).await?.into_iter().next().map(|s| s.id);
    let (Some(site), false, false) = (site, technicians.is_empty(), customers.is_empty()) else {
        return Err(AppError::Internal("the demo company needs a site, customers and technicians".into()));
    };
    let mut per_technician = vec![0_i64; technicians.len()];
    let mut written = 0;
    while written < missions {
        let n = BATCH.min(missions - written);
        let mut tx = scope.db.begin_write().await?;
        let first = repo::take_numbers(&mut tx, n as i64).await?;
        let mut rows = Vec::with_capacity(n);
        let mut entries = Vec::new();
        for i in 0..n {
            let number = first + i as i64;
            let t = (written + i) % technicians.len();
            let (customer, name) = &customers[(written + i) % customers.len()];
            let id = Uuid::new_v4().to_string();
            let state = if number % 2 == 0 { "published" } else { "new" };
            let at = now_ms - (missions - written - i) as i64 * 600_000;
            for _ in 0..entries_per_mission {
                let k = per_technician[t];
                per_technician[t] += 1;
                let start = now_ms - BULK_ENDS_BEFORE_MS - k * 3 * 3_600_000;
                entries.push(repo::BulkEntry {
                    id: Uuid::new_v4().to_string(),
                    mission: id.clone(),
                    technician: technicians[t].clone(),
                    start,
                    end: start + 2 * 3_600_000,
                });
            }
            rows.push(repo::BulkMission {
                search: format!("{} entretien {name} lyon", reference(number)).to_lowercase(),
                id,
                number,
                customer: customer.clone(),
                technician: technicians[t].clone(),
                state,
                at,
            });
        }
        repo::insert_bulk(&mut tx, &rows, &site, &scope.user.id).await?;
        for chunk in entries.chunks(BATCH) {
            repo::insert_bulk_entries(&mut tx, chunk, &scope.user.id, now_ms).await?;
        }
        tx.commit().await?;
        written += n;
        progress(written);
    }
    Ok(())
}
