use domain::mission::state::{MissionState, Priority};
use domain::mission::views::{MissionFilter, MissionLine};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::flash::take_flash;
use crate::api::missions::missions_list;
use crate::components::app_layout::use_session;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The missions, newest first, 50 at a time (keyset on their number), filtered by text, state,
/// technician, customer and period through a GET form. A technician sees theirs and the open
/// ones, with the way to their time first.
#[component]
pub fn MissionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let filter = move || MissionFilter {
        q: param("q"),
        state: param("state"),
        technician: param("technician"),
        customer: param("customer"),
        from: param("from"),
        to: param("to"),
        after: param("after"),
    };
    let listing = Resource::new(filter, missions_list);
    let flash = Resource::new(|| (), |_| take_flash());
    let session = use_session();
    view! {
        <Title text=format!("{} · {}", i18n.t("missions-title"), i18n.t("app-name")) />
        <h1>{i18n.t("missions-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("missions", flash.await.ok().flatten());
                let role = session.await.ok().map(|s| s.role);
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let technician = role == Some(domain::Role::Technician);
                let actions = view! {
                    <p class="actions">
                        {data.can_create.then(|| view! {
                            <a class="button primary" href="/missions/new">{i18n.t("mission-new-title")}</a>
                            <a class="button danger" href="/missions/emergency">{i18n.t("emergency-new-title")}</a>
                            <a class="button" href="/missions/time/team">{i18n.t("team-time-title")}</a>
                        })}
                        {technician.then(|| view! {
                            <a class="button primary big" href="/missions/time">{i18n.t("my-time-title")}</a>
                        })}
                        <a class="button" href="/missions/planning">{i18n.t(if technician { "agenda-title" } else { "planning-title" })}</a>
                    </p>
                };
                let f = filter();
                let states = MissionState::ALL
                    .map(|s| view! { <option value=s.as_str() selected=f.state == s.as_str()>{i18n.t(s.label_key())}</option> })
                    .collect_view();
                let technicians = (!data.technicians.is_empty()).then(|| {
                    let options = data
                        .technicians
                        .iter()
                        .map(|t| view! { <option value=t.id.clone() selected=f.technician == t.id>{t.name.clone()}</option> })
                        .collect_view();
                    view! {
                        <span class="pair">
                            <label for="missions-technician">{i18n.t("mission-technician")}</label>
                            <select id="missions-technician" name="technician">
                                <option value="">{i18n.t("filter-all")}</option>
                                {options}
                            </select>
                        </span>
                    }
                });
                let search = view! {
                    <form method="get" action="/missions" class="filter" role="search">
                        <span class="pair">
                            <label for="missions-q">{i18n.t("missions-search")}</label>
                            <input id="missions-q" type="search" name="q" maxlength="100" value=f.q.clone() />
                        </span>
                        <span class="pair">
                            <label for="missions-state">{i18n.t("mission-state")}</label>
                            <select id="missions-state" name="state">
                                <option value="">{i18n.t("filter-all")}</option>
                                {states}
                            </select>
                        </span>
                        {technicians}
                        <span class="pair">
                            <label for="missions-from">{i18n.t("filter-from")}</label>
                            <input id="missions-from" type="date" name="from" value=f.from.clone() />
                        </span>
                        <span class="pair">
                            <label for="missions-to">{i18n.t("filter-to")}</label>
                            <input id="missions-to" type="date" name="to" value=f.to.clone() />
                        </span>
                        {(!f.customer.is_empty()).then(|| view! { <input type="hidden" name="customer" value=f.customer.clone() /> })}
                        <button type="submit">{i18n.t("filter-submit")}</button>
                    </form>
                };
                if data.lines.is_empty() {
                    let filtered = f != MissionFilter::default();
                    let empty = if filtered { "missions-none-found" } else { "missions-empty" };
                    return view! {
                        <FormFeedback state /> {actions} {search}
                        <p class="empty" data-empty="">{i18n.t(empty)}</p>
                    }
                    .into_any();
                }
                let next = data.next.map(|after| {
                    let mut q = query.get_untracked();
                    q.replace("after", after.to_string());
                    view! { <p><a href=format!("/missions{}", q.to_query_string()) rel="next">{i18n.t("missions-next-page")}</a></p> }
                });
                let rows = data.lines.into_iter().map(|m| view! { <Row m /> }).collect_view();
                view! {
                    <FormFeedback state />
                    {actions}
                    {search}
                    <div class="table-scroll">
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{i18n.t("mission-reference")}</th>
                                <th scope="col">{i18n.t("mission-title")}</th>
                                <th scope="col">{i18n.t("mission-customer")}</th>
                                <th scope="col">{i18n.t("mission-planned")}</th>
                                <th scope="col">{i18n.t("mission-state")}</th>
                                <th scope="col">{i18n.t("mission-technicians")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {next}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Row(m: MissionLine) -> impl IntoView {
    let i18n = use_i18n();
    let urgent = m.priority == Priority::Emergency;
    view! {
        <tr data-mission=m.reference.clone() class:urgent=urgent>
            <td class="code">{m.reference.clone()}</td>
            <td>
                {urgent.then(|| view! { <span class="badge badge-error">{i18n.t(Priority::Emergency.label_key())}</span> " " })}
                <a href=format!("/missions/{}", m.id)>{m.title.clone()}</a>
            </td>
            <td>{m.customer.clone()} <br /> <span class="muted">{m.city.clone()}</span></td>
            <td>{m.planned_local_ms.map(|ms| i18n.date_time(ms)).unwrap_or_default()}</td>
            <td><span class=format!("state state-{}", m.state.as_str())>{i18n.t(m.state.label_key())}</span></td>
            <td>{m.technicians.join(", ")}</td>
        </tr>
    }
}
