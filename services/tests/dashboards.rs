//! The dashboards on every backend: the counters kept by triggers equal a recount after each
//! kind of change (movements, an article's minimum changed through the service and by hand,
//! missions created and moved), the finance figures follow invoices, credit notes, payments and
//! the calendar, and each board is read only by the roles that hold it.

mod support;

use std::collections::BTreeMap;

use domain::Quantity;
use domain::article::{ArticleInput, NewArticle};
use domain::dashboard::Board;
use domain::dashboard::kpis::ExportForm;
use domain::dashboard::periods::AgeBucket;
use domain::dashboard::views::{Figures, Finance, Operations, Platform};
use domain::mission::commands::EmergencyForm;
use domain::mission::state::{Action, MissionState};
use domain::stock::alert::{Alert, alert};
use domain::stock::commands::{Receipt, Transfer, Withdrawal};
use domain::{Flag, Lang, Severity};
use services::clock::Clock;
use services::dashboards::kpis;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::{dashboards, governance, missions, sites, stock};
use support::{credit, customer, invoice, pay};

async fn operations(env: &TestEnv, scope: &TenantScope) -> Operations {
    match dashboards::board(&env.state, scope, Board::Operations).await.unwrap().figures {
        Figures::Operations(o) => o,
        other => panic!("{other:?}"),
    }
}

async fn finance(env: &TestEnv, scope: &TenantScope) -> Finance {
    match dashboards::board(&env.state, scope, Board::Finance).await.unwrap().figures {
        Figures::Finance(f) => f,
        other => panic!("{other:?}"),
    }
}

async fn platform(env: &TestEnv, scope: &TenantScope) -> Platform {
    match dashboards::board(&env.state, scope, Board::Platform).await.unwrap().figures {
        Figures::Platform(p) => p,
        other => panic!("{other:?}"),
    }
}

/// Per site id: (value of the levels holding stock, critical, low), recounted from every level
/// with the domain's own rule, not the triggers'.
async fn recount(scope: &TenantScope) -> BTreeMap<String, (i64, i64, i64)> {
    let levels: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT l.site_id, l.qty_milli, l.value_minor, a.min_stock_milli, a.active \
         FROM stock_levels l JOIN articles a ON a.id = l.article_id",
    )
    .fetch_all(scope.db.pool())
    .await
    .unwrap();
    let mut sites: BTreeMap<String, (i64, i64, i64)> =
        sites::list(scope).await.unwrap().into_iter().map(|s| (s.id, (0, 0, 0))).collect();
    for (site, qty, value, minimum, active) in levels {
        let entry = sites.get_mut(&site).unwrap();
        if qty > 0 {
            entry.0 += value;
        }
        match (active == 1)
            .then(|| alert(Quantity::from_milli(qty).unwrap(), Quantity::from_milli(minimum).unwrap()))
            .flatten()
        {
            Some(Alert::Critical) => entry.1 += 1,
            Some(Alert::Low) => entry.2 += 1,
            None => {}
        }
    }
    sites
}

async fn assert_counters(env: &TestEnv, scope: &TenantScope, when: &str) {
    let board = operations(env, scope).await;
    let counted: BTreeMap<String, (i64, i64, i64)> =
        board.sites.iter().map(|s| (s.id.clone(), (s.value_minor, s.critical, s.low))).collect();
    assert_eq!(counted, recount(scope).await, "{:?}, {when}", env.backend);
    let states: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, CAST(COUNT(*) AS BIGINT) FROM missions GROUP BY state")
            .fetch_all(scope.db.pool())
            .await
            .unwrap();
    for (state, n) in &board.missions {
        let expected = states.iter().find(|(s, _)| s == state.as_str()).map_or(0, |(_, n)| *n);
        assert_eq!(*n, expected, "{:?}, {when}: missions {}", env.backend, state.as_str());
    }
}

