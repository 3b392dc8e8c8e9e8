use domain::Severity;
use domain::alerts::views::{AlertFilter, AlertLine};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::alerts::{AcknowledgeAlert, alerts_list};
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The badge class of a severity.
pub fn severity_badge(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "badge badge-muted",
        Severity::Warning => "badge badge-warning",
        Severity::Critical => "badge badge-error",
    }
}

/// The reader's notifications: the alerts addressed to their role, newest first, open ones by
/// default; each can be acknowledged once, for everyone it is addressed to. Looking at the
/// first page marks them read (the bell counts only what opens later).
#[component]
pub fn AlertsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let filter = move || AlertFilter { show: param("show"), before: param("before") };
    let listing = Resource::new(filter, alerts_list);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("notifications-title"), i18n.t("app-name")) />
        <h1>{i18n.t("notifications-title")}</h1>
        <p class="hint">{i18n.t("notifications-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let links = view! {
                    <p class="actions">
                        <a class="button" href="/alerts/events">{i18n.t("events-title")}</a>
                        {data.can_edit_rules.then(|| view! { <a class="button" href="/alerts/rules">{i18n.t("alert-rules-title")}</a> })}
                        {data.can_read_webhooks.then(|| view! { <a class="button" href="/alerts/webhooks">{i18n.t("webhooks-title")}</a> })}
                    </p>
                };
                let show = view! {
                    <form method="get" action="/alerts" class="filter">
                        <span class="pair">
                            <label for="alerts-show">{i18n.t("alerts-show")}</label>
                            <select id="alerts-show" name="show">
                                <option value="open" selected=data.open_only>{i18n.t("alerts-show-open")}</option>
                                <option value="all" selected=!data.open_only>{i18n.t("alerts-show-all")}</option>
                            </select>
                        </span>
                        <button type="submit">{i18n.t("filter-submit")}</button>
                    </form>
                };
                let feedback = view! { <FormFeedback state=FormState::from_flash("alerts", flash) /> };
                if data.lines.is_empty() {
                    let empty = if data.open_only { "alerts-none-open" } else { "alerts-none" };
                    return view! { {links} {show} {feedback} <p class="empty" data-empty="">{i18n.t(empty)}</p> }.into_any();
                }
                let older = data.next.map(|before| {
                    let mut q = query.get_untracked();
                    q.replace("before", before.to_string());
                    view! { <p><a href=format!("/alerts{}", q.to_query_string()) rel="next">{i18n.t("alerts-older")}</a></p> }
                });
                let rows = data.lines.into_iter().map(|a| view! { <Row a /> }).collect_view();
                view! {
                    {links}
                    {show}
                    {feedback}
                    <div class="table-scroll">
                        <table class="data">
                            <caption class="visually-hidden">{i18n.t("notifications-title")}</caption>
                            <thead><tr>
                                <th scope="col">{i18n.t("alerts-opened")}</th>
                                <th scope="col">{i18n.t("events-severity")}</th>
                                <th scope="col">{i18n.t("alerts-rule")}</th>
                                <th scope="col">{i18n.t("events-subject")}</th>
                                <th scope="col">{i18n.t("alerts-state")}</th>
                                <th scope="col">{i18n.t("alerts-acknowledgement")}</th>
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
fn Row(a: AlertLine) -> impl IntoView {
    let i18n = use_i18n();
    let state = match a.closed_at_local_ms {
        Some(at) => i18n.t_args("alerts-closed-at", &[("when", i18n.date_time(at))]),
        None => i18n.t("alerts-open"),
    };
    let acknowledgement = match a.acknowledged {
        Some(stamp) => view! {
            <span data-acknowledged="">
                {i18n.t_args("alerts-acknowledged-by", &[("who", stamp.who), ("when", i18n.date_time(stamp.at_local_ms))])}
            </span>
        }
        .into_any(),
        None => view! {
            <form method="post" action=AcknowledgeAlert::PATH class="inline-form">
                <input type="hidden" name="alert" value=a.id.to_string() />
                <button type="submit">{i18n.t("alerts-acknowledge")}</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <tr data-alert=a.rule.as_str() data-unread=a.unread.then_some("")>
            <td>
                {i18n.date_time(a.opened_at_local_ms)}
                {a.unread.then(|| view! { " " <span class="badge">{i18n.t("alerts-new")}</span> })}
            </td>
            <td><span class=severity_badge(a.severity)>{i18n.t(a.severity.label_key())}</span></td>
            <td>{i18n.t(a.rule.label_key())}</td>
            <td><a href=a.href>{a.subject}</a></td>
            <td>{state}</td>
            <td>{acknowledgement}</td>
        </tr>
    }
}
