//! Alert rules and checks on every backend: one alert per condition, opened when the condition
//! has lasted its threshold (exactly), closed when it ends, addressed to the roles of its rule;
//! rules edited by admins only, validated and audited; acknowledgements kept; the database
//! refusing what the services never do.

mod support;

use domain::alerts::RuleKind;
use domain::alerts::rules::{RuleForm, RuleSettings};
use domain::alerts::views::{AlertLine, AlertQuery, BELL_CAP};
use domain::mission::commands::EmergencyForm;
use domain::mission::state::Action;
use domain::{Role, Severity};
use services::alerts::check::{self, RuleReport};
use services::audit::RequestMeta;
use services::clock::Clock;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::{alerts, missions, sites};
use support::{customer, invoice, pay};

/// Runs every rule of the demo company now; the report of `kind`.
async fn check_demo(env: &TestEnv, kind: RuleKind, dry_run: bool) -> RuleReport {
    let tenant = services::control::tenant(&env.state, "demo").await.unwrap().unwrap();
    let reports = check::check_tenant(&env.state, &tenant, None, dry_run, env.clock.now_ms()).await.unwrap();
    reports.into_iter().find(|r| r.kind == kind).unwrap()
}

async fn open_alerts(env: &TestEnv, scope: &TenantScope) -> Vec<AlertLine> {
    let query = AlertQuery { open_only: true, before: None };
    alerts::notifications(&env.state, scope, &query).await.unwrap().lines
}

async fn about(env: &TestEnv, scope: &TenantScope, href: &str) -> Option<AlertLine> {
    open_alerts(env, scope).await.into_iter().find(|l| l.href == href)
}

fn move_to(env: &TestEnv, target_ms: i64) {
    env.clock.advance_ms(target_ms - env.clock.now_ms());
}

/// An instant in UTC.
fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap().and_utc().timestamp_millis()
}

#[tokio::test]
async fn an_overdue_invoice_alerts_once_from_its_seventh_day_in_the_company_time_and_closes_when_paid() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        // Issued on 1 December, due on 31 December.
        let id = invoice(&env, &accountant, &boulangerie, "20", &[("1", "100")]).await;
        let href = format!("/invoices/issued/{id}");

        // 6 January 22:59 UTC is still the 6th in Paris: six days late, no alert.
        move_to(&env, utc(2027, 1, 6, 22, 59));
        check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        assert!(about(&env, &accountant, &href).await.is_none(), "{backend:?}");
        // 23:00 UTC is midnight of the 7th in Paris: seven days late.
        move_to(&env, utc(2027, 1, 6, 23, 0));
        let dry = check_demo(&env, RuleKind::InvoiceOverdue, true).await;
        assert!(dry.opened.iter().any(|s| s.contains("Boulangerie")), "{backend:?}: {dry:?}");
        assert!(about(&env, &accountant, &href).await.is_none(), "a dry run writes nothing");
        check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        let alert = about(&env, &accountant, &href).await.expect("the overdue invoice alerts");
        assert_eq!((alert.rule, alert.severity, alert.unread), (RuleKind::InvoiceOverdue, Severity::Warning, true));
        assert!(
            alert.subject.starts_with("F-") && alert.subject.ends_with(" · Boulangerie Martin"),
            "{}",
            alert.subject
        );
        // Addressed to admins and accountants: the manager is not told.
        assert!(about(&env, &manager, &href).await.is_none(), "{backend:?}");

        // Checked again and again: still one alert.
        for _ in 0..3 {
            let again = check_demo(&env, RuleKind::InvoiceOverdue, false).await;
            assert!(again.opened.is_empty() && again.closed == 0, "{backend:?}: {again:?}");
        }
        let same: Vec<_> = open_alerts(&env, &accountant).await.into_iter().filter(|l| l.href == href).collect();
        assert_eq!(same.len(), 1);

        // Thirty days late, the critical rule alerts too; paid in full, both close.
        move_to(&env, utc(2027, 1, 30, 12, 0));
        check_demo(&env, RuleKind::InvoiceLongOverdue, false).await;
        let rules: Vec<_> =
            open_alerts(&env, &accountant).await.into_iter().filter(|l| l.href == href).map(|l| l.rule).collect();
        assert_eq!(rules, [RuleKind::InvoiceLongOverdue, RuleKind::InvoiceOverdue], "{backend:?}");
        pay(&accountant, &id, "2027-01-30", "120", "transfer", env.clock.now_ms()).await.unwrap();
        let closed = check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        assert!(closed.closed >= 1, "{backend:?}: {closed:?}");
        check_demo(&env, RuleKind::InvoiceLongOverdue, false).await;
        assert!(about(&env, &accountant, &href).await.is_none(), "{backend:?}");
        let all = AlertQuery { open_only: false, before: None };
        let history = alerts::notifications(&env.state, &accountant, &all).await.unwrap().lines;
        let kept: Vec<_> = history.iter().filter(|l| l.href == href).collect();
        assert!(kept.len() == 2 && kept.iter().all(|l| l.closed_at_local_ms.is_some()), "closed alerts stay listed");
        assert_counters_recount(&accountant).await;
        env.finish().await;
    }
}

