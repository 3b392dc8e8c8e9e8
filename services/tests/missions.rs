//! Missions and timesheets through the services, on every configured backend: the state
//! machine and its history, who may take which step, emergencies, time entries and their locks,
//! and what the database refuses when the services are bypassed.

mod support;

use domain::mission::commands::{EmergencyForm, MissionForm};
use domain::mission::state::{Action, MissionState, Priority};
use domain::mission::views::{MissionFilter, MissionQuery};
use domain::timesheet::{EntryStatus, TimeEntryForm};
use services::clock::Clock;
use services::tenancy::TenantScope;
use services::testing::{TestEnv, backends, code};
use services::{missions, sites, timesheets};
use support::customer;

async fn site(scope: &TenantScope) -> String {
    sites::list(scope).await.unwrap()[0].id.clone()
}

async fn planned(env: &TestEnv, manager: &TenantScope, technician: Option<&TenantScope>) -> String {
    let form = MissionForm {
        customer: customer(manager, "boulangerie martin").await,
        title: "Entretien du four".into(),
        site: site(manager).await,
        priority: "normal".into(),
        planned_date: "2026-11-11".into(),
        planned_time: "09:00".into(),
        planned_duration: "3h".into(),
        technician: technician.map(|t| t.user.id.clone()).unwrap_or_default(),
        ..MissionForm::default()
    };
    let new = form.parse(manager.zone).unwrap();
    missions::create(&env.state, manager, &new, env.clock.now_ms()).await.unwrap()
}

async fn emergency(env: &TestEnv, manager: &TenantScope) -> String {
    let form = EmergencyForm {
        customer: customer(manager, "boulangerie martin").await,
        caller_name: "M. Martin".into(),
        caller_phone: "01 23 45 67 89".into(),
        title: "Four en panne".into(),
        site: site(manager).await,
        ..EmergencyForm::default()
    };
    missions::create(&env.state, manager, &form.parse().unwrap(), env.clock.now_ms()).await.unwrap()
}

async fn step(env: &TestEnv, scope: &TenantScope, id: &str, action: Action, note: Option<&str>) -> Result<(), String> {
    missions::transitions::apply(scope, id, action, note, env.clock.now_ms()).await.map_err(|e| code(Err::<(), _>(e)))
}

async fn state_of(env: &TestEnv, scope: &TenantScope, id: &str) -> MissionState {
    missions::details(&env.state, scope, id, env.clock.now_ms()).await.unwrap().state
}

