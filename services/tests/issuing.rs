//! Issuing invoices through the service, on every configured backend: the checks before a
//! number is taken, gapless numbers under concurrency, the frozen document and PDF whose
//! stored hash is the hash of the stored bytes, and an issued invoice that neither the service
//! nor SQL can change (checklist A31: history is never rewritten).

// Amounts in minor units are written units_cents (`122_50` is 122.50), as an accountant reads them.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use domain::Country;
use domain::customer::views::CustomerQuery;
use domain::invoicing::draft::{DraftForm, LineForm};
use domain::invoicing::listing::InvoiceQuery;
use domain::invoicing::mentions::Mention;
use services::db::Backend;
use services::invoicing::{customers, drafts, invoices, issuing, verification};
use services::testing::{TestEnv, backends, code};
use services::{AppError, tenancy::TenantScope};

const BASE: &str = "https://erp.example.fr";
/// Invoices the demo company has issued in 2026 before a test starts (`services::demo`).
const DEMO_ISSUED: usize = 4;

/// The number the `n`-th invoice a test issues in 2026 takes, after the demo's.
fn nth(n: usize) -> String {
    format!("F-2026-{:05}", DEMO_ISSUED + n)
}

async fn customer(scope: &TenantScope, name: &str) -> String {
    let query = CustomerQuery::parse(Some(name), None).unwrap();
    customers::list(scope, &query).await.unwrap().lines[0].id.clone()
}

/// Noon (UTC) of a day, as the injected clock gives it.
fn at(y: i32, m: u32, d: u32) -> i64 {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis()
}

/// A draft dated `date` for `customer`, with one line of `vat` %.
async fn draft(scope: &TenantScope, customer: &str, date: &str, vat: &str) -> String {
    let form = DraftForm {
        customer: customer.into(),
        issue_date: date.into(),
        category: "services".into(),
        ..DraftForm::default()
    };
    let id = drafts::create(scope, &form.parse().unwrap(), 1).await.unwrap();
    let line = LineForm {
        draft: id.clone(),
        designation: "Pose d’un chauffe-eau".into(),
        quantity: "1,5".into(),
        unit_price: "45".into(),
        vat_rate: vat.into(),
        ..LineForm::default()
    };
    drafts::add_line(scope, &id, &line.parse(Country::France).unwrap().1, 2).await.unwrap();
    id
}

