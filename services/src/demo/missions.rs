//! The demo company's missions, in every state but invoiced, with a waiting emergency and a
//! week of its technicians' time (some approved, some waiting, one sent back), all made
//! through the services as the manager and the technicians would.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use domain::Email;
use domain::customer::views::CustomerQuery;
use domain::mission::commands::{EmergencyForm, MissionForm};
use domain::mission::state::Action;
use domain::timesheet::TimeEntryForm;

use crate::invoicing::customers;
use crate::missions::{self, transitions};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, control, sites, timesheets};

struct People {
    manager: TenantScope,
    karim: TenantScope,
    hugo: TenantScope,
}

/// A planned mission: (customer, title, days from today, hour, hours).
type Planned = (&'static str, &'static str, u64, &'static str, &'static str);

pub async fn seed(state: &AppState, admin: &TenantScope) -> AppResult<()> {
    let people = People {
        manager: as_member(state, admin, "manager@demo.example").await?,
        karim: as_member(state, admin, "technician@demo.example").await?,
        hugo: as_member(state, admin, "technician2@demo.example").await?,
    };
    let now = state.clock.now_ms();
    let today = admin.today(now)?;
    let (karim, hugo) = (people.karim.user.id.as_str(), people.hugo.user.id.as_str());
    create(state, &people, today, ("Hôtel du Parc", "Devis climatisation des chambres", 3, "10:00", "1,5"), None)
        .await?;
    let published =
        create(state, &people, today, ("Renée Dupont", "Remplacement de la robinetterie", 1, "14:00", "2"), Some(hugo))
            .await?;
    let assigned = create(
        state,
        &people,
        today,
        ("Garage des Brotteaux", "Entretien annuel de la chaudière", 1, "08:30", "3"),
        Some(karim),
    )
    .await?;
    let started =
        create(state, &people, today, ("Boulangerie Martin", "Dépannage du four à sole", 0, "07:30", "4"), Some(karim))
            .await?;
    let blocked =
        create(state, &people, today, ("Hôtel du Parc", "Installation de la VMC", 0, "09:00", "6"), Some(hugo)).await?;
    let done = create(
        state,
        &people,
        today,
        ("Garage des Brotteaux", "Mise en service de la pompe de relevage", 0, "13:00", "2"),
        Some(karim),
    )
    .await?;
    let cancelled =
        create(state, &people, today, ("Renée Dupont", "Visite de contrôle", 2, "11:00", "1"), None).await?;

    let m = &people.manager;
    for id in [&published, &assigned, &started, &blocked, &done, &cancelled] {
        step(m, id, Action::Publish, None, now).await?;
    }
    step(m, &cancelled, Action::Cancel, Some("La cliente a reporté sa visite à l’an prochain."), now).await?;
    for (who, id) in
        [(&people.karim, &assigned), (&people.karim, &started), (&people.hugo, &blocked), (&people.karim, &done)]
    {
        step(who, id, Action::Accept, None, now).await?;
    }
    for (who, id) in [(&people.karim, &started), (&people.hugo, &blocked), (&people.karim, &done)] {
        step(who, id, Action::Start, None, now).await?;
    }
    step(&people.hugo, &blocked, Action::Block, Some("Caisson de ventilation en commande chez le fournisseur."), now)
        .await?;
    step(&people.karim, &done, Action::Complete, Some("Pompe posée, raccordée et testée ; flotteur réglé."), now)
        .await?;

    // The last five working days, today included when it is one.
    let days: Vec<NaiveDate> = (0..9)
        .filter_map(|back| today.checked_sub_days(Days::new(back)))
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(5)
        .collect();
    let mut recorded = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let mission = if i % 2 == 0 { &done } else { &started };
        recorded.push((*day, time(&people.karim, mission, *day, "08:00", "12:00", "30", today, now).await?));
        recorded.push((*day, time(&people.hugo, &blocked, *day, "13:30", "17:30", "", today, now).await?));
    }
    // The manager has approved all but the last two days, and sent one of Hugo's back.
    let recent = days.get(1).copied().unwrap_or(today);
    for (day, id) in &recorded {
        if *day < recent {
            timesheets::approve(m, id, now).await?;
        }
    }
    if let Some((_, id)) = recorded.iter().rev().find(|(day, _)| *day >= recent) {
        timesheets::send_back(m, id, "Pause de midi oubliée ?", now).await?;
    }
    emergency(state, &people, now).await
}

async fn as_member(state: &AppState, admin: &TenantScope, email: &str) -> AppResult<TenantScope> {
    let email = Email::parse(email).map_err(|e| AppError::Internal(e.into()))?;
    let user =
        control::find_user_by_email(state, &email).await?.ok_or_else(|| AppError::Internal("no demo user".into()))?;
    TenantScope::resolve(state, &user.id, &admin.tenant.code).await
}

async fn customer(scope: &TenantScope, name: &str) -> AppResult<String> {
    let query = CustomerQuery::parse(Some(name), None).map_err(AppError::Validation)?;
    let listing = customers::list(scope, &query).await?;
    Ok(listing.lines.first().ok_or_else(|| AppError::Internal(format!("no demo customer {name}")))?.id.clone())
}

async fn create(
    state: &AppState,
    people: &People,
    today: NaiveDate,
    p: Planned,
    technician: Option<&str>,
) -> AppResult<String> {
    let (name, title, days, time, hours) = p;
    let m = &people.manager;
    let form = MissionForm {
        customer: customer(m, name).await?,
        title: title.into(),
        site: sites::list(m).await?.first().map(|s| s.id.clone()).unwrap_or_default(),
        priority: "normal".into(),
        planned_date: domain::format::iso_day(today.checked_add_days(Days::new(days)).unwrap_or(today)),
        planned_time: time.into(),
        planned_duration: hours.into(),
        technician: technician.unwrap_or_default().into(),
        ..MissionForm::default()
    };
    let mission = form.parse(m.zone).map_err(AppError::Validation)?;
    missions::create(state, m, &mission, state.clock.now_ms()).await
}

async fn step(scope: &TenantScope, id: &str, action: Action, note: Option<&str>, now: i64) -> AppResult<()> {
    transitions::apply(scope, id, action, note, now).await
}

#[allow(clippy::too_many_arguments)]
async fn time(
    scope: &TenantScope,
    mission: &str,
    day: NaiveDate,
    start: &str,
    end: &str,
    pause: &str,
    today: NaiveDate,
    now: i64,
) -> AppResult<String> {
    let form = TimeEntryForm {
        mission: mission.into(),
        date: domain::format::iso_day(day),
        start: start.into(),
        end: end.into(),
        break_minutes: pause.into(),
        ..TimeEntryForm::default()
    };
    let entry = form.parse(scope.zone, today).map_err(AppError::Validation)?;
    timesheets::record(scope, &entry, now).await
}

/// A customer's call, waiting for a technician.
async fn emergency(state: &AppState, people: &People, now: i64) -> AppResult<()> {
    let m = &people.manager;
    let form = EmergencyForm {
        customer: customer(m, "Boulangerie Martin").await?,
        caller_name: "Paul Martin".into(),
        caller_phone: "04 78 12 34 56".into(),
        title: "Fuite d’eau sous le pétrin".into(),
        description: "L’eau coule depuis ce matin ; le robinet d’arrêt ne ferme plus.".into(),
        site: sites::list(m).await?.first().map(|s| s.id.clone()).unwrap_or_default(),
        ..EmergencyForm::default()
    };
    let mission = form.parse().map_err(AppError::Validation)?;
    missions::create(state, m, &mission, now).await.map(|_| ())
}
