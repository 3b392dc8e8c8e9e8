//! Invoice drafts through the service, on every configured backend: due dates from terms,
//! lines and totals, what a draft would lack, refusals, and what the database refuses.

// Amounts in minor units are written units_cents (`122_50` is 122.50), as an accountant reads them.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use domain::Country;
use domain::customer::views::CustomerQuery;
use domain::invoicing::draft::{DraftForm, LineForm};
use domain::invoicing::mentions::Mention;
use services::invoicing::{customers, drafts};
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};

async fn customer(scope: &TenantScope, name: &str) -> String {
    let query = CustomerQuery::parse(Some(name), None).unwrap();
    customers::list(scope, &query).await.unwrap().lines[0].id.clone()
}

fn line(draft: &str, designation: &str, quantity: &str, price: &str, vat: &str) -> LineForm {
    LineForm {
        draft: draft.into(),
        designation: designation.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        vat_rate: vat.into(),
        ..LineForm::default()
    }
}

#[tokio::test]
async fn a_manager_prepares_a_draft_whose_totals_and_mentions_domain_computes() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let martin = customer(&manager, "boulangerie martin").await;
        let form = DraftForm {
            customer: martin.clone(),
            issue_date: "2026-12-01".into(),
            category: "mixed".into(),
            ..DraftForm::default()
        };
        let id = drafts::create(&manager, &form.parse().unwrap(), 1).await.unwrap();
        let draft = drafts::view(&manager, &id).await.unwrap();
        assert_eq!(
            draft.due_date,
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            "{backend:?}: the customer's 30 days"
        );
        assert_eq!(draft.totals, None);

        for l in [
            line(&id, "Vis M6", "100", "0,25", "20"),
            line(&id, "Pose", "1,5", "45", "20"),
            line(&id, "Livre technique", "1", "30", "5,5"),
        ] {
            let (_, parsed) = l.parse(Country::France).unwrap();
            drafts::add_line(&manager, &id, &parsed, 2).await.unwrap();
        }
        let draft = drafts::view(&manager, &id).await.unwrap();
        let totals = draft.totals.clone().unwrap();
        // 25.00 + 67.50 at 20 % = 92.50 → 18.50; 30.00 at 5.5 % → 1.65.
        assert_eq!((totals.net_minor, totals.vat_minor, totals.total_minor), (122_50, 20_15, 142_65));
        assert_eq!(draft.missing, Vec::<Mention>::new(), "the demo company and customer lack nothing");
        assert_eq!(
            draft.lines.iter().map(|l| l.designation.as_str()).collect::<Vec<_>>(),
            ["Vis M6", "Pose", "Livre technique"]
        );

        drafts::remove_line(&manager, &id, &draft.lines[1].id, 3).await.unwrap();
        let draft = drafts::view(&manager, &id).await.unwrap();
        assert_eq!(draft.totals.unwrap().net_minor, 55_00);
        let listing = drafts::list(&manager).await.unwrap();
        let listed = listing.drafts.iter().find(|d| d.id == id).expect("listed");
        assert_eq!(listed.total_minor, Some(25_00 + 5_00 + 30_00 + 1_65));

        // A zero rate without a wording is a missing mention; with one it is not.
        let (_, exempt) = line(&id, "Formation", "1", "100", "0").parse(Country::France).unwrap();
        drafts::add_line(&manager, &id, &exempt, 4).await.unwrap();
        assert_eq!(drafts::view(&manager, &id).await.unwrap().missing, [Mention::ExemptionWording]);
        let worded = DraftForm { exemption: "Exonération de TVA, art. 261-4-4° du CGI".into(), ..form.clone() };
        drafts::update(&manager, &id, &worded.parse().unwrap(), 5).await.unwrap();
        assert_eq!(drafts::view(&manager, &id).await.unwrap().missing, []);

        let vis = drafts::prefill(&manager, " vis-m6 ").await.unwrap();
        assert_eq!(
            (vis.designation.as_str(), vis.unit_price_minor, vis.vat.map(|v| v.basis_points())),
            ("Vis M6 × 20 inox", Some(25), Some(2000))
        );
        assert_eq!(code(drafts::prefill(&manager, "NOPE").await), "article-not-found");
        let from_article =
            LineForm { article: vis.article_id.clone(), ..line(&id, &vis.designation, "2", "0,25", "20") };
        drafts::add_line(&manager, &id, &from_article.parse(Country::France).unwrap().1, 6).await.unwrap();
        let ghost = LineForm { article: "no-such-article".into(), ..line(&id, "X", "1", "1", "20") };
        assert_eq!(
            code(drafts::add_line(&manager, &id, &ghost.parse(Country::France).unwrap().1, 7).await),
            "article-not-found"
        );

        drafts::delete(&manager, &id).await.unwrap();
        assert_eq!(code(drafts::view(&manager, &id).await), "not-found");
        env.finish().await;
    }
}

#[tokio::test]
async fn refusals_are_clear_and_the_database_keeps_its_own_rules() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let form = DraftForm {
            customer: martin.clone(),
            issue_date: "2026-12-01".into(),
            category: "goods".into(),
            ..DraftForm::default()
        };
        let unknown = DraftForm { customer: "no-such-customer".into(), ..form.clone() };
        assert_eq!(code(drafts::create(&accountant, &unknown.parse().unwrap(), 1).await), "not-found");
        let id = drafts::create(&accountant, &form.parse().unwrap(), 1).await.unwrap();

        // Another company's draft is not found from here.
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(code(drafts::view(&acme, &id).await), "not-found");
        let (_, l) = line(&id, "X", "1", "1", "19").parse(Country::Algeria).unwrap();
        assert_eq!(code(drafts::add_line(&acme, &id, &l, 2).await), "not-found");
        // A customer with an invoice cannot be deleted.
        assert_eq!(code(customers::delete(&accountant, &martin).await), "customer-has-invoices");

        let auditor = env.scope("auditor@demo.example", "demo").await;
        assert_eq!(code(drafts::delete(&auditor, &id).await), "forbidden");
        let technician = env.scope("technician@demo.example", "demo").await;
        assert_eq!(code(drafts::list(&technician).await), "forbidden");

        let pool = accountant.db.pool();
        let (_, ok) = line(&id, "Vis", "1", "1", "20").parse(Country::France).unwrap();
        drafts::add_line(&accountant, &id, &ok, 3).await.unwrap();
        for sql in [
            "UPDATE invoices SET due_date = '2026-11-30'",
            "UPDATE invoices SET category = 'food'",
            "UPDATE invoice_lines SET qty_milli = 0",
            "UPDATE invoice_lines SET unit_price_minor = -1",
            "UPDATE invoice_lines SET discount_bp = 10001",
        ] {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: `{sql}` was accepted");
        }
        env.finish().await;
    }
}

/// Many drafts started at once for a customer without its own terms (the company's apply): the
/// write transaction holds one connection, so a pool of five never starves itself.
#[tokio::test]
async fn drafts_started_at_once_all_succeed() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let hotel = customer(&manager, "hôtel du parc").await;
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..40 {
            let (scope, hotel) = (manager.clone(), hotel.clone());
            tasks.spawn(async move {
                let form = DraftForm { customer: hotel, category: "services".into(), ..DraftForm::default() };
                drafts::create(&scope, &form.parse().unwrap(), 1).await
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap().unwrap_or_else(|e| panic!("{backend:?}: {e:?}"));
        }
        env.finish().await;
    }
}