#[tokio::test]
async fn stock_and_mission_counters_equal_a_recount_after_every_kind_of_change() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        assert_counters(&env, &manager, "the demo as seeded").await;
        let valuation = stock::reports::valuation(&manager).await.unwrap();
        assert_eq!(operations(&env, &manager).await.stock_value_minor(), valuation.total_minor, "{backend:?}");

        let input =
            ArticleInput { code: "DASH-1", designation: "Joint", unit: "u", min_stock: "10", ..Default::default() };
        let article = stock::create_article(&manager, &NewArticle::parse(&input).unwrap(), 1).await.unwrap();
        let all = sites::list(&manager).await.unwrap();
        let (a, b) = (all[0].id.clone(), all[1].id.clone());
        let now = env.clock.now_ms();
        let receipt = Receipt {
            article: article.clone(),
            site: a.clone(),
            quantity: Quantity::units(12),
            unit_cost_minor: 250,
            ..Default::default()
        };
        stock::receive(&manager, &receipt, now).await.unwrap();
        assert_counters(&env, &manager, "a receipt").await;
        let withdrawal = Withdrawal {
            article: article.clone(),
            site: a.clone(),
            quantity: Quantity::units(5),
            ..Default::default()
        };
        stock::withdraw(&manager, &withdrawal, now).await.unwrap();
        assert_counters(&env, &manager, "a withdrawal to low").await;
        let transfer = Transfer {
            article: article.clone(),
            from: a.clone(),
            to: b.clone(),
            quantity: Quantity::units(4),
            ..Default::default()
        };
        stock::transfer(&manager, &transfer, now).await.unwrap();
        assert_counters(&env, &manager, "a transfer").await;
        let before = operations(&env, &manager).await;
        let site_a = before.sites.iter().find(|s| s.id == a).unwrap();
        assert!(site_a.critical >= 1, "{backend:?}: 3 left of a minimum of 10 is critical");

        // The minimum changed through the service, then by hand in SQL, then the article retired.
        let input = ArticleInput { min_stock: "6", ..input };
        stock::update_article(&manager, &article, &NewArticle::parse(&input).unwrap(), true, now).await.unwrap();
        assert_counters(&env, &manager, "a minimum lowered").await;
        sqlx::query("UPDATE articles SET min_stock_milli = 100000 WHERE id = $1")
            .bind(&article)
            .execute(manager.db.pool())
            .await
            .unwrap();
        assert_counters(&env, &manager, "a minimum raised in SQL").await;
        stock::update_article(&manager, &article, &NewArticle::parse(&input).unwrap(), false, now).await.unwrap();
        assert_counters(&env, &manager, "an article retired").await;

        // A new site starts with its own empty totals.
        let site = domain::site::NewSite::parse("DASH", "Dépôt du tableau", "").unwrap();
        sites::create(&manager, site, now).await.unwrap();
        assert_counters(&env, &manager, "a new site").await;

        // Missions: an emergency recorded waits, then is accepted.
        let form = EmergencyForm {
            customer: customer(&manager, "boulangerie martin").await,
            caller_name: "M. Martin".into(),
            caller_phone: "01 23 45 67 89".into(),
            title: "Four en panne".into(),
            site: a.clone(),
            ..EmergencyForm::default()
        };
        let waiting = operations(&env, &manager).await.emergencies_waiting;
        let id = missions::create(&env.state, &manager, &form.parse().unwrap(), env.clock.now_ms()).await.unwrap();
        env.clock.advance_ms(7 * 60_000);
        let board = operations(&env, &manager).await;
        assert_eq!(board.emergencies_waiting, waiting + 1, "{backend:?}");
        assert!(board.longest_wait_minutes.unwrap() >= 7, "{backend:?}");
        assert_counters(&env, &manager, "an emergency recorded").await;
        missions::transitions::apply(&karim, &id, Action::Accept, None, env.clock.now_ms()).await.unwrap();
        assert_eq!(operations(&env, &manager).await.emergencies_waiting, waiting, "{backend:?}");
        assert_counters(&env, &manager, "an emergency accepted").await;
        let published = board.missions.iter().find(|(s, _)| *s == MissionState::Published).unwrap().1;
        assert!(published >= 1, "{backend:?}");

        // The counters are refused what no trigger would write.
        let pool = manager.db.pool();
        for sql in [
            "UPDATE stock_site_totals SET critical = -1",
            "UPDATE stock_site_totals SET value_minor = -5",
            "UPDATE mission_state_counts SET missions = -1",
            "INSERT INTO mission_state_counts (state, missions) VALUES ('lost', 0)",
        ] {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: {sql}");
        }
        env.finish().await;
    }
}

#[tokio::test]
async fn hours_of_the_week_count_every_technician_with_what_is_approved() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let board = operations(&env, &manager).await;
        let roster = services::members::roster(&env.state, &manager).await.unwrap();
        assert_eq!(board.hours.len(), roster.technicians.len(), "{backend:?}: those with no time too");
        // The same week's entries, added up by hand.
        let sunday = board.week_monday + chrono::Days::new(6);
        let (minutes, approved): (i64, i64) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(minutes), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(CASE WHEN approved_by IS NOT NULL THEN minutes ELSE 0 END), 0) AS BIGINT) \
             FROM time_entries WHERE work_date >= $1 AND work_date <= $2",
        )
        .bind(domain::format::iso_day(board.week_monday))
        .bind(domain::format::iso_day(sunday))
        .fetch_one(manager.db.pool())
        .await
        .unwrap();
        assert!(minutes > 0 && approved > 0, "{backend:?}: the demo's week holds approved time");
        assert_eq!(board.week_minutes(), minutes, "{backend:?}");
        assert_eq!(board.hours.iter().map(|h| h.approved_minutes).sum::<i64>(), approved, "{backend:?}");
        assert_eq!(board.week_monday.format("%u").to_string(), "1", "{backend:?}: weeks start on Monday");
        env.finish().await;
    }
}

