//! `atelier crash-loop`: a real server process killed with SIGKILL at a random moment while
//! three users write through it (stock receipts, invoices issued, time recorded), again and
//! again. After each kill, with the server down, the company must pass the integrity check and
//! hold every write the users saw acknowledged; then the server starts again on the same
//! databases. A test: it fails on the first violation or missing write.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use domain::customer::views::CustomerQuery;
use domain::governance::thresholds::{SecurityThresholds, Threshold};
use domain::invoicing::draft::{DraftForm, LineForm};
use domain::mission::state::MissionState;
use domain::mission::views::MissionQuery;
use services::audit::RequestMeta;
use services::invoicing::{customers, drafts};
use services::tenancy::TenantScope;
use services::{AppState, governance, missions};
use tokio::task::JoinHandle;

use crate::bench::{self, Place};

/// Drafts prepared per iteration: more than a debug server issues before its kill.
const DRAFTS_PER_ITERATION: usize = 8;
/// Writes go on for this long at least, and at most this plus `KILL_SPREAD_MS`, before the kill.
const KILL_AFTER_MS: u64 = 100;
const KILL_SPREAD_MS: u64 = 500;

pub struct Options {
    pub iterations: usize,
    pub postgres: Option<String>,
}

/// What the users saw acknowledged: receipts' references, invoices' numbers, entries' notes.
#[derive(Default)]
struct Acknowledged {
    receipts: Vec<String>,
    invoices: Vec<String>,
    entries: Vec<String>,
    /// Answers that were refusals rather than connections cut (a harness out of tune).
    refused: Vec<String>,
}

impl Acknowledged {
    fn absorb(&mut self, writer: Self) {
        self.receipts.extend(writer.receipts);
        self.invoices.extend(writer.invoices);
        self.entries.extend(writer.entries);
        self.refused.extend(writer.refused);
    }
}

/// What the writers need, found or prepared before the first start.
struct Fixture {
    article: String,
    site: String,
    mission: String,
    drafts: Vec<String>,
    /// The technician's yesterday: every entry is on it (durations alone never overlap).
    yesterday: String,
}

pub async fn run(options: Options) -> Result<(), String> {
    let place = Place::new(options.postgres.as_deref())?;
    let outcome = crash_loop(&place, options.iterations).await;
    place.drop_databases().await;
    outcome
}

async fn crash_loop(place: &Place, iterations: usize) -> Result<(), String> {
    println!("backend: {}; {iterations} kills with SIGKILL under write load", place.backend_name());
    let mut fixture = prepare(place, iterations).await?;
    let first = bench::start_server(place).await?;
    // Signed in once: the sessions live in the database and outlive every kill.
    let cookies = [
        bench::session_cookie(&first.base, "manager@demo.example").await?,
        bench::session_cookie(&first.base, "accountant@demo.example").await?,
        bench::session_cookie(&first.base, "technician@demo.example").await?,
    ];
    let mut first = Some(first);
    let started = Instant::now();
    let mut acknowledged = Acknowledged::default();
    for iteration in 0..iterations {
        let mut server = match first.take() {
            Some(server) => server,
            None => bench::start_server(place).await?,
        };
        let stop = Arc::new(AtomicBool::new(false));
        let drafts: Vec<String> = fixture.drafts.drain(..DRAFTS_PER_ITERATION.min(fixture.drafts.len())).collect();
        let writers = [
            receipts(&server.base, &cookies[0], &fixture, iteration, &stop),
            issues(&server.base, &cookies[1], drafts, &stop),
            entries(&server.base, &cookies[2], &fixture, iteration, &stop),
        ];
        let wait = KILL_AFTER_MS + random_below(KILL_SPREAD_MS);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        server.kill();
        stop.store(true, Ordering::SeqCst);
        for writer in writers {
            acknowledged.absorb(writer.await.map_err(|e| e.to_string())?);
        }
        if let Err(problem) = check(place, &acknowledged).await {
            return Err(format!("after kill {} ({wait} ms of writes): {problem}", iteration + 1));
        }
    }
    println!(
        "{iterations} kills in {:.0} s: 0 violations; every acknowledged write present ({} receipts, {} invoices, {} time entries)",
        started.elapsed().as_secs_f64(),
        acknowledged.receipts.len(),
        acknowledged.invoices.len(),
        acknowledged.entries.len()
    );
    if let Some(first) = acknowledged.refused.first() {
        println!("{} writes refused (not cut by a kill), e.g. {first}", acknowledged.refused.len());
    }
    if acknowledged.receipts.is_empty() || acknowledged.invoices.is_empty() || acknowledged.entries.is_empty() {
        return Err("a kind of write was never acknowledged: the loop proved nothing about it".into());
    }
    Ok(())
}

