//! The invoicing scenario: the time to render and hash a 20-line invoice, invoices issued per
//! second through the service (each one a transaction that numbers, renders and stores; up to
//! 300, the rest of the volume written in bulk through the same triggers), then the invoice
//! list (plain, overdue, one customer's), a statement, an invoice page, a PDF and the public
//! verification page under load beside `/health`.

use std::time::{Duration, Instant};

use domain::customer::views::CustomerQuery;
use domain::invoicing::draft::{DraftForm, LineForm};
use services::AppError;
use services::invoicing::{customers, drafts, invoices, issuing, volume};
use services::tenancy::TenantScope;

use super::stock::{open, scope_of};
use super::{BenchOptions, Place, measure, measure_as, print_memory, rss_kib, start_server};

const LINES: usize = 20;
const RENDERS: usize = 200;
/// Invoices issued one by one through the service; beyond, the volume is written in bulk.
const ISSUED_ONE_BY_ONE: usize = 300;

pub async fn run(place: &Place, count: usize, options: &BenchOptions) -> Result<(), String> {
    let state = open(place).await?;
    let scope = scope_of(&state, "accountant@demo.example").await?;
    let err = |e: AppError| e.to_string();

    let one_by_one = count.min(ISSUED_ONE_BY_ONE);
    println!("preparing {one_by_one} drafts of {LINES} lines…");
    let started = Instant::now();
    let ids = prepare(&scope, one_by_one, state.clock.now_ms()).await.map_err(err)?;
    println!("prepared in {:.1} s", started.elapsed().as_secs_f64());

    let started = Instant::now();
    let mut numbers = Vec::with_capacity(count);
    for id in &ids {
        let now = state.clock.now_ms();
        numbers.push(issuing::issue(&state, &scope, id, now, "http://127.0.0.1:3000").await.map_err(err)?);
    }
    let elapsed = started.elapsed();
    println!(
        "issued {one_by_one} invoices one after the other in {:.1} s: {:.0} invoices/s (last {})",
        elapsed.as_secs_f64(),
        one_by_one as f64 / elapsed.as_secs_f64(),
        numbers.last().map_or("-", String::as_str)
    );

    let sample = invoices::view(&scope, &ids[0], state.clock.now_ms()).await.map_err(err)?;
    let mut times = Vec::with_capacity(RENDERS);
    for _ in 0..RENDERS {
        let t = Instant::now();
        let pdf = documents::render_invoice(&sample.invoice);
        let _ = documents::sha256_hex(&pdf);
        times.push(t.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().sum::<Duration>() / RENDERS as u32;
    println!(
        "PDF render + SHA-256 of a {LINES}-line invoice ({} bytes): mean {:.2} ms, p95 {:.2} ms over {RENDERS}",
        sample.pdf_bytes,
        ms(mean),
        ms(times[RENDERS * 95 / 100])
    );
    if count > one_by_one {
        let more = count - one_by_one;
        println!("adding {more} issued invoices in bulk (same triggers, copies of the first one)…");
        let started = Instant::now();
        let today = scope.today(state.clock.now_ms()).map_err(err)?;
        let report = |n: usize| {
            if n.is_multiple_of(20_000) {
                println!("  {n}");
            }
        };
        volume::fill(&scope, &ids[0], more, today, &report).await.map_err(err)?;
        println!("added in {:.1} s", started.elapsed().as_secs_f64());
    }
    compliance(&state, &scope, &sample.invoice).await.map_err(err)?;
    let customer = sample.invoice.buyer.legal_name.clone();
    let query = CustomerQuery::parse(Some(&customer), None).map_err(|e| format!("{e:?}"))?;
    let customer_id = customers::list(&scope, &query).await.map_err(err)?.lines.remove(0).id;
    super::alerts::full_check(&state).await?;
    state.close().await;

    let server = start_server(place).await?;
    let idle = rss_kib(server.child.id());
    let base = &server.base;
    let pages: Vec<String> =
        ids.iter().step_by((count / 50).max(1)).map(|id| format!("{base}/invoices/issued/{id}")).collect();
    let pdfs: Vec<String> = pages.iter().map(|page| format!("{page}/pdf")).collect();
    let verify = vec![format!("{base}{}", url_path(&sample.invoice.verify_url))];
    let targets = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        ("GET /invoices (list, first 50)".into(), vec![format!("{base}/invoices")], true),
        ("GET /invoices?status=overdue".into(), vec![format!("{base}/invoices?status=overdue")], true),
        ("GET /invoices?customer=…".into(), vec![format!("{base}/invoices?customer={customer_id}")], true),
        (
            "GET /invoices/customers/:id/statement".into(),
            vec![format!("{base}/invoices/customers/{customer_id}/statement")],
            true,
        ),
        ("GET /invoices/issued/:id".into(), pages, true),
        ("GET /invoices/issued/:id/pdf".into(), pdfs, true),
        ("GET /verify/:code (public)".into(), verify, false),
    ];
    measure(&server, targets, options).await?;
    let boards = vec![
        ("GET /health".into(), vec![format!("{base}/health")], false),
        ("GET /dashboards/finance".into(), vec![format!("{base}/dashboards/finance")], true),
    ];
    measure_as(&server, boards, options, "accountant@demo.example").await?;
    print_memory(idle, rss_kib(server.child.id()));
    Ok(())
}

/// The scenario's volume without its measurements: one invoice issued through the service and
/// `count - 1` copies of it written in bulk through the same triggers.
pub(super) async fn fill(state: &services::AppState, count: usize) -> Result<(), String> {
    let scope = scope_of(state, "accountant@demo.example").await?;
    let err = |e: AppError| e.to_string();
    let now = state.clock.now_ms();
    println!("issuing one invoice and adding {} in bulk…", count.saturating_sub(1));
    let started = Instant::now();
    let first = prepare(&scope, 1, now).await.map_err(err)?.remove(0);
    issuing::issue(state, &scope, &first, now, "http://127.0.0.1:3000").await.map_err(err)?;
    let today = scope.today(now).map_err(err)?;
    let report = |n: usize| {
        if n.is_multiple_of(20_000) {
            println!("  {n}");
        }
    };
    volume::fill(&scope, &first, count.saturating_sub(1), today, &report).await.map_err(err)?;
    println!("added in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The compliance layer over the volume: the Factur-X XML alone, closing every period due
/// (two years of days and months, the server's scheduler then finds nothing to do), the FEC of
/// last year and this one, and last year's archive written then verified offline.
async fn compliance(
    state: &services::AppState,
    scope: &TenantScope,
    sample: &domain::invoicing::issue::IssuedInvoice,
) -> Result<(), AppError> {
    use domain::invoicing::ledger::closure::Period;
    use services::invoicing::{accounting, archive, closures};

    let mut times = Vec::with_capacity(RENDERS);
    for _ in 0..RENDERS {
        let t = Instant::now();
        let xml = documents::facturx_xml(sample);
        times.push(t.elapsed());
        std::hint::black_box(xml);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().sum::<Duration>() / RENDERS as u32;
    println!(
        "Factur-X XML of a {LINES}-line invoice: mean {:.3} ms, p95 {:.3} ms",
        ms(mean),
        ms(times[RENDERS * 95 / 100])
    );

    let code = domain::TenantCode::parse(&scope.tenant.code).map_err(|e| AppError::Internal(e.to_string()))?;
    let started = Instant::now();
    let closed = closures::close_tenant(state, &code, None, state.clock.now_ms()).await?;
    println!(
        "closed {} periods of the ledger (days, months, years) in {:.1} s",
        closed.len(),
        started.elapsed().as_secs_f64()
    );

    let this_year = chrono::Datelike::year(&scope.today(state.clock.now_ms())?);
    for year in [this_year - 1, this_year] {
        let started = Instant::now();
        let fec = accounting::fec(scope, year).await?;
        let lines = fec.bytes.iter().filter(|b| **b == b'\n').count();
        println!(
            "FEC {year}: {lines} lines, {:.1} MB in {:.2} s",
            fec.bytes.len() as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
    }

    let dir = tempfile::tempdir().map_err(|e| AppError::Internal(e.to_string()))?;
    let out = dir.path().join("archive");
    let period = Period::parse(&(this_year - 1).to_string()).map_err(|e| AppError::Internal(e.into()))?;
    let started = Instant::now();
    let manifest = archive::write(&scope.db, &scope.tenant.name, period, &out).await?;
    println!(
        "archive {}: {} entries, {} PDFs written in {:.1} s",
        manifest.period,
        manifest.ledger.entries,
        manifest.documents.len(),
        started.elapsed().as_secs_f64()
    );
    let bytes: u64 = std::fs::read_dir(out.join("documents"))
        .map_err(|e| AppError::Internal(e.to_string()))?
        .filter_map(|f| f.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    let started = Instant::now();
    let verified = archive::verify::verify(&out).map_err(AppError::Internal)?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "atelier verify: {} entries, {} PDFs ({:.0} MB) in {:.2} s: {:.0} MB/s, {:.0} entries/s",
        verified.entries,
        verified.documents,
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs,
        verified.entries as f64 / secs
    );
    Ok(())
}

/// The path of an address (`/verify/…`), whatever host it was printed with.
fn url_path(url: &str) -> &str {
    url.find("/verify/").map_or(url, |at| &url[at..])
}

/// `count` drafts for the demo's first customer, each with `LINES` lines at 20 %.
async fn prepare(scope: &TenantScope, count: usize, now: i64) -> Result<Vec<String>, AppError> {
    let query = CustomerQuery::parse(Some("Boulangerie Martin"), None)?;
    let customer = customers::list(scope, &query).await?.lines.remove(0).id;
    let country = scope.country()?;
    let mut ids = Vec::with_capacity(count);
    for _ in 0..count {
        let header = DraftForm { customer: customer.clone(), category: "mixed".into(), ..DraftForm::default() };
        let id = drafts::create(scope, &header.parse()?, now).await?;
        for n in 1..=LINES {
            let line = LineForm {
                draft: id.clone(),
                designation: format!("Intervention {n} : diagnostic, pièces et main-d’œuvre"),
                quantity: format!("{n},5"),
                unit_price: format!("{}", 40 + n),
                vat_rate: "20".into(),
                ..LineForm::default()
            };
            drafts::add_line(scope, &id, &line.parse(country)?.1, now).await?;
        }
        ids.push(id);
    }
    Ok(ids)
}
