use domain::Severity;
use domain::events::{EventFilter, EventLine};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::events::events_list;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The business event log, newest first, 50 at a time (keyset on the event's id), filtered by
/// severity, kind and period through a GET form; each event links to its record.
#[component]
pub fn EventsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let filter = move || EventFilter {
        severity: param("severity"),
        kind: param("kind"),
        from: param("from"),
        to: param("to"),
        before: param("before"),
    };
    let listing = Resource::new(filter, events_list);
    view! {
        <Title text=format!("{} · {}", i18n.t("events-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/alerts">{i18n.t("notifications-title")}</a></p>
        <h1>{i18n.t("events-title")}</h1>
        <p class="hint">{i18n.t("events-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let f = filter();
                let severities = Severity::ALL
                    .map(|s| {
                        let value = s.as_str().to_lowercase();
                        let selected = f.severity.eq_ignore_ascii_case(&value);
                        view! { <option value=value selected=selected>{i18n.t(s.label_key())}</option> }
                    })
                    .collect_view();
                let kinds = data
                    .kinds
                    .iter()
                    .map(|k| view! { <option value=k.as_str() selected=f.kind == k.as_str()>{i18n.t(k.label_key())}</option> })
                    .collect_view();
                let search = view! {
                    <form method="get" action="/alerts/events" class="filter">
                        <span class="pair">
                            <label for="events-severity">{i18n.t("events-severity")}</label>
                            <select id="events-severity" name="severity">
                                <option value="">{i18n.t("filter-all")}</option>
                                {severities}
                            </select>
                        </span>
                        <span class="pair">
                            <label for="events-kind">{i18n.t("events-kind")}</label>
                            <select id="events-kind" name="kind">
                                <option value="">{i18n.t("events-all-kinds")}</option>
                                {kinds}
                            </select>
                        </span>
                        <span class="pair">
                            <label for="events-from">{i18n.t("filter-from")}</label>
                            <input id="events-from" type="date" name="from" value=f.from.clone() />
                        </span>
                        <span class="pair">
                            <label for="events-to">{i18n.t("filter-to")}</label>
                            <input id="events-to" type="date" name="to" value=f.to.clone() />
                        </span>
                        <button type="submit">{i18n.t("filter-submit")}</button>
                    </form>
                };
                if data.lines.is_empty() {
                    let filtered = f != EventFilter::default();
                    let empty = if filtered { "events-none-found" } else { "events-empty" };
                    return view! { {search} <p class="empty" data-empty="">{i18n.t(empty)}</p> }.into_any();
                }
                let older = data.next.map(|before| {
                    let mut q = query.get_untracked();
                    q.replace("before", before.to_string());
                    view! { <p><a href=format!("/alerts/events{}", q.to_query_string()) rel="next">{i18n.t("events-older")}</a></p> }
                });
                let rows = data.lines.into_iter().map(|e| view! { <Row e /> }).collect_view();
                view! {
                    {search}
                    <div class="table-scroll">
                        <table class="data">
                            <caption class="visually-hidden">{i18n.t("events-title")}</caption>
                            <thead><tr>
                                <th scope="col">{i18n.t("events-when")}</th>
                                <th scope="col">{i18n.t("events-severity")}</th>
                                <th scope="col">{i18n.t("events-kind")}</th>
                                <th scope="col">{i18n.t("events-subject")}</th>
                                <th scope="col">{i18n.t("events-who")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {older}
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Row(e: EventLine) -> impl IntoView {
    let i18n = use_i18n();
    let badge = crate::pages::alerts::severity_badge(e.severity);
    view! {
        <tr data-event=e.kind.as_str()>
            <td>{i18n.date_time(e.at_local_ms)}</td>
            <td><span class=badge>{i18n.t(e.severity.label_key())}</span></td>
            <td>{i18n.t(e.kind.label_key())}</td>
            <td><a href=e.href>{e.subject}</a></td>
            <td>{e.who}</td>
        </tr>
    }
}