#[tokio::test]
async fn an_accountant_issues_a_numbered_frozen_invoice_with_its_pdf_and_hash() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let id = draft(&accountant, &martin, "2026-12-01", "20").await;

        let manager = env.scope("manager@demo.example", "demo").await;
        assert_eq!(
            code(issuing::issue(&env.state, &manager, &id, at(2026, 12, 2), BASE).await),
            "forbidden",
            "managers prepare"
        );

        let number = issuing::issue(&env.state, &accountant, &id, at(2026, 12, 2), BASE).await.unwrap();
        assert_eq!(number, nth(1), "{backend:?}");
        let view = invoices::view(&accountant, &id, at(2026, 12, 2)).await.unwrap();
        assert_eq!(view.invoice.number.text(), number);
        assert!(view.bytes_intact, "{backend:?}: the stored bytes hash to the stored hash");
        let (name, pdf) = invoices::pdf(&accountant, &id).await.unwrap();
        assert_eq!(name, format!("{}.pdf", nth(1)));
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(documents::sha256_hex(&pdf), view.sha256);
        assert_eq!(pdf.len(), view.pdf_bytes);
        assert_eq!(
            issuing::render(view.invoice.clone()).await.unwrap(),
            pdf,
            "{backend:?}: the frozen document renders to the very bytes stored"
        );
        assert!(view.invoice.verify_url.starts_with("https://erp.example.fr/verify/"));
        assert_eq!(view.invoice.verify_url.len(), BASE.len() + "/verify/".len() + 26);
        assert_eq!(view.invoice.totals.total_minor, 81_00, "67.50 + 20 %");
        assert_eq!(
            invoices::list(&accountant, &InvoiceQuery::default(), at(2026, 12, 2)).await.unwrap().invoices[0].number,
            number
        );

        // The profile changes afterwards; the invoice keeps the identity it was issued with.
        let before = view.invoice.seller.clone();
        let admin = env.scope("admin@demo.example", "demo").await;
        let mut profile = services::company::profile(&admin).await.unwrap();
        profile.legal_name = "Nouveau Nom SAS".into();
        services::company::save(&env.state, &Default::default(), &admin, &profile, 3).await.unwrap();
        assert_eq!(invoices::view(&accountant, &id, at(2026, 12, 2)).await.unwrap().invoice.seller, before);

        // An issued invoice is no draft any more: the service says so.
        let header = DraftForm { customer: martin.clone(), category: "goods".into(), ..DraftForm::default() };
        assert_eq!(code(drafts::update(&accountant, &id, &header.parse().unwrap(), 4).await), "invoice-issued");
        assert_eq!(code(drafts::delete(&accountant, &id).await), "invoice-issued");
        assert_eq!(
            code(issuing::issue(&env.state, &accountant, &id, at(2026, 12, 2), BASE).await),
            "not-found",
            "issued: no draft any more"
        );
        assert_eq!(code(customers::delete(&accountant, &martin).await), "customer-has-invoices");

        // Another company's invoice is not found from here.
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(code(invoices::view(&acme, &id, at(2026, 12, 2)).await), "not-found");
        assert_eq!(code(invoices::pdf(&acme, &id).await), "not-found");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_draft_is_refused_with_everything_it_lacks_and_nothing_is_numbered() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;

        let empty = DraftForm {
            customer: martin.clone(),
            issue_date: "2026-12-01".into(),
            category: "goods".into(),
            ..DraftForm::default()
        };
        let empty = drafts::create(&accountant, &empty.parse().unwrap(), 1).await.unwrap();
        assert_eq!(code(issuing::issue(&env.state, &accountant, &empty, at(2026, 12, 2), BASE).await), "draft-empty");

        let exempt = draft(&accountant, &martin, "2026-12-01", "0").await;
        match issuing::issue(&env.state, &accountant, &exempt, at(2026, 12, 2), BASE).await {
            Err(AppError::MentionsMissing(missing)) => assert_eq!(missing, [Mention::ExemptionWording]),
            other => panic!("{backend:?}: {other:?}"),
        }
        let future = draft(&accountant, &martin, "2026-12-03", "20").await;
        assert_eq!(
            code(issuing::issue(&env.state, &accountant, &future, at(2026, 12, 2), BASE).await),
            "issue-date-in-future"
        );

        // Refusals took no number: the next issue takes the next one.
        let first = draft(&accountant, &martin, "2026-12-01", "20").await;
        assert_eq!(issuing::issue(&env.state, &accountant, &first, at(2026, 12, 2), BASE).await.unwrap(), nth(1));
        let earlier = draft(&accountant, &martin, "2026-11-30", "20").await;
        assert_eq!(
            code(issuing::issue(&env.state, &accountant, &earlier, at(2026, 12, 2), BASE).await),
            "issue-date-before-last"
        );
        // A new year starts its own sequence.
        let next_year = draft(&accountant, &martin, "2027-01-04", "20").await;
        assert_eq!(
            issuing::issue(&env.state, &accountant, &next_year, at(2027, 1, 4), BASE).await.unwrap(),
            "F-2027-00001"
        );

        // Turned off, invoicing refuses to issue (reading still works).
        services::governance::flags::set_on(&accountant.db, domain::Flag::Invoicing, false, "test", 5).await.unwrap();
        assert_eq!(code(issuing::issue(&env.state, &accountant, &future, at(2026, 12, 4), BASE).await), "feature-off");
        assert_eq!(
            invoices::list(&accountant, &InvoiceQuery::default(), at(2026, 12, 4)).await.unwrap().totals.count,
            DEMO_ISSUED as i64 + 2
        );
        env.finish().await;
    }
}