/// The demo company, its movement limit raised for the load, and drafts to issue.
async fn prepare(place: &Place, iterations: usize) -> Result<Fixture, String> {
    let state = bench::open(place).await?;
    let seeded = services::demo::seed(&state).await.map_err(|e| format!("demo seed: {e}"));
    let fixture = match seeded {
        Ok(_) => fixture(&state, iterations).await.map_err(|e| e.to_string()),
        Err(error) => Err(error),
    };
    state.close().await;
    fixture
}

async fn fixture(state: &AppState, iterations: usize) -> Result<Fixture, services::AppError> {
    let admin = scope(state, "admin@demo.example").await?;
    let mut limits = SecurityThresholds::default().form();
    limits.set(Threshold::MaxStockMovements, "100000".into());
    governance::thresholds::save(state, &RequestMeta::default(), &admin, &limits).await?;

    let manager = scope(state, "manager@demo.example").await?;
    let site = services::sites::list(&manager).await?.remove(0).id;
    let (article,): (String,) =
        sqlx::query_as("SELECT id FROM articles ORDER BY code LIMIT 1").fetch_one(manager.db.pool()).await?;
    let technician = scope(state, "technician@demo.example").await?;
    let at_work = MissionQuery { state: Some(MissionState::InProgress), ..MissionQuery::default() };
    let mission = missions::list(state, &technician, &at_work).await?.lines.remove(0).id;
    let now = state.clock.now_ms();
    let yesterday = domain::format::iso_day(technician.today(now)? - chrono::Days::new(1));

    let accountant = scope(state, "accountant@demo.example").await?;
    let customer = customers::list(&accountant, &CustomerQuery::parse(Some("Boulangerie Martin"), None)?).await?;
    let customer = customer.lines[0].id.clone();
    let country = accountant.country()?;
    let mut ids = Vec::new();
    for _ in 0..iterations * DRAFTS_PER_ITERATION {
        let header = DraftForm { customer: customer.clone(), category: "mixed".into(), ..DraftForm::default() };
        let id = drafts::create(&accountant, &header.parse()?, now).await?;
        let line = LineForm {
            draft: id.clone(),
            designation: "Dépannage".into(),
            quantity: "1".into(),
            unit_price: "80".into(),
            vat_rate: "20".into(),
            ..LineForm::default()
        };
        drafts::add_line(&accountant, &id, &line.parse(country)?.1, now).await?;
        ids.push(id);
    }
    Ok(Fixture { article, site, mission, drafts: ids, yesterday })
}

async fn scope(state: &AppState, email: &str) -> Result<TenantScope, services::AppError> {
    bench::scope_of(state, email).await.map_err(services::AppError::Internal)
}