/// 1 December 2026 at noon UTC plus `days`.
fn december(days: u64) -> i64 {
    support::at(12, 1) + i64::try_from(days).unwrap() * 86_400_000
}

#[tokio::test]
async fn finance_figures_follow_invoices_credit_notes_payments_and_the_calendar() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        env.clock.advance_ms(december(0) - env.clock.now_ms());
        let before = finance(&env, &accountant).await;
        let recent = |f: &Finance| f.receivables[0].due_minor;

        // 100 at 20 %: 120.00 due on the 31st.
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &boulangerie, "20", &[("1", "100")]).await;
        let after = finance(&env, &accountant).await;
        assert_eq!(after.this_month.invoices, before.this_month.invoices + 1, "{backend:?}");
        assert_eq!(after.this_month.net_minor, before.this_month.net_minor + 12_000, "{backend:?}");
        assert_eq!(recent(&after), recent(&before) + 12_000, "{backend:?}: issued today is 0 to 30 days old");

        // Paid 50 on the 10th, then 10 credited: what is due and what was collected move.
        env.clock.advance_ms(december(9) - env.clock.now_ms());
        pay(&accountant, &id, "2026-12-10", "50", "transfer", env.clock.now_ms()).await.unwrap();
        let paid = finance(&env, &accountant).await;
        assert_eq!(paid.collected_minor, before.collected_minor + 5_000, "{backend:?}");
        assert_eq!(paid.payments, before.payments + 1, "{backend:?}");
        assert_eq!(recent(&paid), recent(&before) + 7_000, "{backend:?}");
        let line: (String,) = sqlx::query_as("SELECT id FROM invoice_lines WHERE invoice_id = $1")
            .bind(&id)
            .fetch_one(accountant.db.pool())
            .await
            .unwrap();
        credit(&env, &accountant, &id, &[(&line.0, "0.5")], env.clock.now_ms()).await.unwrap();
        let credited = finance(&env, &accountant).await;
        assert_eq!(
            credited.this_month.net_minor,
            before.this_month.net_minor + 6_000,
            "{backend:?}: net of the credit note"
        );
        assert_eq!(recent(&credited), recent(&before) + 1_000, "{backend:?}");

        // 10 January 2027: the invoice was issued last month, is 40 days old, and overdue.
        env.clock.advance_ms(december(40) - env.clock.now_ms());
        let january = finance(&env, &accountant).await;
        assert_eq!(january.today.to_string(), "2027-01-10");
        assert_eq!(january.last_month.span.first.to_string(), "2026-12-01", "{backend:?}");
        assert!(january.last_month.invoices >= 1, "{backend:?}");
        let ours = AgeBucket::of(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), january.today);
        assert_eq!(ours, AgeBucket::Month);
        assert!(january.receivables[1].due_minor >= 1_000, "{backend:?}: {:?}", january.receivables);
        assert!(january.overdue_minor >= 1_000 && january.overdue_invoices >= 1, "{backend:?}");
        assert_eq!(january.receivable_minor(), credited.receivable_minor(), "{backend:?}: the same debts, older");
        env.finish().await;
    }
}

#[tokio::test]
async fn each_board_is_read_by_its_roles_only_and_the_platform_board_counts_what_happened() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        for (scope, board) in [
            (&manager, Board::Finance),
            (&manager, Board::Platform),
            (&accountant, Board::Operations),
            (&accountant, Board::Platform),
            (&karim, Board::Operations),
        ] {
            assert_eq!(code(dashboards::board(&env.state, scope, board).await), "forbidden", "{backend:?} {board:?}");
        }
        let page = dashboards::board(&env.state, &manager, Board::Operations).await.unwrap();
        assert_eq!(page.boards, [Board::Operations], "{backend:?}: the manager's tabs");

        let before = platform(&env, &admin).await;
        assert_eq!(
            before.alerts_open.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            [Severity::Critical, Severity::Warning, Severity::Info]
        );
        // Two failed sign-ins of a member, and a flag turned off.
        for _ in 0..2 {
            let _ =
                services::auth::authenticate(&env.state, &Default::default(), "manager@demo.example", "wrong password")
                    .await;
        }
        governance::flags::set_on(&admin.db, Flag::BulkStockImport, false, "test", env.clock.now_ms()).await.unwrap();
        let after = platform(&env, &admin).await;
        assert_eq!(after.sign_in_failures, before.sign_in_failures + 2, "{backend:?}");
        assert!(after.flags.contains(&(Flag::BulkStockImport, false)), "{backend:?}");
        // A day later the failures are out of the window.
        env.clock.advance_ms(86_400_000 + 1);
        assert_eq!(platform(&env, &admin).await.sign_in_failures, 0, "{backend:?}");
        env.finish().await;
    }
}