#[tokio::test]
async fn concurrent_issues_take_consecutive_numbers_without_gap_or_duplicate() {
    const N: usize = 200;
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let mut ids = Vec::new();
        for _ in 0..N {
            ids.push(draft(&accountant, &martin, "2026-12-01", "20").await);
        }
        let mut tasks = tokio::task::JoinSet::new();
        for id in ids {
            let (state, scope) = (env.state.clone(), accountant.clone());
            tasks.spawn(async move { issuing::issue(&state, &scope, &id, at(2026, 12, 2), BASE).await });
        }
        let mut numbers = Vec::new();
        while let Some(done) = tasks.join_next().await {
            numbers.push(done.unwrap().unwrap_or_else(|e| panic!("{backend:?}: {e:?}")));
        }
        numbers.sort();
        let expected: Vec<String> = (1..=N).map(nth).collect();
        assert_eq!(numbers, expected, "{backend:?}: the next {N} numbers, each once");
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_any_change_to_an_issued_invoice() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let id = draft(&accountant, &martin, "2026-12-01", "20").await;
        issuing::issue(&env.state, &accountant, &id, at(2026, 12, 2), BASE).await.unwrap();
        let other = draft(&accountant, &martin, "2026-12-01", "20").await;
        let pool = accountant.db.pool();

        let mut refused = vec![
            format!("UPDATE invoices SET total_minor = 1 WHERE id = '{id}'"),
            format!("UPDATE invoices SET status = 'draft', number = NULL WHERE id = '{id}'"),
            format!("UPDATE invoices SET due_date = '2027-12-31' WHERE id = '{id}'"),
            format!("DELETE FROM invoices WHERE id = '{id}'"),
            format!("UPDATE invoice_lines SET qty_milli = 2000 WHERE invoice_id = '{id}'"),
            format!("DELETE FROM invoice_lines WHERE invoice_id = '{id}'"),
            format!(
                "INSERT INTO invoice_lines (id, invoice_id, position, designation, unit, qty_milli, unit_price_minor, \
                 discount_bp, vat_bp) VALUES ('extra', '{id}', 2, 'Extra', 'u', 1000, 100, 0, 2000)"
            ),
            format!("UPDATE invoice_pdfs SET pdf = pdf WHERE invoice_id = '{id}'"),
            format!("DELETE FROM invoice_pdfs WHERE invoice_id = '{id}'"),
            // A draft may not borrow an issued number, nor be marked issued by hand.
            format!("UPDATE invoices SET number = '{}' WHERE id = '{other}'", nth(1)),
            format!("UPDATE invoices SET status = 'issued' WHERE id = '{other}'"),
            format!("INSERT INTO invoice_pdfs (invoice_id, pdf) VALUES ('{id}', 'x')"),
            "UPDATE document_counters SET last_sequence = last_sequence + 5".to_owned(),
            "UPDATE document_counters SET last_sequence = last_sequence - 1".to_owned(),
            "DELETE FROM document_counters".to_owned(),
        ];
        match backend {
            Backend::Sqlite => refused.extend([
                format!(
                    "INSERT OR REPLACE INTO invoices (id, status, customer_id, issue_date, due_date, category, \
                     created_at, updated_at, created_by) \
                     VALUES ('{id}', 'draft', '{martin}', '2026-12-01', '2026-12-31', 'goods', 1, 1, 'x')"
                ),
                format!("UPDATE OR REPLACE invoices SET id = '{id}' WHERE id = '{other}'"),
            ]),
            Backend::Postgres => {
                refused.extend(["TRUNCATE invoice_pdfs".to_owned(), "TRUNCATE invoices CASCADE".to_owned()])
            }
        }
        for sql in &refused {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: `{sql}` was accepted");
        }
        let view = invoices::view(&accountant, &id, at(2026, 12, 2)).await.unwrap();
        assert!(view.bytes_intact, "{backend:?}: nothing changed");
        assert_eq!(view.invoice.totals.total_minor, 81_00);
        // Drafts stay free.
        drafts::delete(&accountant, &other).await.unwrap();
        env.finish().await;
    }
}

#[tokio::test]
async fn anyone_verifies_an_invoice_by_its_file_its_hash_or_its_printed_id() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let id = draft(&accountant, &martin, "2026-12-01", "20").await;
        issuing::issue(&env.state, &accountant, &id, at(2026, 12, 2), BASE).await.unwrap();
        let view = invoices::view(&accountant, &id, at(2026, 12, 2)).await.unwrap();
        let (_, pdf) = invoices::pdf(&accountant, &id).await.unwrap();
        let state = &env.state;

        let found = verification::by_file(state, &pdf, None).await.unwrap();
        assert_eq!((found.number.clone(), found.total_minor), (nth(1), 81_00), "{backend:?}");
        assert_eq!(found.issuer, view.invoice.seller.legal_name);
        assert_eq!(verification::by_hash(state, &view.sha256.to_uppercase(), None).await.unwrap(), found);
        let printed = view.invoice.verification_id.as_str();
        assert_eq!(verification::by_id(state, &printed.to_lowercase()).await.unwrap(), found);
        assert_eq!(verification::by_file(state, &pdf, Some(printed)).await.unwrap(), found);

        // One byte changed, another file, garbage: each says so and tells nothing.
        let mut altered = pdf.clone();
        let middle = altered.len() / 2;
        altered[middle] ^= 0x01;
        assert_eq!(code(verification::by_file(state, &altered, None).await), "verify-unknown");
        assert_eq!(code(verification::by_file(state, &altered, Some(printed)).await), "verify-altered");
        assert_eq!(code(verification::by_file(state, b"PK\x03\x04 not a pdf", None).await), "not-a-pdf");
        let huge = vec![b'%'; domain::invoicing::issued::VERIFY_MAX_BYTES + 1];
        assert_eq!(code(verification::by_file(state, &huge, None).await), "file-too-large");
        assert_eq!(code(verification::by_hash(state, &"0".repeat(64), None).await), "verify-unknown");
        assert_eq!(code(verification::by_hash(state, "F-2026-00001", None).await), "invalid-sha256");
        assert_eq!(code(verification::by_id(state, &"0".repeat(26)).await), "not-found");
        assert_eq!(code(verification::by_id(state, "F-2026-00001").await), "invalid-verification-id");
        env.finish().await;
    }
}