#[tokio::test]
async fn a_mission_goes_from_request_to_done_along_the_table_with_its_history() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let technician = env.scope("technician@demo.example", "demo").await;
        let other = env.scope("technician2@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let id = planned(&env, &manager, Some(&technician)).await;

        let details = missions::details(&env.state, &manager, &id, env.clock.now_ms()).await.unwrap();
        assert_eq!(details.state, MissionState::New);
        assert_eq!(details.address.city, "Lyon", "{backend:?}: the customer's address by default");
        assert_eq!(details.technicians[0].name, "Karim Haddad");
        assert_eq!(details.offers.iter().map(|o| o.action).collect::<Vec<_>>(), [Action::Publish, Action::Cancel]);

        // Nobody skips a step, and each step is taken by its role.
        assert_eq!(step(&env, &technician, &id, Action::Accept, None).await, Err("mission-transition-invalid".into()));
        assert_eq!(step(&env, &accountant, &id, Action::Publish, None).await, Err("forbidden".into()));
        step(&env, &manager, &id, Action::Publish, None).await.unwrap();
        assert_eq!(step(&env, &manager, &id, Action::Accept, None).await, Err("forbidden".into()));
        assert_eq!(step(&env, &other, &id, Action::Accept, None).await, Err("not-found".into()), "not theirs: unseen");
        step(&env, &technician, &id, Action::Accept, None).await.unwrap();
        step(&env, &technician, &id, Action::Start, None).await.unwrap();

        // Parts come from the mission's site, through the stock's own withdrawal.
        let now = env.clock.now_ms();
        let ten = domain::Quantity::units(10);
        let operation = missions::parts::withdraw(&technician, &id, "VIS-M6", ten, now).await.unwrap();
        assert_eq!(code(missions::parts::withdraw(&other, &id, "VIS-M6", ten, now).await), "not-found");
        assert_eq!(code(missions::parts::withdraw(&technician, &id, "NOPE", ten, now).await), "unknown-article");
        let too_many = domain::Quantity::units(1_000_000);
        assert_eq!(
            code(missions::parts::withdraw(&technician, &id, "VIS-M6", too_many, now).await),
            "insufficient-stock"
        );
        let details = missions::details(&env.state, &manager, &id, now).await.unwrap();
        let part = &details.parts[0];
        assert_eq!((part.code.as_str(), part.quantity_milli, part.cost_minor), ("VIS-M6", 10_000, 120), "{backend:?}");
        let reversal = domain::stock::commands::Reversal { operation, reason: "Mauvaise vis".into() };
        services::stock::movements::reverse(&manager, &reversal, now).await.unwrap();
        assert!(missions::details(&env.state, &manager, &id, now).await.unwrap().parts.is_empty(), "{backend:?}");

        assert_eq!(step(&env, &technician, &id, Action::Block, Some(" ")).await, Err("mission-reason-required".into()));
        env.clock.advance_ms(90 * 60_000);
        step(&env, &technician, &id, Action::Block, Some("Pièce manquante")).await.unwrap();
        step(&env, &technician, &id, Action::Resume, None).await.unwrap();
        assert_eq!(step(&env, &technician, &id, Action::Complete, None).await, Err("mission-report-required".into()));
        step(&env, &technician, &id, Action::Complete, Some("Joint remplacé, four testé")).await.unwrap();
        assert_eq!(
            step(&env, &manager, &id, Action::Cancel, Some("trop tard")).await,
            Err("mission-transition-invalid".into())
        );
        assert_eq!(
            step(&env, &accountant, &id, Action::Invoice, None).await,
            Err("mission-invoiced-by-issuing".into())
        );

        let details = missions::details(&env.state, &manager, &id, env.clock.now_ms()).await.unwrap();
        assert_eq!(details.state, MissionState::Done);
        let steps: Vec<_> = details.timeline.iter().map(|s| (s.from, s.to, s.actor.as_str())).collect();
        assert_eq!(
            steps,
            [
                (None, MissionState::New, "Camille Martin"),
                (Some(MissionState::New), MissionState::Published, "Camille Martin"),
                (Some(MissionState::Published), MissionState::Assigned, "Karim Haddad"),
                (Some(MissionState::Assigned), MissionState::InProgress, "Karim Haddad"),
                (Some(MissionState::InProgress), MissionState::Blocked, "Karim Haddad"),
                (Some(MissionState::Blocked), MissionState::InProgress, "Karim Haddad"),
                (Some(MissionState::InProgress), MissionState::Done, "Karim Haddad"),
            ],
            "{backend:?}"
        );
        assert_eq!(details.timeline[4].note.as_deref(), Some("Pièce manquante"));
        assert_eq!(details.timeline[4].at_local_ms - details.timeline[3].at_local_ms, 90 * 60_000);
        env.finish().await;
    }
}