/// The open alerts the triggers count per rule and severity are those a recount finds.
async fn assert_counters_recount(scope: &TenantScope) {
    let pool = scope.db.pool();
    let kept: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT rule, severity, open_count FROM open_alert_counts WHERE open_count > 0 ORDER BY rule, severity",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let recount: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT rule, severity, CAST(COUNT(*) AS BIGINT) FROM alerts WHERE closed_at_ms IS NULL \
         GROUP BY rule, severity ORDER BY rule, severity",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(kept, recount);
}

#[tokio::test]
async fn an_emergency_alerts_at_exactly_five_minutes_for_its_roles_and_closes_when_taken() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        check_demo(&env, RuleKind::EmergencyPending, false).await;

        let form = EmergencyForm {
            customer: customer(&manager, "boulangerie martin").await,
            caller_name: "M. Martin".into(),
            caller_phone: "01 23 45 67 89".into(),
            title: "Four en panne".into(),
            site: sites::list(&manager).await.unwrap()[0].id.clone(),
            ..EmergencyForm::default()
        };
        let created = env.clock.now_ms();
        let id = missions::create(&env.state, &manager, &form.parse().unwrap(), created).await.unwrap();
        let href = format!("/missions/{id}");

        env.clock.advance_ms(5 * 60_000 - 1);
        check_demo(&env, RuleKind::EmergencyPending, false).await;
        assert!(about(&env, &manager, &href).await.is_none(), "{backend:?}: a millisecond short of 5 minutes");
        env.clock.advance_ms(1);
        let report = check_demo(&env, RuleKind::EmergencyPending, false).await;
        assert!(report.opened.iter().any(|s| s.ends_with("Four en panne")), "{backend:?}: {report:?}");
        assert!(alerts::bell(&admin).await.unwrap().unread >= 1, "{backend:?}: the admin's bell counts it");
        let alert = about(&env, &manager, &href).await.expect("alerted at exactly 5 minutes");
        assert_eq!(alert.severity, Severity::Critical);
        assert!(about(&env, &admin, &href).await.is_some());
        assert!(about(&env, &accountant, &href).await.is_none(), "not addressed to accountants");
        assert!(about(&env, &karim, &href).await.is_none(), "nor to technicians");
        // Listing them marked them read.
        assert_eq!(alerts::bell(&admin).await.unwrap().unread, 0, "{backend:?}");
        assert_eq!(alerts::bell(&manager).await.unwrap().unread, 0);

        // Taken by a technician: no longer waiting, the next check closes it.
        missions::transitions::apply(&karim, &id, Action::Accept, None, env.clock.now_ms()).await.unwrap();
        let report = check_demo(&env, RuleKind::EmergencyPending, false).await;
        assert!(report.closed >= 1, "{backend:?}: {report:?}");
        assert!(about(&env, &manager, &href).await.is_none());
        env.finish().await;
    }
}

