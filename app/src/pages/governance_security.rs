use domain::governance::thresholds::{SecurityStatus, Threshold, Unit, show};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::{Flash, take_flash};
use crate::api::governance::{SaveSecurityThresholds, governance_security};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The thresholds shown together, by what they govern.
const GROUPS: [(&str, &[Threshold]); 4] = [
    ("thresholds-sign-in", &[Threshold::MaxSignInAttempts, Threshold::LockoutMinutes]),
    ("thresholds-limits", &[Threshold::MaxAdminActions, Threshold::MaxStockMovements, Threshold::MaxBulkOperations]),
    ("thresholds-stock", &[Threshold::UnusualHoursStart, Threshold::UnusualHoursEnd, Threshold::ValueChangePercent]),
    ("thresholds-warnings", &[Threshold::FailedSignInsAlert, Threshold::SecurityEventsAlert]),
];

/// The company's security status (what happened lately, against the thresholds that make it a
/// warning) and its thresholds, which admins change (the form works without JavaScript).
#[component]
pub fn GovernanceSecurityPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = Resource::new(|| (), |_| governance_security());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-security"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-security")}</h1>
        <p class="hint">{i18n.t("governance-security-hint")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match status.await {
                    Ok(status) => view! {
                        <StatusCards status=status.clone() />
                        <Thresholds status flash />
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatusCards(status: SecurityStatus) -> impl IntoView {
    let i18n = use_i18n();
    let mode = status.modes.company.mode;
    let warn = |on: bool| if on { "panel panel-warning" } else { "panel" };
    let failed_alert = status.failed_sign_ins_alert();
    let events_alert = status.security_events_alert();
    let count = |n: i64| i18n.integer(n);
    let of_threshold = |t: Threshold| i18n.t_args("security-warn-from", &[("count", count(status.thresholds.get(t)))]);
    view! {
        <section class="security-status" aria-labelledby="security-status-title">
            <h2 id="security-status-title">{i18n.t("security-status")}</h2>
            <div class="status-cards">
                <section class="panel" data-status="mode" data-mode=mode.as_str()>
                    <h3>{i18n.t("security-current-mode")}</h3>
                    <p class="figure-value">{i18n.t(mode.label_key())}</p>
                    {status.modes.company.reason.clone().map(|r| view! { <p><q>{r}</q></p> })}
                    <p><a href="/governance/mode">{i18n.t("governance-mode")}</a></p>
                </section>
                <section class="panel" data-status="locked">
                    <h3>{i18n.t("security-locked-accounts")}</h3>
                    <p class="figure-value">{count(status.locked_accounts)}</p>
                    <p><a href="/settings/members">{i18n.t("security-see-members")}</a></p>
                </section>
                <section class=warn(failed_alert) data-status="failed-sign-ins" data-alert=failed_alert.to_string()>
                    <h3>{i18n.t("security-failed-sign-ins")}</h3>
                    <p class="figure-value">{count(status.failed_sign_ins)}</p>
                    <p class="hint">{of_threshold(Threshold::FailedSignInsAlert)}</p>
                    {failed_alert.then(|| view! { <p role="alert">{i18n.t("security-over-threshold")}</p> })}
                    <p><a href="/settings/audit?kind=login-failed">{i18n.t("security-see-audit")}</a></p>
                </section>
                <section class=warn(events_alert) data-status="security-events" data-alert=events_alert.to_string()>
                    <h3>{i18n.t("security-events-day")}</h3>
                    <p class="figure-value">{count(status.security_events())}</p>
                    <p class="hint">
                        {i18n.t_args("security-events-breakdown", &[
                            ("anomalies", count(status.anomalies)),
                            ("refusals", count(status.refusals)),
                            ("lockouts", count(status.lockouts)),
                        ])}
                    </p>
                    <p class="hint">{of_threshold(Threshold::SecurityEventsAlert)}</p>
                    {events_alert.then(|| view! { <p role="alert">{i18n.t("security-over-threshold")}</p> })}
                    <p><a href="/stock/anomalies">{i18n.t("security-see-anomalies")}</a></p>
                    <p><a href="/settings/audit?kind=permission-refused">{i18n.t("security-see-refusals")}</a></p>
                </section>
            </div>
        </section>
    }
}

#[component]
fn Thresholds(status: SecurityStatus, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("thresholds", flash);
    let groups = GROUPS.map(|(title, thresholds)| {
        let fields = thresholds
            .iter()
            .map(|t| {
                let t = *t;
                let value = state.typed(t.key()).unwrap_or_else(|| show(t, status.thresholds.get(t)));
                view! { <ThresholdField threshold=t value error=state.field_error(t.key()) editable=status.can_edit /> }
            })
            .collect_view();
        view! {
            <fieldset class="thresholds">
                <legend>{i18n.t(title)}</legend>
                {fields}
            </fieldset>
        }
    });
    let body = view! { <FormFeedback state /> {groups.collect_view()} };
    view! {
        <section class="panel" aria-labelledby="thresholds-title">
            <h2 id="thresholds-title">{i18n.t("thresholds-title")}</h2>
            {if status.can_edit {
                view! {
                    <form method="post" action=SaveSecurityThresholds::PATH class="form" novalidate>
                        {body}
                        <button type="submit" class="primary">{i18n.t("thresholds-save")}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <div class="form">{body}</div> <p class="hint">{i18n.t("thresholds-read-only")}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn ThresholdField(threshold: Threshold, value: String, error: Signal<Option<String>>, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    let key = threshold.key();
    let id = format!("threshold-{key}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let (start, end) = (*threshold.range().start(), *threshold.range().end());
    let bound = |value: i64| match threshold.unit() {
        Unit::TimeOfDay => show(threshold, value),
        _ => i18n.integer(value),
    };
    let range = i18n.t_args("thresholds-range", &[("from", bound(start)), ("to", bound(end))]);
    let (kind, inputmode) = match threshold.unit() {
        Unit::TimeOfDay => ("time", "numeric"),
        _ => ("text", "numeric"),
    };
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || match error.get() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{i18n.t(&format!("threshold-{key}"))}</label>
            <input id=id type=kind inputmode=inputmode name=key value=value readonly=!editable
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described />
            <p class="hint" id=hint_id>{range}</p>
            {move || error.get().map(|code| view! { <p class="field-error" id=error_id.clone()>{i18n.field_error(&code)}</p> })}
        </div>
    }
}