/// A label recognising a write in the tables, and the form that makes it.
type Call = (String, Vec<(&'static str, String)>);

/// The manager's stock receipts, recognised by their reference.
fn receipts(
    base: &str,
    cookie: &str,
    fixture: &Fixture,
    iteration: usize,
    stop: &Arc<AtomicBool>,
) -> JoinHandle<Acknowledged> {
    let (article, site) = (fixture.article.clone(), fixture.site.clone());
    let call = move |n: usize| {
        let reference = format!("K{iteration}-{n}");
        let form = vec![
            ("article", article.clone()),
            ("site", site.clone()),
            ("quantity", "1".to_owned()),
            ("unit_cost", "2.50".to_owned()),
            ("reference", reference.clone()),
        ];
        Some((reference, form))
    };
    writer(base, cookie, stop, "receive_stock", call, |seen, reference, _| seen.receipts.push(reference))
}

/// The accountant's invoices, one per prepared draft, recognised by the number each answer gives.
fn issues(base: &str, cookie: &str, drafts: Vec<String>, stop: &Arc<AtomicBool>) -> JoinHandle<Acknowledged> {
    let call = move |n: usize| drafts.get(n).map(|draft| (draft.clone(), vec![("id", draft.clone())]));
    writer(base, cookie, stop, "issue_draft", call, |seen, _, number| {
        seen.invoices.push(serde_json::from_str(&number).unwrap_or(number));
    })
}

/// The technician's time entries, recognised by their note.
fn entries(
    base: &str,
    cookie: &str,
    fixture: &Fixture,
    iteration: usize,
    stop: &Arc<AtomicBool>,
) -> JoinHandle<Acknowledged> {
    let (mission, yesterday) = (fixture.mission.clone(), fixture.yesterday.clone());
    let call = move |n: usize| {
        let note = format!("K{iteration}-{n}");
        let form = vec![
            ("mission", mission.clone()),
            ("date", yesterday.clone()),
            ("duration", "0:05".to_owned()),
            ("note", note.clone()),
        ];
        Some((note, form))
    };
    writer(base, cookie, stop, "record_time", call, |seen, note, _| seen.entries.push(note))
}

/// One user calling `function` with `call(0)`, `call(1)`… until stopped or out of calls; `keep`
/// records an acknowledged call from its label and the answer's body.
fn writer(
    base: &str,
    cookie: &str,
    stop: &Arc<AtomicBool>,
    function: &'static str,
    call: impl Fn(usize) -> Option<Call> + Send + 'static,
    keep: fn(&mut Acknowledged, String, String),
) -> JoinHandle<Acknowledged> {
    let (base, cookie, stop) = (base.to_owned(), cookie.to_owned(), stop.clone());
    tokio::spawn(async move {
        let mut seen = Acknowledged::default();
        for n in 0.. {
            let Some((label, form)) = call(n).filter(|_| !stop.load(Ordering::SeqCst)) else { break };
            if let Some(body) = write(&base, &cookie, function, &form, &mut seen).await {
                keep(&mut seen, label, body);
            }
        }
        seen
    })
}

/// Calls a server function; its body when acknowledged (2xx). A refusal is kept aside; a
/// connection cut by the kill is neither.
async fn write(
    base: &str,
    cookie: &str,
    function: &str,
    form: &[(&'static str, String)],
    seen: &mut Acknowledged,
) -> Option<String> {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().ok()?;
    let sent = client
        .post(format!("{base}/api/{function}"))
        .header("Accept", "application/json")
        .header("Cookie", cookie)
        .form(form)
        .send()
        .await;
    let Ok(response) = sent else {
        tokio::time::sleep(Duration::from_millis(5)).await;
        return None;
    };
    let status = response.status();
    let body = response.text().await.ok()?;
    if status.is_success() {
        return Some(body);
    }
    seen.refused.push(format!("{function}: {status} {body}"));
    None
}

/// With the server down: the integrity check of the company, and every acknowledged write.
async fn check(place: &Place, acknowledged: &Acknowledged) -> Result<(), String> {
    let state = bench::open(place).await?;
    let outcome = async {
        let code = domain::TenantCode::parse("demo").map_err(|e| e.to_string())?;
        let report = governance::integrity::check_company(&state, &code).await.map_err(|e| e.to_string())?;
        if !report.holds() {
            let broken: Vec<_> = report.rules.iter().filter(|r| !r.holds()).collect();
            return Err(format!("{} integrity violations: {broken:?}", report.violations()));
        }
        let manager = bench::scope_of(&state, "manager@demo.example").await?;
        let missing = missing(&manager, acknowledged).await.map_err(|e| e.to_string())?;
        if missing.is_empty() { Ok(()) } else { Err(format!("acknowledged writes missing: {missing:?}")) }
    }
    .await;
    state.close().await;
    outcome
}

/// The acknowledged writes the company's database does not hold. The harness reads the tables
/// itself rather than through the services it is checking.
async fn missing(scope: &TenantScope, acknowledged: &Acknowledged) -> Result<Vec<String>, sqlx::Error> {
    let pool = scope.db.pool();
    let held = |sql: &'static str| async move {
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(pool).await?;
        Ok::<HashSet<String>, sqlx::Error>(rows.into_iter().map(|(v,)| v).collect())
    };
    let receipts = held("SELECT reference FROM stock_movements WHERE reference LIKE 'K%'").await?;
    let invoices = held("SELECT number FROM invoices WHERE number IS NOT NULL").await?;
    let entries = held("SELECT note FROM time_entries WHERE note LIKE 'K%'").await?;
    let absent = |written: &[String], held: &HashSet<String>, kind: &str| {
        written.iter().filter(|w| !held.contains(*w)).map(|w| format!("{kind} {w}")).collect::<Vec<_>>()
    };
    let mut missing = absent(&acknowledged.receipts, &receipts, "receipt");
    missing.extend(absent(&acknowledged.invoices, &invoices, "invoice"));
    missing.extend(absent(&acknowledged.entries, &entries, "time entry"));
    Ok(missing)
}

/// A kill moment spread over `bound` milliseconds: random, not cryptographic.
fn random_below(bound: u64) -> u64 {
    (uuid::Uuid::new_v4().as_u128() % u128::from(bound.max(1))) as u64
}