/// The file's rows, without its byte-order mark, split on `separator`.
fn rows(bytes: &[u8], separator: char) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a byte-order mark")).unwrap();
    text.split("\r\n").filter(|l| !l.is_empty()).map(|l| l.split(separator).map(str::to_owned).collect()).collect()
}

#[tokio::test]
async fn kpi_exports_write_each_month_as_the_boards_count_it_in_the_readers_language() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        env.clock.advance_ms(december(0) - env.clock.now_ms());
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &boulangerie, "20", &[("1", "100")]).await;
        env.clock.advance_ms(december(9) - env.clock.now_ms());
        pay(&accountant, &id, "2026-12-10", "50", "transfer", env.clock.now_ms()).await.unwrap();
        let _ = services::auth::authenticate(&env.state, &Default::default(), "manager@demo.example", "wrong").await;
        let form = ExportForm { from: "2026-11".into(), to: "2026-12".into() };

        let (name, bytes) = kpis::csv(&env.state, &accountant, Board::Finance, &form, Lang::Fr).await.unwrap();
        assert_eq!(name, "atelier-finance-2026-11-2026-12.csv");
        let file = rows(&bytes, ';');
        assert_eq!(
            file[0],
            [
                "month",
                "invoices_issued",
                "invoiced_net",
                "credit_notes",
                "collected",
                "receivable_at_end",
                "overdue_at_end"
            ]
        );
        assert_eq!(file.len(), 3, "{backend:?}: a heading and two months");
        let board = finance(&env, &accountant).await;
        let money = |minor: i64| domain::format::plain_decimal(minor, 2, ',', false);
        let december_row = &file[2];
        assert_eq!(december_row[0], "2026-12");
        assert_eq!(december_row[1], board.this_month.invoices.to_string(), "{backend:?}");
        assert_eq!(december_row[2], money(board.this_month.net_minor), "{backend:?}");
        assert_eq!(december_row[4], money(board.collected_minor), "{backend:?}");
        assert_eq!(
            december_row[5],
            money(board.receivable_minor()),
            "{backend:?}: owed at the end of the month so far"
        );
        assert_eq!(december_row[6], money(board.overdue_minor), "{backend:?}");
        assert_eq!(file[1][2], money(board.last_month.net_minor), "{backend:?}: November as the board's last month");

        // In English: commas between cells, a point in numbers.
        let (_, bytes) = kpis::csv(&env.state, &admin, Board::Operations, &form, Lang::En).await.unwrap();
        let file = rows(&bytes, ',');
        assert_eq!(file[0][1], "stock_value_at_end");
        let operations = operations(&env, &admin).await;
        let value = domain::format::plain_decimal(operations.stock_value_minor(), 2, '.', false);
        assert_eq!(file[2][1], value, "{backend:?}: the value of the movements so far is the stock's value");
        let (_, bytes) = kpis::csv(&env.state, &admin, Board::Platform, &form, Lang::En).await.unwrap();
        let file = rows(&bytes, ',');
        assert_eq!(
            file[0],
            ["month", "alerts_opened", "critical_alerts_opened", "unusual_stock_activity", "sign_in_failures"]
        );
        assert!(file[2][4].parse::<i64>().unwrap() >= 1, "{backend:?}: December's failed sign-in");

        // Refused: a malformed or future month, too long a period, another role's board.
        let refused = |from: &str, to: &str| ExportForm { from: from.into(), to: to.into() };
        for (form, expected) in [
            (refused("2026-13", "2026-12"), "invalid-month"),
            (refused("2026-11", "2027-01"), "month-in-future"),
            (refused("2023-01", "2026-12"), "period-too-long"),
        ] {
            assert_eq!(
                code(kpis::csv(&env.state, &admin, Board::Finance, &form, Lang::En).await),
                expected,
                "{backend:?}"
            );
        }
        let manager = env.scope("manager@demo.example", "demo").await;
        assert_eq!(code(kpis::csv(&env.state, &manager, Board::Finance, &form, Lang::En).await), "forbidden");
        env.finish().await;
    }
}
