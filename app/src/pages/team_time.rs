use domain::format::iso_day;
use domain::timesheet::views::{EntryLine, TechnicianWeek};
use domain::timesheet::weeks_around;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::flash::{Flash, take_flash};
use crate::api::time::{ApproveTime, ApproveWeek, ReturnTime, team_time};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// Everyone's week, for the managers: each technician's entries, approved one by one or the
/// whole week at once, or sent back with a reason. Approved entries are locked.
#[component]
pub fn TeamTimePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let week = Resource::new(move || query.read().get("week"), team_time);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("team-time-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/missions">{i18n.t("missions-title")}</a></p>
        <h1>{i18n.t("team-time-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let w = match week.await {
                    Ok(w) => w,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let (previous, sunday, next) = weeks_around(w.monday);
                let monday = iso_day(w.monday);
                let people = w
                    .technicians
                    .into_iter()
                    .map(|t| view! { <Technician t monday=monday.clone() can_approve=w.can_approve flash=flash.clone() /> })
                    .collect_view();
                view! {
                    <h2>{i18n.t_args("time-week-of", &[("from", i18n.day(w.monday)), ("to", i18n.day(sunday))])}</h2>
                    <nav class="week-nav" aria-label=i18n.t("time-week-nav")>
                        <a class="button" href=format!("/missions/time/team?week={}", iso_day(previous)) rel="prev">{i18n.t("time-previous-week")}</a>
                        <a class="button" href=format!("/missions/time/team?week={}", iso_day(next)) rel="next">{i18n.t("time-next-week")}</a>
                    </nav>
                    <FormFeedback state=FormState::from_flash("team", flash.clone()) />
                    {people}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Technician(t: TechnicianWeek, monday: String, can_approve: bool, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("technician-{}", t.id);
    let labelled_by = heading.clone();
    let approve_all = (can_approve && t.waiting > 0).then(|| {
        view! {
            <form method="post" action=ApproveWeek::PATH class="inline-form">
                <input type="hidden" name="technician" value=t.id.clone() />
                <input type="hidden" name="week" value=monday.clone() />
                <button type="submit" class="primary" data-approve-week=t.name.clone()>
                    {i18n.t_count("time-approve-week", t.waiting as i64)}
                </button>
            </form>
        }
    });
    let rows = t
        .entries
        .into_iter()
        .map(|e| view! { <Row e monday=monday.clone() can_approve flash=flash.clone() /> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby=labelled_by data-technician=t.name.clone()>
            <h2 id=heading>{t.name.clone()} " · " {i18n.duration(t.minutes)}</h2>
            {approve_all}
            {if t.minutes == 0 {
                view! { <p class="empty">{i18n.t("time-week-empty")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{i18n.t("time-date")}</th>
                                <th scope="col">{i18n.t("time-mission")}</th>
                                <th scope="col">{i18n.t("time-span")}</th>
                                <th scope="col" class="number">{i18n.t("time-worked")}</th>
                                <th scope="col">{i18n.t("time-status")}</th>
                                <th scope="col">{i18n.t("time-decision")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Row(e: EntryLine, monday: String, can_approve: bool, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let span = i18n.span(e.start_local_ms, e.end_local_ms);
    let state = FormState::from_flash(&format!("return-{}", e.id), flash);
    let reason_id = format!("reason-{}", e.id);
    let decide = (can_approve && e.waits()).then(|| {
        view! {
            <form method="post" action=ApproveTime::PATH class="inline-form">
                <input type="hidden" name="entry" value=e.id.clone() />
                <input type="hidden" name="week" value=monday.clone() />
                <button type="submit" class="primary">{i18n.t("time-approve")}</button>
            </form>
            <form method="post" action=ReturnTime::PATH class="inline-form return-form">
                <FormFeedback state />
                <input type="hidden" name="entry" value=e.id.clone() />
                <input type="hidden" name="week" value=monday.clone() />
                <label for=reason_id.clone() class="visually-hidden">{i18n.t("time-return-reason")}</label>
                <input id=reason_id type="text" name="reason" maxlength="500" placeholder=i18n.t("time-return-reason") />
                <button type="submit">{i18n.t("time-return")}</button>
            </form>
        }
    });
    view! {
        <tr data-entry=e.id.clone()>
            <td>{i18n.day(e.date)}</td>
            <td><a href=format!("/missions/{}", e.mission_id)>{e.mission_reference.clone()}</a> " " {e.mission_title.clone()}</td>
            <td>{span} {e.note.clone().map(|n| view! { <br /> <span class="muted">{n}</span> })}</td>
            <td class="number">{i18n.duration(e.minutes)}</td>
            <td>
                {i18n.t(e.status.label_key())}
                {e.return_reason.clone().map(|r| view! { <br /> <span class="muted">{r}</span> })}
            </td>
            <td>{decide}</td>
        </tr>
    }
}