#[tokio::test]
async fn a_mission_is_edited_until_it_is_done_and_only_by_its_company_managers() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let technician = env.scope("technician@demo.example", "demo").await;
        let acme = env.scope("admin@acme.example", "acme").await;
        let id = planned(&env, &manager, Some(&technician)).await;
        let now = env.clock.now_ms();
        let before = missions::details(&env.state, &manager, &id, now).await.unwrap();

        // The form of the mission as it stands saves it unchanged.
        let form = MissionForm::of(&before, ',');
        let unchanged = form.parse_changes(manager.zone).unwrap();
        missions::update(&manager, &id, &unchanged, now).await.unwrap();
        let after = missions::details(&env.state, &manager, &id, now).await.unwrap();
        assert_eq!(
            (&after.title, &after.address, after.priority, after.planned_local_ms, after.planned_minutes),
            (&before.title, &before.address, before.priority, before.planned_local_ms, before.planned_minutes),
            "{backend:?}"
        );

        let edit = MissionForm {
            title: "Remplacement du joint".into(),
            street: "3 rue Neuve".into(),
            postcode: "69002".into(),
            city: "Lyon".into(),
            priority: "high".into(),
            planned_date: "2026-11-12".into(),
            planned_time: "14:00".into(),
            planned_duration: "1:30".into(),
            hourly_rate: "55,50".into(),
            ..form
        };
        missions::update(&manager, &id, &edit.parse_changes(manager.zone).unwrap(), now).await.unwrap();
        let edited = missions::details(&env.state, &manager, &id, now).await.unwrap();
        assert_eq!((edited.title.as_str(), edited.address.street.as_str()), ("Remplacement du joint", "3 rue Neuve"));
        assert_eq!(
            (edited.priority, edited.planned_minutes, edited.hourly_rate_minor),
            (Priority::High, Some(90), Some(5550))
        );
        assert_eq!(domain::format::time(edited.planned_local_ms.unwrap()), "14:00", "{backend:?}");
        let search = MissionFilter { q: "joint".into(), ..MissionFilter::default() }.parse().unwrap();
        let found = missions::list(&env.state, &manager, &search).await.unwrap().lines;
        assert_eq!(found.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), [id.as_str()], "{backend:?}");
        let monday = domain::NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        let agenda = missions::planning::board(&env.state, &technician, monday, 0).await.unwrap();
        assert!(agenda.rows[0].days[3].iter().any(|m| m.id == id), "{backend:?}: moved to Thursday");

        // An emergency stays one, whatever a hand-made form asks.
        let urgent = emergency(&env, &manager).await;
        let form = MissionForm::of(&missions::details(&env.state, &manager, &urgent, now).await.unwrap(), ',');
        let demoted = MissionForm { priority: "low".into(), ..form }.parse_changes(manager.zone).unwrap();
        assert_eq!(code(missions::update(&manager, &urgent, &demoted, now).await), "invalid-priority");

        // A technician may not edit it; another company does not see it; once done it stays.
        assert_eq!(code(missions::update(&technician, &id, &unchanged, now).await), "forbidden");
        assert_eq!(code(missions::update(&acme, &id, &unchanged, now).await), "not-found");
        step(&env, &manager, &id, Action::Publish, None).await.unwrap();
        step(&env, &technician, &id, Action::Accept, None).await.unwrap();
        step(&env, &technician, &id, Action::Start, None).await.unwrap();
        missions::update(&manager, &id, &unchanged, now).await.unwrap();
        step(&env, &technician, &id, Action::Complete, Some("Joint remplacé")).await.unwrap();
        assert_eq!(code(missions::update(&manager, &id, &unchanged, now).await), "mission-closed");
        assert_eq!(missions::details(&env.state, &manager, &id, now).await.unwrap().title, "Entretien du four");
        env.finish().await;
    }
}

