use domain::governance::integrity::{Figure, IntegrityPage, Report, RuleOutcome, RunView, Violation};
use domain::governance::retention::PurgeStatus;
use domain::{Currency, Money};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::flash::take_flash;
use crate::api::governance::{StartIntegrityCheck, governance_integrity, integrity_run, integrity_run_url};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::{I18n, use_i18n};

/// The integrity check: what it recomputes, the button that runs it, and the latest runs (works
/// without JavaScript).
#[component]
pub fn GovernanceIntegrityPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| governance_integrity());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-integrity"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-integrity")}</h1>
        <p class="hint">{i18n.t("integrity-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("integrity", flash.await.ok().flatten());
                match page.await {
                    Ok(page) => view! { <Integrity page state /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Integrity(page: IntegrityPage, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let rules = domain::governance::integrity::Rule::ALL.map(|rule| view! { <li>{i18n.t(&rule.label_key())}</li> });
    view! {
        <FormFeedback state />
        <section class="panel" aria-labelledby="integrity-rules-title">
            <h2 id="integrity-rules-title">{i18n.t("integrity-what")}</h2>
            <ul>{rules.collect_view()}</ul>
            <p class="hint">{i18n.t("integrity-how")}</p>
            <form method="post" action=StartIntegrityCheck::PATH class="form">
                <button type="submit">{i18n.t("integrity-run")}</button>
            </form>
        </section>
        <section aria-labelledby="integrity-runs-title">
            <h2 id="integrity-runs-title">{i18n.t("integrity-runs")}</h2>
            {if page.runs.is_empty() {
                view! { <p class="muted">{i18n.t("integrity-no-runs")}</p> }.into_any()
            } else {
                view! { <Runs runs=page.runs /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Runs(runs: Vec<RunView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="data">
            <thead><tr>
                <th scope="col">{i18n.t("retention-started")}</th>
                <th scope="col">{i18n.t("retention-by")}</th>
                <th scope="col">{i18n.t("retention-status")}</th>
                <th scope="col" class="num">{i18n.t("integrity-violations")}</th>
            </tr></thead>
            <tbody>
                {runs.into_iter().map(|r| {
                    let by = if r.by.is_empty() { i18n.t("integrity-by-operator") } else { r.by.clone() };
                    view! {
                        <tr data-run=r.id.clone() data-status=r.status.as_str()>
                            <td><a href=integrity_run_url(&r.id)>{i18n.date_time(r.started_local_ms)}</a></td>
                            <td>{by}</td>
                            <td><RunBadge run=r.clone() /></td>
                            <td class="num">{(r.status == PurgeStatus::Done).then(|| i18n.integer(r.violations))}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A run's status: running, holds, violations found, or stopped.
#[component]
fn RunBadge(run: RunView) -> impl IntoView {
    let i18n = use_i18n();
    let (class, key) = match run.status {
        PurgeStatus::Running => ("badge", "retention-status-running"),
        PurgeStatus::Done if run.violations == 0 => ("badge badge-ok", "integrity-holds"),
        PurgeStatus::Done => ("badge badge-error", "integrity-violated"),
        PurgeStatus::Failed | PurgeStatus::Interrupted => ("badge badge-warning", "retention-status-failed"),
    };
    view! { <span class=class>{i18n.t(key)}</span> }
}

/// One run: its progress while it runs (the page refreshes itself, with or without
/// JavaScript), then its report rule by rule, or why it stopped.
#[component]
pub fn IntegrityRunPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let run = Resource::new(move || params.read().get("id").unwrap_or_default(), integrity_run);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("integrity-run-title"), i18n.t("app-name")) />
        <p class="breadcrumb">
            <a href="/governance">{i18n.t("nav-governance")}</a> " › "
            <a href="/governance/integrity">{i18n.t("governance-integrity")}</a>
        </p>
        <h1>{i18n.t("integrity-run-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("integrity", flash.await.ok().flatten());
                match run.await {
                    Ok(run) => view! { <FormFeedback state /> <Run run /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Run(run: RunView) -> impl IntoView {
    let i18n = use_i18n();
    let by = if run.by.is_empty() { i18n.t("integrity-by-operator") } else { run.by.clone() };
    let facts = view! {
        <dl class="facts">
            <dt>{i18n.t("retention-by")}</dt><dd>{by}</dd>
            <dt>{i18n.t("retention-started")}</dt><dd>{i18n.date_time(run.started_local_ms)}</dd>
            {run.finished_local_ms.map(|ms| view! { <dt>{i18n.t("retention-finished")}</dt><dd>{i18n.date_time(ms)}</dd> })}
        </dl>
    };
    let body = match (run.status, run.report.clone()) {
        (PurgeStatus::Running, _) => {
            let current = run.current.map(|r| i18n.t(&r.label_key())).unwrap_or_default();
            let args =
                [("done", i18n.integer(run.rules_done)), ("total", i18n.integer(run.rules_total())), ("rule", current)];
            view! {
                <Meta http_equiv="refresh" content="1" />
                <section class="panel" role="status" data-status="running">
                    <p>{i18n.t("integrity-running")}</p>
                    <progress max=run.rules_total() value=run.rules_done></progress>
                    <p class="muted">{i18n.t_args("integrity-progress", &args)}</p>
                </section>
            }
            .into_any()
        }
        (PurgeStatus::Done, Some(report)) => view! { <ReportView report /> }.into_any(),
        (_, _) => {
            let why = match &run.error {
                Some(code) => i18n.t(&format!("error-{code}")),
                None if run.status == PurgeStatus::Interrupted => i18n.t("error-integrity-interrupted"),
                None => i18n.t("error-internal"),
            };
            view! {
                <section class="panel panel-error" role="alert" data-status=run.status.as_str()>
                    <p><strong>{i18n.t("integrity-stopped")}</strong></p>
                    <p>{why}</p>
                </section>
            }
            .into_any()
        }
    };
    view! {
        {body}
        {facts}
        <p><a href="/governance/integrity">{i18n.t("integrity-back")}</a></p>
    }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let i18n = use_i18n();
    let n = report.violations();
    let summary = if report.holds() {
        view! {
            <section class="panel panel-ok" role="status" data-status="done" data-violations="0">
                <p><strong>{i18n.t("integrity-all-hold")}</strong></p>
            </section>
        }
        .into_any()
    } else {
        view! {
            <section class="panel panel-error" role="alert" data-status="done" data-violations=n.to_string()>
                <p><strong>{i18n.t_count("integrity-found", n)}</strong></p>
                <p>{i18n.t("integrity-what-next")}</p>
            </section>
        }
        .into_any()
    };
    let currency = report.currency;
    view! {
        {summary}
        <table class="data">
            <caption class="visually-hidden">{i18n.t("integrity-what")}</caption>
            <thead><tr>
                <th scope="col">{i18n.t("integrity-rule")}</th>
                <th scope="col" class="num">{i18n.t("integrity-checked")}</th>
                <th scope="col" class="num">{i18n.t("integrity-violations")}</th>
            </tr></thead>
            <tbody>
                {report.rules.iter().map(|o| view! {
                    <tr data-rule=o.rule.key() data-violations=o.violations.to_string()>
                        <td>{i18n.t(&o.rule.label_key())}</td>
                        <td class="num">{i18n.integer(o.checked)}</td>
                        <td class="num">
                            {if o.holds() {
                                view! { <span class="badge badge-ok">{i18n.t("integrity-holds")}</span> }.into_any()
                            } else {
                                view! { <span class="badge badge-error">{i18n.integer(o.violations)}</span> }.into_any()
                            }}
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {report.rules.into_iter().filter(|o| !o.holds()).map(|outcome| view! { <Findings outcome currency /> }).collect_view()}
    }
}

/// The violations of one rule, the first ones named.
#[component]
fn Findings(outcome: RuleOutcome, currency: Currency) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("findings-{}", outcome.rule.key());
    let labelled_by = id.clone();
    let more = outcome.violations - outcome.shown.len() as i64;
    view! {
        <section class="panel" aria-labelledby=labelled_by data-findings=outcome.rule.key()>
            <h2 id=id>{i18n.t(&outcome.rule.label_key())}</h2>
            <ul class="findings">
                {outcome.shown.iter().map(|v| view! {
                    <li data-finding=v.finding.clone()>{message(i18n, currency, v)}</li>
                }).collect_view()}
            </ul>
            {(more > 0).then(|| view! { <p class="muted">{i18n.t_count("integrity-more", more)}</p> })}
        </section>
    }
}

fn message(i18n: I18n, currency: Currency, v: &Violation) -> String {
    let args = [
        ("subject", figure(i18n, currency, &v.subject)),
        ("expected", figure(i18n, currency, &v.expected)),
        ("found", figure(i18n, currency, &v.found)),
    ];
    i18n.t_args(&v.message_key(), &args)
}

fn figure(i18n: I18n, currency: Currency, figure: &Figure) -> String {
    match figure {
        Figure::Quantity(milli) => i18n.quantity(*milli),
        Figure::Amount(minor) => i18n.money(Money::new(*minor, currency)),
        Figure::Count(n) => i18n.integer(*n),
        Figure::Text(text) => text.clone(),
        Figure::MissionState(state) => match domain::mission::state::MissionState::parse(state) {
            Ok(state) => i18n.t(state.label_key()),
            Err(_) => state.clone(),
        },
        Figure::TimeEntry { day, mission } => {
            let day = day.parse::<domain::NaiveDate>().map_or_else(|_| day.clone(), |d| i18n.day(d));
            match mission {
                Some(number) => i18n.t_args("integrity-time-entry", &[("day", day), ("mission", number.to_string())]),
                None => day,
            }
        }
        Figure::Fields(names) => {
            names.iter().map(|name| i18n.t(&format!("integrity-field-{name}"))).collect::<Vec<_>>().join(", ")
        }
        Figure::Missing => i18n.t("integrity-nothing"),
    }
}