#[tokio::test]
async fn the_bell_counts_what_opened_since_the_reader_last_looked() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let admin = env.scope("admin@demo.example", "demo").await;
        // What the demo's invoices raise by 8 January, looked at by both.
        move_to(&env, utc(2027, 1, 8, 12, 0));
        check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        open_alerts(&env, &accountant).await;
        open_alerts(&env, &admin).await;
        assert_eq!(alerts::bell(&accountant).await.unwrap().unread, 0, "{backend:?}");

        // Two more invoices, issued on 1 December and due on the 31st, overdue as well.
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        invoice(&env, &accountant, &boulangerie, "20", &[("1", "100")]).await;
        invoice(&env, &accountant, &boulangerie, "20", &[("2", "100")]).await;
        check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        assert_eq!(alerts::bell(&accountant).await.unwrap().unread, 2, "{backend:?}");
        assert_eq!(alerts::bell(&admin).await.unwrap().unread, 2);
        let seen = open_alerts(&env, &accountant).await;
        assert_eq!(seen.iter().filter(|l| l.unread).count(), 2, "shown as new once");
        assert_eq!(alerts::bell(&accountant).await.unwrap().unread, 0);
        assert_eq!(alerts::bell(&admin).await.unwrap().unread, 2, "each reader has their own mark");

        // Past 99 the bell stops counting (it shows "99+"), however many are open.
        for n in 0..150 {
            sqlx::query(
                "INSERT INTO alerts (rule, subject_id, subject, severity, roles, opened_at_ms) \
                 VALUES ('mission-blocked', $1, 'Bloquée', 'WARNING', ',admin,', 1)",
            )
            .bind(format!("m{n}"))
            .execute(admin.db.pool())
            .await
            .unwrap();
        }
        let bell = alerts::bell(&admin).await.unwrap();
        assert_eq!((bell.unread, bell.beyond_cap()), (BELL_CAP + 1, true), "{backend:?}");
        assert_eq!(alerts::bell(&accountant).await.unwrap().unread, 0, "not addressed to accountants");
        assert_counters_recount(&admin).await;
        env.finish().await;
    }
}

#[tokio::test]
async fn an_acknowledgement_is_kept_shown_to_the_others_and_refused_to_who_was_not_told() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let acme = env.scope("admin@acme.example", "acme").await;
        let boulangerie = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &boulangerie, "20", &[("1", "100")]).await;
        move_to(&env, utc(2027, 1, 8, 12, 0));
        check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        let href = format!("/invoices/issued/{id}");
        let alert = about(&env, &accountant, &href).await.unwrap();
        let now = env.clock.now_ms();

        assert_eq!(code(alerts::acknowledge(&manager, alert.id, now).await), "alert-not-addressed", "{backend:?}");
        assert_eq!(code(alerts::acknowledge(&acme, alert.id, now).await), "not-found", "another company's alert");
        alerts::acknowledge(&accountant, alert.id, now).await.unwrap();
        let seen_by_admin = about(&env, &admin, &href).await.unwrap();
        let stamp = seen_by_admin.acknowledged.expect("the admin sees who acknowledged");
        assert_eq!(stamp.who, "Sophie Bernard", "{backend:?}");
        assert_eq!(stamp.at_local_ms, admin.local_ms(now));
        assert_eq!(code(alerts::acknowledge(&admin, alert.id, now + 1).await), "alert-already-acknowledged");
        env.finish().await;
    }
}