#[tokio::test]
async fn technicians_see_their_missions_and_the_open_ones_only() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let technician = env.scope("technician@demo.example", "demo").await;
        let other = env.scope("technician2@demo.example", "demo").await;
        let mine = planned(&env, &manager, Some(&technician)).await;
        let open = emergency(&env, &manager).await;
        let unpublished = planned(&env, &manager, None).await;

        let all = missions::list(&env.state, &manager, &MissionFilter::default().parse().unwrap()).await.unwrap();
        assert!(all.lines.len() >= 3 && !all.technicians.is_empty(), "{backend:?}");
        let listed = |l: domain::mission::views::MissionListing| l.lines.into_iter().map(|l| l.id).collect::<Vec<_>>();
        let theirs = listed(missions::list(&env.state, &other, &MissionQuery::default()).await.unwrap());
        assert!(theirs.contains(&open) && !theirs.contains(&mine) && !theirs.contains(&unpublished), "{backend:?}");
        let karim = listed(missions::list(&env.state, &technician, &MissionQuery::default()).await.unwrap());
        assert!(karim.contains(&mine) && karim.contains(&open) && !karim.contains(&unpublished));
        assert_eq!(code(missions::details(&env.state, &other, &mine, 0).await), "not-found");

        let lines = |l: domain::mission::views::MissionListing| l.lines;
        let filter = MissionFilter { state: "published".into(), ..MissionFilter::default() }.parse().unwrap();
        let published = lines(missions::list(&env.state, &manager, &filter).await.unwrap());
        assert!(published.iter().any(|l| l.id == open) && published.iter().all(|l| l.state == MissionState::Published));
        let filter = MissionFilter { technician: technician.user.id.clone(), ..MissionFilter::default() };
        let karims = lines(missions::list(&env.state, &manager, &filter.parse().unwrap()).await.unwrap());
        assert!(
            karims.iter().any(|l| l.id == mine)
                && karims.iter().all(|l| l.technicians.contains(&"Karim Haddad".to_owned()))
        );
        let filter = MissionFilter { q: "FOUR EN PANNE".into(), ..MissionFilter::default() }.parse().unwrap();
        assert_eq!(listed(missions::list(&env.state, &manager, &filter).await.unwrap()), [open]);

        // The week board: planned on Wednesday 11 November at 09:00, on Karim's line; Karim's
        // agenda is his line alone.
        let monday = domain::NaiveDate::from_ymd_opt(2026, 11, 9).unwrap();
        let board = missions::planning::board(&env.state, &manager, monday, 0).await.unwrap();
        let karims =
            board.rows.iter().find(|r| r.technician.as_ref().is_some_and(|t| t.name == "Karim Haddad")).unwrap();
        let item = karims.days[2].iter().find(|m| m.id == mine).expect("on Wednesday");
        assert_eq!(domain::format::time(item.at_local_ms), "09:00", "{backend:?}: in the company's time");
        assert!(board.rows.last().unwrap().technician.is_none(), "missions nobody is on yet come last");
        let agenda = missions::planning::board(&env.state, &technician, monday, 0).await.unwrap();
        assert_eq!(agenda.rows.len(), 1);
        assert!(agenda.rows[0].days[2].iter().any(|m| m.id == mine));
        env.finish().await;
    }
}

