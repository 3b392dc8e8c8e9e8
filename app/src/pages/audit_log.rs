use domain::AuditKind;
use domain::audit::AuditEntry;
use domain::audit::chain::ChainCheck;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::audit::{audit_chain, audit_events};
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The company's security events, newest first, with filters in the address (a GET form, so
/// a filtered view can be bookmarked and works without JavaScript).
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let events = Resource::new(
        move || (param("kind"), param("who"), param("from"), param("to"), param("before")),
        |(kind, who, from, to, before)| audit_events(kind, who, from, to, before.and_then(|b| b.parse().ok())),
    );
    view! {
        <Title text=format!("{} · {}", i18n.t("audit-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/settings">{i18n.t("nav-settings")}</a></p>
        <h1>{i18n.t("audit-title")}</h1>
        <ChainPanel asked=param("verify").is_some() />
        <form method="get" action="/settings/audit" class="filter audit-filter">
            <span class="pair"><label for="audit-kind">{i18n.t("audit-kind")}</label>
            <select id="audit-kind" name="kind">
                <option value="">{i18n.t("audit-kind-all")}</option>
                {AuditKind::ALL
                    .iter()
                    .map(|k| {
                        let selected = param("kind").as_deref() == Some(k.as_str());
                        view! { <option value=k.as_str() selected=selected>{i18n.t(k.label_key())}</option> }
                    })
                    .collect_view()}
            </select></span>
            <span class="pair"><label for="audit-who">{i18n.t("audit-who")}</label>
            <input id="audit-who" type="search" name="who" maxlength="100" value=param("who") /></span>
            <span class="pair"><label for="audit-from">{i18n.t("audit-from")}</label>
            <input id="audit-from" type="date" name="from" value=param("from") /></span>
            <span class="pair"><label for="audit-to">{i18n.t("audit-to")}</label>
            <input id="audit-to" type="date" name="to" value=param("to") /></span>
            <button type="submit">{i18n.t("audit-filter")}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(page) if page.entries.is_empty() => {
                        view! { <p class="panel panel-muted" data-empty="">{i18n.t("audit-empty")}</p> }.into_any()
                    }
                    Ok(page) => {
                        let older = page.older.map(|before| {
                            let mut q = query.get_untracked();
                            q.replace("before", before.to_string());
                            view! { <p><a href=format!("/settings/audit{}", q.to_query_string()) rel="next">{i18n.t("audit-older")}</a></p> }
                        });
                        view! { <AuditTable entries=page.entries /> {older} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The chain's check (asked for: it reads every event) and the exports an auditor checks offline.
#[component]
fn ChainPanel(asked: bool) -> impl IntoView {
    let i18n = use_i18n();
    let check = asked.then(|| Resource::new(|| (), |()| audit_chain()));
    let result = check.map(|check| {
        view! {
            <Suspense fallback=move || view! { <p class="loading">{i18n.t("audit-chain-checking")}</p> }>
                {move || Suspend::new(async move {
                    match check.await {
                        Err(error) => view! { <ErrorPanel error /> }.into_any(),
                        Ok(chain) => view! { <ChainResult chain /> }.into_any(),
                    }
                })}
            </Suspense>
        }
    });
    view! {
        <section class="panel audit-chain" aria-labelledby="audit-chain-title">
            <h2 id="audit-chain-title">{i18n.t("audit-chain-title")}</h2>
            <p class="muted">{i18n.t("audit-chain-hint")}</p>
            {result}
            <form method="get" action="/settings/audit" class="actions">
                <input type="hidden" name="verify" value="1" />
                <button type="submit">{i18n.t("audit-chain-check")}</button>
                <a href="/settings/audit/export.csv" download="">{i18n.t("audit-export-csv")}</a>
                <a href="/settings/audit/export.jsonl" download="">{i18n.t("audit-export-jsonl")}</a>
            </form>
        </section>
    }
}

#[component]
fn ChainResult(chain: ChainCheck) -> impl IntoView {
    let i18n = use_i18n();
    let entries = chain.entries.to_string();
    match chain.broken {
        None => view! {
            <p class="notice notice-ok" data-chain="intact" role="status">
                {i18n.t_args("audit-chain-intact", &[("entries", entries)])}
                <br /><span class="muted">{i18n.t("audit-chain-head")} " " <code class="hash">{chain.head}</code></span>
            </p>
        }
        .into_any(),
        Some(broken) => {
            let seq = broken.seq.to_string();
            let what = i18n.t(&format!("audit-chain-break-{}", broken.code));
            let event = broken.kind.map(|kind| {
                let kind = AuditKind::parse(&kind).map_or(kind, |k| i18n.t(k.label_key()));
                let when = broken.at_local_ms.map(|ms| i18n.date_time(ms)).unwrap_or_default();
                view! { <br /><span>{i18n.t_args("audit-chain-break-event", &[("kind", kind), ("when", when)])}</span> }
            });
            view! {
                <p class="notice notice-error" data-chain="broken" data-break-seq=broken.seq role="alert">
                    <strong>{i18n.t_args("audit-chain-broken", &[("seq", seq)])}</strong> " " {what}
                    {event}
                    <br /><span class="muted">{i18n.t_args("audit-chain-held", &[("entries", entries)])}</span>
                </p>
            }
            .into_any()
        }
    }
}

/// Details are stored as codes where they can be (`password+totp`, `locked`…) and shown in the
/// reader's language; anything else (a permission name, counts) as recorded.
fn detail(i18n: &crate::i18n::I18n, raw: String) -> String {
    i18n.try_t(&format!("audit-detail-{}", raw.replace('+', "-"))).unwrap_or(raw)
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let dash = || "—".to_owned();
    view! {
        <table class="data audit">
            <thead>
                <tr>
                    <th scope="col">{i18n.t("audit-when")}</th>
                    <th scope="col">{i18n.t("audit-kind")}</th>
                    <th scope="col">{i18n.t("audit-actor")}</th>
                    <th scope="col">{i18n.t("audit-subject")}</th>
                    <th scope="col">{i18n.t("audit-detail")}</th>
                    <th scope="col">{i18n.t("audit-origin")}</th>
                </tr>
            </thead>
            <tbody>
                {entries
                    .into_iter()
                    .map(|e| view! {
                        <tr data-kind=e.kind.as_str()>
                            <td>{i18n.date_time(e.at_local_ms)}</td>
                            <td>{i18n.t(e.kind.label_key())}</td>
                            <td>{e.actor.unwrap_or_else(dash)}</td>
                            <td>{e.subject.unwrap_or_else(dash)}</td>
                            <td>{e.detail.map(|d| detail(&i18n, d)).unwrap_or_else(dash)}</td>
                            <td>
                                {e.client_ip.unwrap_or_else(dash)} <br />
                                <span class="muted">{e.device.unwrap_or_default()}</span>
                                {e.request_id.map(|id| {
                                    let short: String = id.chars().take(8).collect();
                                    view! { <br /><code class="muted" title=format!("{}: {id}", i18n.t("audit-request-id"))>{short}</code> }
                                })}
                            </td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
