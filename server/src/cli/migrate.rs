//! `atelier migrate [--dry-run]`: brings the control database and every company's up to date,
//! or, with `--dry-run`, says what that would apply and changes nothing.

use services::control;
use services::db::migrations::Plan;

use super::{explain, open};
use crate::config::Config;

pub(super) async fn run(dry_run: bool, config: &Config) -> Result<(), String> {
    if dry_run {
        let plans = services::tenancy::migration_plans(&config.settings()?).await.map_err(explain)?;
        let altered = plans.iter().any(|(_, plan)| !plan.altered.is_empty());
        for (database, plan) in &plans {
            print!("{}", describe(database, plan));
        }
        return if altered {
            Err("migrating would stop at a migration applied from other contents".into())
        } else {
            Ok(())
        };
    }
    let state = open(config).await?;
    for tenant in control::list_tenants(&state).await.map_err(explain)? {
        state.tenants.get(&tenant).await.map_err(explain)?;
        println!("tenant {}: up to date", tenant.code);
    }
    println!("control database: up to date");
    state.close().await;
    Ok(())
}

/// A database's plan, one line per migration to apply.
fn describe(database: &str, plan: &Plan) -> String {
    let name = if database == "control" { "control database".to_owned() } else { format!("tenant {database}") };
    let mut text = match (plan.applied, plan.pending.len()) {
        (_, 0) => format!("{name}: up to date\n"),
        (0, n) => format!("{name}: new, {} would run\n", migrations(n)),
        (_, n) => format!("{name}: {} would run\n", migrations(n)),
    };
    for (version, description) in &plan.pending {
        text.push_str(&format!("  {version:04} {description}\n"));
    }
    if !plan.newer.is_empty() {
        let versions = plan.newer.iter().map(|v| format!("{v:04}")).collect::<Vec<_>>().join(", ");
        text.push_str(&format!("  applied by a newer version, left as they are: {versions}\n"));
    }
    for version in &plan.altered {
        text.push_str(&format!("  {version:04} was applied from other contents: migrating stops there\n"));
    }
    text
}

fn migrations(n: usize) -> String {
    if n == 1 { "1 migration".to_owned() } else { format!("{n} migrations") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_reads_as_what_would_run() {
        let plan = Plan { applied: 24, pending: vec![(25, "integrity".into())], newer: vec![], altered: vec![] };
        assert_eq!(describe("acme", &plan), "tenant acme: 1 migration would run\n  0025 integrity\n");
        let fresh = Plan { applied: 0, pending: vec![(1, "init".into())], ..Plan::default() };
        assert_eq!(describe("control", &fresh), "control database: new, 1 migration would run\n  0001 init\n");
        let rolled_back = Plan { applied: 26, newer: vec![26], ..Plan::default() };
        assert_eq!(
            describe("demo", &rolled_back),
            "tenant demo: up to date\n  applied by a newer version, left as they are: 0026\n"
        );
    }
}