#[tokio::test]
async fn rules_start_as_the_seed_table_and_only_admins_change_them_validated_and_audited() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let meta = RequestMeta::default();
        let rules = alerts::rules(&env.state, &admin).await.unwrap();
        let seeded: Vec<RuleSettings> = rules.iter().map(|r| r.settings.clone()).collect();
        let defaults: Vec<RuleSettings> = RuleKind::ALL.into_iter().map(RuleSettings::default_for).collect();
        assert_eq!(seeded, defaults, "{backend:?}: the migration seeds the domain's defaults");
        assert!(rules.iter().all(|r| r.changed.is_none()));
        assert_eq!(code(alerts::rules(&env.state, &manager).await), "forbidden");

        // Blocked missions: 30 minutes, critical, managers only; the audit log says so.
        let form = RuleForm {
            threshold: "30".into(),
            severity: "critical".into(),
            role_admin: None,
            ..RuleForm::of(&RuleSettings::default_for(RuleKind::MissionBlocked))
        };
        let rule = form.parse().unwrap();
        assert_eq!(code(alerts::update_rule(&env.state, &meta, &manager, &rule, 5).await), "forbidden");
        alerts::update_rule(&env.state, &meta, &admin, &rule, env.clock.now_ms()).await.unwrap();
        let after = alerts::rules(&env.state, &admin).await.unwrap();
        let blocked = after.iter().find(|r| r.settings.kind == RuleKind::MissionBlocked).unwrap();
        assert_eq!(blocked.settings, rule, "{backend:?}");
        assert_eq!(
            (blocked.settings.roles.clone(), blocked.changed.as_ref().unwrap().who.as_str()),
            (vec![Role::Manager], "Élise Lambert")
        );
        let audit = domain::audit::AuditQuery::parse(Some("alert-rule-changed"), None, None, None, None).unwrap();
        let entries = services::audit::page(&env.state, &admin, &audit).await.unwrap().entries;
        assert_eq!(entries.len(), 1, "{backend:?}");
        assert_eq!(
            entries[0].detail.as_deref(),
            Some("mission-blocked: enabled=true threshold=30 severity=CRITICAL roles=manager")
        );

        // A rule turned off closes its open alerts at the next check and opens none.
        move_to(&env, utc(2027, 1, 8, 12, 0));
        let check = check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        assert!(!check.opened.is_empty(), "{backend:?}: the demo's invoices are overdue by then");
        let off = RuleForm { enabled: None, ..RuleForm::of(&RuleSettings::default_for(RuleKind::InvoiceOverdue)) };
        alerts::update_rule(&env.state, &meta, &admin, &off.parse().unwrap(), env.clock.now_ms()).await.unwrap();
        let closed = check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        assert_eq!((closed.enabled, closed.found, closed.closed), (false, 0, check.opened.len()), "{backend:?}");
        assert!(open_alerts(&env, &admin).await.iter().all(|l| l.rule != RuleKind::InvoiceOverdue));
        env.finish().await;
    }
}

