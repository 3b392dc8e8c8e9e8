//! The missions scenario: the demo company filled with many missions and ten approved time
//! entries each (through every trigger), the time to record and approve a week of 40 entries
//! through the services, then the mission list, mission pages and the weeks of time under load
//! beside `/health`.

use std::time::Instant;

use domain::mission::state::MissionState;
use domain::mission::views::MissionQuery;
use domain::timesheet::{TimeEntryForm, monday_of};
use services::AppError;
use services::{missions, timesheets};

use super::stock::{open, scope_of};
use super::{BenchOptions, Place, measure, measure_as, print_memory, rss_kib, start_server};

const ENTRIES_PER_MISSION: usize = 10;
/// A week of a technician's time: eight half-hours on each of five days.
const WEEK_ENTRIES: usize = 40;

pub async fn run(place: &Place, count: usize, options: &BenchOptions) -> Result<(), String> {
    let state = open(place).await?;
    let manager = scope_of(&state, "manager@demo.example").await?;
    let karim = scope_of(&state, "technician@demo.example").await?;
    let err = |e: AppError| e.to_string();

    println!("adding {count} missions with {ENTRIES_PER_MISSION} time entries each…");
    let started = Instant::now();
    let report = |n: usize| {
        if n.is_multiple_of(10_000) {
            println!("  {n}");
        }
    };
    missions::volume::fill(&state, &manager, count, ENTRIES_PER_MISSION, state.clock.now_ms(), &report)
        .await
        .map_err(err)?;
    println!("added in {:.1} s", started.elapsed().as_secs_f64());

    // A week of 40 entries, recorded one by one by the technician, then approved at once.
    let now = state.clock.now_ms();
    let today = karim.today(now).map_err(err)?;
    let last_week = monday_of(today) - chrono::Days::new(7);
    let at_work = MissionQuery { state: Some(MissionState::InProgress), ..MissionQuery::default() };
    let mission = missions::list(&state, &karim, &at_work)
        .await
        .map_err(err)?
        .lines
        .into_iter()
        .next()
        .ok_or("the demo technician has no mission at work")?
        .id;
    let started = Instant::now();
    for i in 0..WEEK_ENTRIES {
        let day = last_week + chrono::Days::new((i / 8) as u64);
        let form = TimeEntryForm {
            mission: mission.clone(),
            date: domain::format::iso_day(day),
            duration: "0:30".into(),
            ..TimeEntryForm::default()
        };
        let entry = form.parse(karim.zone, today).map_err(|e| format!("{e:?}"))?;
        timesheets::record(&karim, &entry, now).await.map_err(err)?;
    }
    let recorded = started.elapsed();
    let started = Instant::now();
    let approved = timesheets::approve_week(&manager, &karim.user.id, last_week, now).await.map_err(err)?;
    println!(
        "{WEEK_ENTRIES} entries recorded in {:.0} ms ({:.1} ms each); a week of {approved} approved in {:.1} ms",
        recorded.as_secs_f64() * 1000.0,
        recorded.as_secs_f64() * 1000.0 / WEEK_ENTRIES as f64,
        started.elapsed().as_secs_f64() * 1000.0
    );
    let sample: Vec<String> = missions::list(&state, &manager, &MissionQuery::default())
        .await
        .map_err(err)?
        .lines
        .into_iter()
        .map(|m| m.id)
        .collect();
    super::alerts::full_check(&state).await?;
    state.close().await;

    let server = start_server(place).await?;
    let idle = rss_kib(server.child.id());
    let base = &server.base;
    let week = domain::format::iso_day(last_week);
    let pages: Vec<String> = sample.iter().map(|id| format!("{base}/missions/{id}")).collect();
    let targets = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        ("GET /missions (list, first 50)".into(), vec![format!("{base}/missions")], true),
        ("GET /missions?state=published".into(), vec![format!("{base}/missions?state=published")], true),
        ("GET /missions?q=…".into(), vec![format!("{base}/missions?q=entretien")], true),
        ("GET /missions/:id".into(), pages, true),
        ("GET /missions/time/team?week=…".into(), vec![format!("{base}/missions/time/team?week={week}")], true),
        ("GET /alerts (notifications)".into(), vec![format!("{base}/alerts")], true),
        ("GET /dashboards/operations".into(), vec![format!("{base}/dashboards/operations")], true),
    ];
    measure(&server, targets, options).await?;
    let technician = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        ("GET /missions/time?week=… (technician)".into(), vec![format!("{base}/missions/time?week={week}")], true),
        ("GET /missions/planning (technician)".into(), vec![format!("{base}/missions/planning")], true),
    ];
    measure_as(&server, technician, options, "technician@demo.example").await?;
    print_memory(idle, rss_kib(server.child.id()));
    Ok(())
}
