//! What `atelier migrate` would do, found without changing anything (`migrate --dry-run`): the
//! control database's plan, then each company's, a database not created yet taking them all.

use crate::AppResult;
use crate::control::repo;
use crate::db::migrations::{self, Kind, Plan};
use crate::db::{Backend, Db};
use crate::state::Settings;
use crate::tenancy::{Location, TenantPools};

/// The plans by database: `control`, then each company's code.
pub async fn migration_plans(settings: &Settings) -> AppResult<Vec<(String, Plan)>> {
    let Some(control) = Db::connect_existing(&settings.database_url).await? else {
        let backend = Backend::of_url(&settings.database_url)?;
        return Ok(vec![("control".to_owned(), migrations::plan_for_new(Kind::Control, backend))]);
    };
    let plan = migrations::plan(&control, Kind::Control).await?;
    let registry = if plan.applied == 0 { Vec::new() } else { repo::tenant_locations(control.pool()).await? };
    control.close().await;
    let mut plans = vec![("control".to_owned(), plan)];
    let pools = TenantPools::new(settings.data_dir.clone(), 1, 1);
    for (code, backend, location) in registry {
        let location = Location::stored(&backend, &location)?;
        let plan = match Db::connect_existing(&pools.url_of(&location)?).await? {
            Some(db) => {
                let plan = migrations::plan(&db, Kind::Tenant).await;
                db.close().await;
                plan?
            }
            None => migrations::plan_for_new(Kind::Tenant, location.backend),
        };
        plans.push((code, plan));
    }
    Ok(plans)
}