/// A31: alerts are history; the database refuses rewriting, deleting and replacing them.
#[tokio::test]
async fn the_database_keeps_one_open_alert_per_condition_and_what_each_alert_said() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@demo.example", "demo").await;
        move_to(&env, utc(2027, 1, 8, 12, 0));
        let report = check_demo(&env, RuleKind::InvoiceOverdue, false).await;
        assert!(!report.opened.is_empty(), "{backend:?}: the demo's invoices are overdue by then");
        let alert = open_alerts(&env, &admin).await.into_iter().find(|l| l.rule == RuleKind::InvoiceOverdue).unwrap();
        let pool = admin.db.pool();
        for sql in [
            "UPDATE alerts SET subject = 'rewritten' WHERE id = $1",
            "UPDATE alerts SET severity = 'INFO' WHERE id = $1",
            "UPDATE alerts SET roles = ',auditor,' WHERE id = $1",
            "DELETE FROM alerts WHERE id = $1",
        ] {
            assert!(sqlx::query(sql).bind(alert.id).execute(pool).await.is_err(), "{backend:?}: {sql}");
        }
        let twin = "INSERT INTO alerts (rule, subject_id, subject, severity, roles, opened_at_ms) \
                    SELECT rule, subject_id, subject, severity, roles, opened_at_ms FROM alerts WHERE id = $1";
        assert!(sqlx::query(twin).bind(alert.id).execute(pool).await.is_err(), "{backend:?}: a second open alert");
        // Closed once, acknowledged once.
        sqlx::query("UPDATE alerts SET closed_at_ms = opened_at_ms + 1 WHERE id = $1")
            .bind(alert.id)
            .execute(pool)
            .await
            .unwrap();
        assert!(
            sqlx::query("UPDATE alerts SET closed_at_ms = NULL WHERE id = $1")
                .bind(alert.id)
                .execute(pool)
                .await
                .is_err()
        );
        sqlx::query("UPDATE alerts SET acknowledged_by = 'u', acknowledged_at_ms = 1 WHERE id = $1")
            .bind(alert.id)
            .execute(pool)
            .await
            .unwrap();
        assert!(
            sqlx::query("UPDATE alerts SET acknowledged_by = 'v' WHERE id = $1")
                .bind(alert.id)
                .execute(pool)
                .await
                .is_err()
        );
        for sql in [
            "UPDATE alert_rules SET threshold = 0 WHERE kind = 'emergency-pending'",
            "UPDATE alert_rules SET threshold = NULL WHERE kind = 'emergency-pending'",
            "UPDATE alert_rules SET threshold = 5 WHERE kind = 'stock-critical'",
            "UPDATE alert_rules SET roles = ',,' WHERE kind = 'emergency-pending'",
            "UPDATE alert_rules SET severity = 'LOUD' WHERE kind = 'emergency-pending'",
        ] {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: {sql}");
        }
        env.finish().await;
    }
}

#[tokio::test]
async fn each_period_of_a_scheduled_job_is_claimed_once_among_several_server_states() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        // A second state on the same databases, as a second server process has.
        let other = services::AppState::open((*env.state.settings).clone(), env.state.clock.clone()).await.unwrap();
        let now = env.clock.now_ms();
        let (a, b) = tokio::join!(check::scheduled(&env.state, "first", now), check::scheduled(&other, "second", now));
        let (a, b) = (a.unwrap(), b.unwrap());
        for (ran_a, ran_b) in a.iter().zip(&b) {
            assert_eq!(ran_a.job, ran_b.job);
            assert!(ran_a.outcomes.is_some() != ran_b.outcomes.is_some(), "{backend:?}: {} ran once", ran_a.job.name);
        }
        // The same minute again: nobody; the next minute: one of them.
        assert!(check::scheduled(&other, "second", now + 1).await.unwrap().iter().all(|r| r.outcomes.is_none()));
        let next = check::scheduled(&other, "second", now + 60_000).await.unwrap();
        assert!(next[0].outcomes.is_some() && next[1].outcomes.is_none(), "{backend:?}: the hourly job waits its hour");
        let last = services::scheduler::last_run(&env.state, check::EVERY_MINUTE).await.unwrap().unwrap();
        assert_eq!(last.holder, "second");
        assert!(last.outcome.unwrap().contains("companies checked"), "{backend:?}");
        other.close().await;
        env.finish().await;
    }
}

/// The local SMTP server of the tests (Python's smtpd, `support/smtp_sink.py`): each message it
/// receives, decoded, as JSON.
struct SmtpSink {
    child: std::process::Child,
    messages: std::sync::mpsc::Receiver<serde_json::Value>,
}