#[tokio::test]
async fn an_emergency_waits_at_the_top_until_one_technician_accepts_it() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let hugo = env.scope("technician2@demo.example", "demo").await;
        let id = emergency(&env, &manager).await;
        assert_eq!(state_of(&env, &manager, &id).await, MissionState::Published);
        env.clock.advance_ms(7 * 60_000);
        let waiting = missions::emergencies(&manager, env.clock.now_ms()).await.unwrap();
        let ours = waiting.iter().find(|e| e.id == id).unwrap();
        assert_eq!((ours.waiting_minutes, ours.caller.as_ref().unwrap().name.as_str()), (7, "M. Martin"));
        assert_eq!(code(missions::emergencies(&karim, 0).await), "forbidden");

        // Both accept at once: one wins, the other is told the mission moved on.
        let now = env.clock.now_ms();
        let (a, b) = tokio::join!(
            missions::transitions::apply(&karim, &id, Action::Accept, None, now),
            missions::transitions::apply(&hugo, &id, Action::Accept, None, now),
        );
        assert!(a.is_ok() != b.is_ok(), "{backend:?}: exactly one wins ({a:?}, {b:?})");
        let loser = if a.is_ok() { code(b) } else { code(a) };
        assert!(["mission-state-changed", "mission-transition-invalid"].contains(&loser.as_str()), "{loser}");
        let details = missions::details(&env.state, &manager, &id, now).await.unwrap();
        assert_eq!((details.state, details.technicians.len(), details.timeline.len()), (MissionState::Assigned, 1, 2));
        assert!(missions::emergencies(&manager, now).await.unwrap().iter().all(|e| e.id != id));
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_a_state_changed_by_hand() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let id = planned(&env, &manager, None).await;
        let pool = manager.db.pool();
        let run = |sql: &'static str| sqlx::query(sql).bind(id.clone()).execute(pool);
        for sql in [
            // skipping steps, or a valid step without its history row
            "UPDATE missions SET state = 'done' WHERE id = $1",
            "UPDATE missions SET state = 'published' WHERE id = $1",
            "INSERT INTO mission_history (mission_id, from_state, to_state, actor_id, at_ms) VALUES ($1, 'new', 'done', 'x', 1)",
            "INSERT INTO mission_history (mission_id, from_state, to_state, actor_id, at_ms) VALUES ($1, 'published', 'assigned', 'x', 1)",
            "INSERT INTO mission_history (mission_id, from_state, to_state, actor_id, at_ms) VALUES ($1, NULL, 'new', 'x', 1)",
            "DELETE FROM mission_history WHERE mission_id = $1",
            "UPDATE mission_history SET note = 'rewritten' WHERE mission_id = $1",
            "DELETE FROM missions WHERE id = $1",
            "UPDATE missions SET number = number + 1000 WHERE id = $1",
        ] {
            assert!(run(sql).await.is_err(), "{backend:?}: {sql}");
        }
        assert_eq!(state_of(&env, &manager, &id).await, MissionState::New);
        // A recorded step moves the mission; once cancelled it is kept as it is.
        run("INSERT INTO mission_history (mission_id, from_state, to_state, note, actor_id, at_ms) VALUES ($1, 'new', 'cancelled', 'test', 'x', 1)")
            .await
            .unwrap();
        assert_eq!(state_of(&env, &manager, &id).await, MissionState::Cancelled);
        assert!(run("UPDATE missions SET title = 'Autre' WHERE id = $1").await.is_err(), "{backend:?}");
        env.finish().await;
    }
}

fn entry(mission: &str, date: &str, start: &str, end: &str) -> TimeEntryForm {
    TimeEntryForm {
        mission: mission.into(),
        date: date.into(),
        start: start.into(),
        end: end.into(),
        ..TimeEntryForm::default()
    }
}

async fn record(env: &TestEnv, scope: &TenantScope, form: &TimeEntryForm) -> Result<String, String> {
    let today = scope.today(env.clock.now_ms()).unwrap();
    let parsed = form.parse(scope.zone, today).map_err(|e| e.0[0].code.clone())?;
    timesheets::record(scope, &parsed, env.clock.now_ms()).await.map_err(|e| code(Err::<(), _>(e)))
}

