use domain::format::iso_day;
use domain::timesheet::views::{EntryLine, MyWeek};
use domain::timesheet::weeks_around;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::flash::take_flash;
use crate::api::time::{DeleteTime, RecordTime, my_time};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// A technician's time, made for a phone: the form first (today, their missions at work),
/// then their week, day by day, with what waits, what was sent back and why, and what is
/// approved. `?edit=ID` fills the form with an entry to correct.
#[component]
pub fn MyTimePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let week = Resource::new(move || query.read().get("week"), my_time);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("my-time-title"), i18n.t("app-name")) />
        <div class="phone">
            <p class="breadcrumb"><a href="/missions">{i18n.t("missions-title")}</a></p>
            <h1>{i18n.t("my-time-title")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
                {move || Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    let q = query.get_untracked();
                    match week.await {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(w) => {
                            let editing = q.get("edit").and_then(|id| w.days.iter().flat_map(|d| d.entries.iter()).find(|e| e.id == id && e.editable()).cloned());
                            view! {
                                <FormFeedback state=FormState::from_flash("time-list", flash.clone()) />
                                <EntryForm w=w.clone() editing mission=q.get("mission").unwrap_or_default() state=FormState::from_flash("time", flash) />
                                <Week w />
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The entry form: a date and either a start and an end or a duration, a break, a note.
#[component]
fn EntryForm(w: MyWeek, editing: Option<EntryLine>, mission: String, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let stored = |name: &str| -> String {
        let Some(e) = &editing else { return String::new() };
        match name {
            "mission" => e.mission_id.clone(),
            "date" => iso_day(e.date),
            "start" => e.start_local_ms.map(|ms| i18n.time(ms)).unwrap_or_default(),
            "end" => e.end_local_ms.map(|ms| i18n.time(ms)).unwrap_or_default(),
            "next_day" => match (e.start_local_ms, e.end_local_ms) {
                (Some(s), Some(t)) if t.div_euclid(86_400_000) > s.div_euclid(86_400_000) => "on".into(),
                _ => String::new(),
            },
            "duration" if e.start_local_ms.is_none() => i18n.duration(e.minutes),
            "break_minutes" if e.break_minutes > 0 => e.break_minutes.to_string(),
            "note" => e.note.clone().unwrap_or_default(),
            _ => String::new(),
        }
    };
    let shown = move |name: &str| state.typed(name).unwrap_or_else(|| stored(name));
    let field = move |name: &'static str, label: &'static str, kind: &'static str, max: usize| {
        view! { <TextField name id="time" label kind value=shown(name) maxlength=max error=state.field_error(name) /> }
    };
    let chosen = Some(shown("mission")).filter(|m| !m.is_empty()).unwrap_or(mission);
    let missions = w
        .missions
        .iter()
        .map(|m| view! { <option value=m.id.clone() selected=m.id == chosen>{m.label.clone()}</option> })
        .collect_view();
    let date = Some(shown("date")).filter(|d| !d.is_empty()).unwrap_or_else(|| iso_day(w.today));
    let next_day = shown("next_day") == "on";
    let title = if editing.is_some() { "time-correct-title" } else { "time-record-title" };
    if w.missions.is_empty() && editing.is_none() {
        return view! { <p class="empty panel" data-empty="">{i18n.t("time-no-mission")}</p> }.into_any();
    }
    view! {
        <section class="panel" aria-labelledby="time-form-title">
            <h2 id="time-form-title">{i18n.t(title)}</h2>
            <form method="post" action=RecordTime::PATH class="form time-form" novalidate>
                <FormFeedback state />
                {editing.as_ref().map(|e| view! { <input type="hidden" name="id" value=e.id.clone() /> })}
                <div class="field" class:field-invalid=move || state.field_error("mission").get().is_some()>
                    <label for="time-mission">{i18n.t("time-mission")}</label>
                    <select id="time-mission" name="mission">{missions}</select>
                    {move || state.field_error("mission").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <TextField name="date" id="time" label="time-date" kind="date" value=date error=state.field_error("date") />
                <div class="pair-fields">
                    {field("start", "time-start", "time", 5)}
                    {field("end", "time-end", "time", 5)}
                </div>
                <label class="check">
                    <input type="checkbox" name="next_day" value="on" checked=next_day />
                    {i18n.t("time-next-day")}
                </label>
                <p class="hint">{i18n.t("time-or-duration")}</p>
                {field("duration", "time-duration", "text", 6)}
                {field("break_minutes", "time-break", "number", 3)}
                <div class="field">
                    <label for="time-note">{i18n.t("time-note")}</label>
                    <textarea id="time-note" name="note" rows="2" maxlength="500">{shown("note")}</textarea>
                    {move || state.field_error("note").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <button type="submit" class="primary big">{i18n.t("time-save")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Week(w: MyWeek) -> impl IntoView {
    let i18n = use_i18n();
    let (previous, last_day, next) = weeks_around(w.monday);
    let (previous, next) = (iso_day(previous), iso_day(next));
    let days = w
        .days
        .into_iter()
        .map(|day| {
            let entries = day
                .entries
                .into_iter()
                .map(|e| view! { <EntryCard e /> })
                .collect_view();
            view! {
                <li class="day" class:today=day.date == w.today>
                    <h3>{i18n.day(day.date)} " " <span class="muted">{(day.minutes > 0).then(|| i18n.duration(day.minutes))}</span></h3>
                    <ul class="entries">{entries}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="week-title">
            <h2 id="week-title">{i18n.t_args("time-week-of", &[("from", i18n.day(w.monday)), ("to", i18n.day(last_day))])}</h2>
            <nav class="week-nav" aria-label=i18n.t("time-week-nav")>
                <a class="button" href=format!("/missions/time?week={previous}") rel="prev">{i18n.t("time-previous-week")}</a>
                <a class="button" href=format!("/missions/time?week={next}") rel="next">{i18n.t("time-next-week")}</a>
            </nav>
            <p class="week-total" data-week-total=w.minutes>{i18n.t_args("time-week-total", &[("total", i18n.duration(w.minutes))])}</p>
            <ol class="days">{days}</ol>
        </section>
    }
}

#[component]
fn EntryCard(e: EntryLine) -> impl IntoView {
    let i18n = use_i18n();
    let span = i18n.span(e.start_local_ms, e.end_local_ms);
    let week = iso_day(e.date);
    view! {
        <li class=format!("entry entry-{}", e.status.as_str()) data-entry=e.id.clone()>
            <p>
                <strong>{i18n.duration(e.minutes)}</strong> " " {span}
                {(e.break_minutes > 0).then(|| view! { " · " {i18n.t_count("time-break-minutes", i64::from(e.break_minutes))} })}
                " · " <span class="status">{i18n.t(e.status.label_key())}</span>
            </p>
            <p><a href=format!("/missions/{}", e.mission_id)>{e.mission_reference.clone()}</a> " " {e.mission_title.clone()}</p>
            {e.note.clone().map(|n| view! { <p class="muted">{n}</p> })}
            {e.return_reason.clone().map(|r| view! { <p class="notice notice-warning">{i18n.t_args("time-returned-because", &[("reason", r)])}</p> })}
            {e.editable().then(|| view! {
                <p class="entry-actions">
                    <a class="button" href=format!("/missions/time?week={week}&edit={}", e.id)>{i18n.t("time-correct")}</a>
                    <form method="post" action=DeleteTime::PATH class="inline-form">
                        <input type="hidden" name="entry" value=e.id.clone() />
                        <button type="submit" class="danger">{i18n.t("time-delete")}</button>
                    </form>
                </p>
            })}
        </li>
    }
}