impl SmtpSink {
    fn start(port: u16) -> Self {
        use std::io::BufRead;
        let python = std::env::var("ATELIER_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = std::process::Command::new(python)
            .args(["-W", "ignore", script, &port.to_string()])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("start the SMTP sink (python3)");
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "ready");
        let (send, messages) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = send.send(serde_json::from_str(&line).expect("a JSON line"));
            }
        });
        Self { child, messages }
    }

    fn received(&self, count: usize) -> Vec<serde_json::Value> {
        (0..count).map(|_| self.messages.recv_timeout(std::time::Duration::from_secs(10)).expect("a message")).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn critical_alerts_are_mailed_to_their_roles_once_and_again_when_the_smtp_server_was_away() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut settings = (*env.state.settings).clone();
        settings.smtp = Some(services::mail::SmtpSettings {
            url: format!("smtp://127.0.0.1:{port}"),
            from: "Atelier <alertes@demo.example>".into(),
        });
        settings.public_url = Some("https://erp.example.fr".into());
        let mailing = services::AppState::open(settings, env.state.clock.clone()).await.unwrap();
        let manager = env.scope("manager@demo.example", "demo").await;
        let round = |now| check::check_all(&mailing, None, None, false, now);

        // What the demo raises by itself (its own emergency, its critical levels), checked by a
        // server without SMTP: no e-mail for those.
        env.clock.advance_ms(5 * 60_000);
        check::check_all(&env.state, None, None, false, env.clock.now_ms()).await.unwrap();

        // An emergency waiting 5 minutes while the SMTP server is down: the alert opens, its
        // e-mails wait.
        let form = EmergencyForm {
            customer: customer(&manager, "boulangerie martin").await,
            caller_name: "M. Martin".into(),
            caller_phone: "01 23 45 67 89".into(),
            title: "Four en panne".into(),
            site: sites::list(&manager).await.unwrap()[0].id.clone(),
            ..EmergencyForm::default()
        };
        let id = missions::create(&env.state, &manager, &form.parse().unwrap(), env.clock.now_ms()).await.unwrap();
        env.clock.advance_ms(5 * 60_000);
        let away = round(env.clock.now_ms()).await.unwrap();
        let demo = away.iter().find(|o| o.tenant == "demo").unwrap();
        let sent = demo.mails.as_ref().unwrap();
        assert_eq!((sent.sent, sent.failed), (0, 3), "{backend:?}: the admin's and the two managers', refused");
        assert!(check::summary(&away).contains("0 e-mails sent, 3 not sent"));

        // The server is back; a minute later the e-mails go, once each, in the company's language.
        let sink = SmtpSink::start(port);
        env.clock.advance_ms(60_000);
        let back = round(env.clock.now_ms()).await.unwrap();
        let sent = *back.iter().find(|o| o.tenant == "demo").unwrap().mails.as_ref().unwrap();
        assert_eq!((sent.sent, sent.failed), (3, 0), "{backend:?}");
        let mut messages = sink.received(3);
        messages.sort_by_key(|m| m["to"][0].as_str().unwrap().to_owned());
        let to: Vec<&str> = messages.iter().map(|m| m["to"][0].as_str().unwrap()).collect();
        assert_eq!(to, ["admin@demo.example", "consultant@atelier.example", "manager@demo.example"], "{backend:?}");
        let message = &messages[0];
        assert_eq!(message["from"], "alertes@demo.example");
        let subject = message["subject"].as_str().unwrap();
        assert!(subject.starts_with("[Atelier] Critique : Urgence en attente d’un technicien — M-"), "{subject}");
        let body = message["body"].as_str().unwrap();
        assert!(body.contains(&format!("https://erp.example.fr/missions/{id}")), "{body}");
        assert!(body.starts_with("Alerte pour Atelier Démo SARL"), "{body}");

        // Nothing is sent twice (and the demo's overdue invoice, a warning, was never mailed).
        env.clock.advance_ms(60_000);
        let again = round(env.clock.now_ms()).await.unwrap();
        let sent = *again.iter().find(|o| o.tenant == "demo").unwrap().mails.as_ref().unwrap();
        assert_eq!((sent.sent, sent.failed), (0, 0), "{backend:?}");
        assert!(sink.messages.try_recv().is_err());
        mailing.close().await;
        env.finish().await;
    }
}
