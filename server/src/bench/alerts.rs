//! The time of a full alert check of the demo company on a scenario's data: the first check
//! opens what the data holds; the second is the steady state a server pays each minute (every
//! condition found again, nothing to open).

use std::time::Instant;

use services::AppState;
use services::alerts::check;

pub async fn full_check(state: &AppState) -> Result<(), String> {
    let tenant = services::control::tenant(state, "demo").await.map_err(|e| e.to_string())?.ok_or("no demo company")?;
    for round in ["first", "again"] {
        let started = Instant::now();
        let reports =
            check::check_tenant(state, &tenant, None, false, state.clock.now_ms()).await.map_err(|e| e.to_string())?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let found: Vec<String> = reports
            .iter()
            .filter(|r| r.found > 0 || !r.opened.is_empty() || r.closed > 0)
            .map(|r| format!("{} {} ({} opened)", r.kind.as_str(), r.found, r.opened.len()))
            .collect();
        let found = if found.is_empty() { "nothing found".to_owned() } else { found.join(", ") };
        println!("full alert check ({round}): {ms:.0} ms; {found}");
    }
    Ok(())
}