#[tokio::test]
async fn time_is_recorded_approved_and_then_locked_here_and_in_the_database() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let hugo = env.scope("technician2@demo.example", "demo").await;
        let id = planned(&env, &manager, Some(&karim)).await;
        assert_eq!(
            record(&env, &karim, &entry(&id, "2026-11-11", "08:00", "10:00")).await,
            Err("mission-not-open-for-time".into())
        );
        step(&env, &manager, &id, Action::Publish, None).await.unwrap();
        step(&env, &karim, &id, Action::Accept, None).await.unwrap();

        let first = record(&env, &karim, &entry(&id, "2026-11-11", "08:00", "12:00")).await.unwrap();
        let night = TimeEntryForm { next_day: "on".into(), ..entry(&id, "2026-11-11", "22:00", "01:30") };
        let second = record(&env, &karim, &night).await.unwrap();
        let by_duration = TimeEntryForm { duration: "1,5".into(), ..entry(&id, "2026-11-13", "", "") };
        record(&env, &karim, &by_duration).await.unwrap();
        assert_eq!(
            record(&env, &karim, &entry(&id, "2026-11-11", "11:00", "13:00")).await,
            Err("time-entry-overlaps".into())
        );
        assert_eq!(
            record(&env, &hugo, &entry(&id, "2026-11-11", "08:00", "09:00")).await,
            Err("unknown-mission".into())
        );
        assert_eq!(
            record(&env, &karim, &entry(&id, "2026-11-23", "08:00", "09:00")).await,
            Err("date-in-future".into())
        );

        let monday = domain::timesheet::monday_of(domain::NaiveDate::from_ymd_opt(2026, 11, 11).unwrap());
        let week = timesheets::my_week(&env.state, &karim, monday, env.clock.now_ms()).await.unwrap();
        assert_eq!(week.minutes, 240 + 210 + 90, "{backend:?}");
        assert_eq!(week.days[2].entries.len(), 2);

        timesheets::approve(&manager, &first, env.clock.now_ms()).await.unwrap();
        assert_eq!(code(timesheets::approve(&manager, &first, 1).await), "time-entry-not-waiting");
        let parsed = entry(&id, "2026-11-11", "07:00", "12:00").parse(karim.zone, week.today).unwrap();
        assert_eq!(code(timesheets::correct(&karim, &first, &parsed, 1).await), "time-entry-locked");
        assert_eq!(code(timesheets::delete(&karim, &first).await), "time-entry-locked");
        assert_eq!(code(timesheets::approve(&karim, &second, 1).await), "forbidden");

        timesheets::send_back(&manager, &second, "Pause oubliée ?", 2).await.unwrap();
        let team = timesheets::team_week(&env.state, &manager, monday, env.clock.now_ms()).await.unwrap();
        let line = team.technicians.iter().find(|t| t.id == karim.user.id).unwrap();
        assert_eq!((line.entries.len(), line.waiting), (3, 1));
        let returned = line.entries.iter().find(|e| e.id == second).unwrap();
        assert_eq!(
            (returned.status, returned.return_reason.as_deref()),
            (EntryStatus::Returned, Some("Pause oubliée ?"))
        );
        let fixed = TimeEntryForm { break_minutes: "30".into(), ..night }.parse(karim.zone, week.today).unwrap();
        timesheets::correct(&karim, &second, &fixed, 3).await.unwrap();
        assert_eq!(timesheets::approve_week(&manager, &karim.user.id, monday, 4).await.unwrap(), 2);

        // By hand: an approved entry is not changed, deleted nor replaced; spans never overlap.
        let pool = manager.db.pool();
        for sql in [
            "UPDATE time_entries SET minutes = 600 WHERE id = $1",
            "UPDATE time_entries SET status = 'recorded', approved_by = NULL, approved_at = NULL WHERE id = $1",
            "DELETE FROM time_entries WHERE id = $1",
            "UPDATE time_entries SET id = 'moved' WHERE id = $1",
        ] {
            assert!(sqlx::query(sql).bind(&first).execute(pool).await.is_err(), "{backend:?}: {sql}");
        }
        let overlap = sqlx::query(
            "INSERT INTO time_entries (id, mission_id, technician_id, work_date, started_at, ended_at, break_minutes, \
             minutes, status, created_at, updated_at) \
             SELECT 'raw', mission_id, technician_id, work_date, started_at + 60000, ended_at + 60000, 0, minutes, 'recorded', 1, 1 \
             FROM time_entries WHERE id = $1",
        )
        .bind(&first)
        .execute(pool)
        .await;
        assert!(overlap.is_err(), "{backend:?}: an overlapping span by hand");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_done_mission_is_invoiced_with_its_approved_time_and_parts_in_one_transaction() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let manager = env.scope("manager@demo.example", "demo").await;
        let karim = env.scope("technician@demo.example", "demo").await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let form = MissionForm {
            customer: customer(&manager, "garage des brotteaux").await,
            title: "Remplacement du circulateur".into(),
            site: site(&manager).await,
            priority: "high".into(),
            technician: karim.user.id.clone(),
            hourly_rate: "55".into(),
            ..MissionForm::default()
        };
        let id = missions::create(&env.state, &manager, &form.parse(manager.zone).unwrap(), 1).await.unwrap();
        step(&env, &manager, &id, Action::Publish, None).await.unwrap();
        step(&env, &karim, &id, Action::Accept, None).await.unwrap();
        step(&env, &karim, &id, Action::Start, None).await.unwrap();
        let first = record(&env, &karim, &entry(&id, "2026-11-02", "08:00", "10:30")).await.unwrap();
        missions::parts::withdraw(&karim, &id, "VIS-M6", domain::Quantity::units(10), 2).await.unwrap();
        let now = env.clock.now_ms();
        assert_eq!(code(missions::invoicing::draft(&env.state, &accountant, &id, now).await), "mission-not-done");
        step(&env, &karim, &id, Action::Complete, Some("Circulateur remplacé")).await.unwrap();

        // Time waiting for approval blocks the draft, listed.
        match missions::invoicing::draft(&env.state, &accountant, &id, now).await {
            Err(services::AppError::TimeUnapproved(list)) => assert_eq!(list[0].0, "Karim Haddad", "{backend:?}"),
            other => panic!("{backend:?}: {other:?}"),
        }
        timesheets::approve(&manager, &first, now).await.unwrap();
        assert_eq!(code(missions::invoicing::draft(&env.state, &manager, &id, now).await), "forbidden");
        let draft = missions::invoicing::draft(&env.state, &accountant, &id, now).await.unwrap();
        assert_eq!(code(missions::invoicing::draft(&env.state, &accountant, &id, now).await), "mission-has-invoice");
        let view = services::invoicing::drafts::view(&accountant, &draft).await.unwrap();
        let lines: Vec<_> = view.lines.iter().map(|l| (l.quantity.milli(), l.unit_price_minor)).collect();
        assert_eq!(lines, [(2_500, 55_00), (10_000, 25)], "{backend:?}: 2.5 h at 55, 10 screws at 0.25");

        // Time recorded after the draft: issuing refuses, and nothing is invoiced.
        let late = record(&env, &karim, &entry(&id, "2026-11-03", "08:00", "09:00")).await.unwrap();
        let issue = |scope: &TenantScope, draft: String| {
            let state = env.state.clone();
            let scope = scope.clone();
            async move {
                services::invoicing::issuing::issue(&state, &scope, &draft, support::at(12, 1), support::BASE).await
            }
        };
        assert_eq!(code(issue(&accountant, draft.clone()).await), "time-unapproved", "{backend:?}");
        timesheets::approve(&manager, &late, now).await.unwrap();
        assert_eq!(code(issue(&accountant, draft.clone()).await), "mission-time-changed", "{backend:?}");
        assert_eq!(state_of(&env, &manager, &id).await, MissionState::Done);
        let pool = manager.db.pool();
        let (status,): (String,) =
            sqlx::query_as("SELECT status FROM invoices WHERE id = $1").bind(&draft).fetch_one(pool).await.unwrap();
        assert_eq!(status, "draft", "{backend:?}: the failed issue left no trace");

        // Drafted again, it issues: time and mission invoiced together, the time locked for good.
        services::invoicing::drafts::delete(&accountant, &draft).await.unwrap();
        let draft = missions::invoicing::draft(&env.state, &accountant, &id, now).await.unwrap();
        issue(&accountant, draft.clone()).await.unwrap();
        let details = missions::details(&env.state, &manager, &id, now).await.unwrap();
        assert_eq!((details.state, details.invoice_id.as_deref()), (MissionState::Invoiced, Some(draft.as_str())));
        assert!(details.time.iter().all(|e| e.status == EntryStatus::Invoiced), "{backend:?}");
        assert_eq!(code(missions::invoicing::draft(&env.state, &accountant, &id, now).await), "mission-not-done");
        for sql in [
            "UPDATE time_entries SET minutes = 1, started_at = NULL, ended_at = NULL WHERE mission_id = $1",
            "UPDATE time_entries SET status = 'approved', invoice_id = NULL WHERE mission_id = $1",
            "DELETE FROM time_entries WHERE mission_id = $1",
        ] {
            assert!(sqlx::query(sql).bind(&id).execute(pool).await.is_err(), "{backend:?}: {sql}");
        }
        env.finish().await;
    }
}
