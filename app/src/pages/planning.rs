use domain::format::iso_day;
use domain::mission::state::Priority;
use domain::mission::views::{Board, PlannedItem};
use domain::timesheet::weeks_around;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::missions::planning_board;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The week board, technicians × days, drawn on the server: a table that reads with the
/// keyboard and a screen reader, and prints on one landscape page. A technician sees their
/// own agenda.
#[component]
pub fn PlanningPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let board = Resource::new(move || query.read().get("week"), planning_board);
    view! {
        <Title text=format!("{} · {}", i18n.t("planning-title"), i18n.t("app-name")) />
        <p class="breadcrumb no-print"><a href="/missions">{i18n.t("missions-title")}</a></p>
        <h1>{i18n.t("planning-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => view! { <Week b /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Week(b: Board) -> impl IntoView {
    let i18n = use_i18n();
    let (previous, sunday, next) = weeks_around(b.monday);
    let heads =
        b.days.iter().map(|d| view! { <th scope="col" class:today=*d == b.today>{i18n.day(*d)}</th> }).collect_view();
    let empty = b.rows.iter().all(|r| r.days.iter().all(Vec::is_empty));
    let rows = b
        .rows
        .into_iter()
        .map(|row| {
            let name = row.technician.as_ref().map(|t| t.name.clone()).unwrap_or_else(|| i18n.t("planning-nobody"));
            let cells = row
                .days
                .into_iter()
                .enumerate()
                .map(|(i, items)| {
                    let today = b.days.get(i) == Some(&b.today);
                    let items = items.into_iter().map(|m| view! { <Item m /> }).collect_view();
                    view! { <td class:today=today><ul class="board-items">{items}</ul></td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <h2>{i18n.t_args("time-week-of", &[("from", i18n.day(b.monday)), ("to", i18n.day(sunday))])}</h2>
        <nav class="week-nav no-print" aria-label=i18n.t("time-week-nav")>
            <a class="button" href=format!("/missions/planning?week={}", iso_day(previous)) rel="prev">{i18n.t("time-previous-week")}</a>
            <a class="button" href=format!("/missions/planning?week={}", iso_day(next)) rel="next">{i18n.t("time-next-week")}</a>
        </nav>
        {empty.then(|| view! { <p class="empty" data-empty="">{i18n.t("planning-empty")}</p> })}
        <div class="table-scroll">
            <table class="data board">
                <caption class="visually-hidden">{i18n.t("planning-caption")}</caption>
                <thead><tr><th scope="col">{i18n.t("mission-technician")}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn Item(m: PlannedItem) -> impl IntoView {
    let i18n = use_i18n();
    let urgent = m.priority == Priority::Emergency;
    view! {
        <li class=format!("board-item state-{}", m.state.as_str()) class:urgent=urgent>
            <a href=format!("/missions/{}", m.id)>
                <strong>{i18n.time(m.at_local_ms)}</strong> " " {m.title.clone()}
            </a>
            <br />
            <span class="muted">{m.customer.clone()} " · " {m.city.clone()}</span>
            <br />
            <span class="muted">{m.reference.clone()} " · " {i18n.t(m.state.label_key())}
                {m.minutes.map(|d| format!(" · {}", i18n.duration(d)))}</span>
        </li>
    }
}
