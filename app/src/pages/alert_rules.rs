use domain::alerts::Unit;
use domain::alerts::rules::RuleForm;
use domain::alerts::views::RuleView;
use domain::{Role, Severity};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::alerts::{UpdateAlertRule, alert_rules};
use crate::api::flash::{Flash, take_flash};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// The company's alert rules, for its admins: each on or off, its threshold in its unit, the
/// severity of its alerts and the roles they notify. One form per rule, so a refusal keeps the
/// others as they are.
#[component]
pub fn AlertRulesPage() -> impl IntoView {
    let i18n = use_i18n();
    let rules = Resource::new(|| (), |_| alert_rules());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("alert-rules-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/alerts">{i18n.t("notifications-title")}</a></p>
        <h1>{i18n.t("alert-rules-title")}</h1>
        <p class="hint">{i18n.t("alert-rules-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match rules.await {
                    Ok(rules) => rules
                        .into_iter()
                        .map(|rule| view! { <Rule rule flash=flash.clone() /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Rule(rule: RuleView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = rule.settings.kind;
    let id = format!("rule-{}", kind.as_str());
    let state = FormState::from_flash(&id, flash);
    // A refused form comes back as it was typed; otherwise it shows the rule as stored.
    let form = match state.typed("kind") {
        Some(kind) => RuleForm {
            kind,
            enabled: state.typed("enabled").filter(|v| !v.is_empty()),
            threshold: state.typed("threshold").unwrap_or_default(),
            unit: String::new(),
            severity: state.typed("severity").unwrap_or_default(),
            role_admin: state.typed("role_admin").filter(|v| !v.is_empty()),
            role_manager: state.typed("role_manager").filter(|v| !v.is_empty()),
            role_accountant: state.typed("role_accountant").filter(|v| !v.is_empty()),
            role_technician: state.typed("role_technician").filter(|v| !v.is_empty()),
            role_auditor: state.typed("role_auditor").filter(|v| !v.is_empty()),
        },
        None => RuleForm::of(&rule.settings),
    };
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    let threshold = kind.unit().map(|unit| {
        let label = match unit {
            Unit::Minutes => "alert-threshold-minutes",
            Unit::Days => "alert-threshold-days",
        };
        let value = form.threshold.clone();
        view! {
            <input type="hidden" name="unit" value=unit.as_str() />
            <TextField name="threshold" id=id.clone() label kind="number" value error=state.field_error("threshold") required=true />
        }
    });
    let severities = Severity::ALL
        .map(|s| view! { <option value=s.as_str() selected=s.as_str() == form.severity>{i18n.t(s.label_key())}</option> })
        .collect_view();
    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("role_{}", role.as_str()) value="on"
                        checked=form.role_checked(role) />
                    {i18n.t(role.label_key())}
                </label>
            }
        })
        .collect_view();
    let roles_error = state.field_error("roles");
    let severity_id = format!("{id}-severity");
    let changed = rule.changed.map(|stamp| {
        i18n.t_args("alert-rule-changed-by", &[("who", stamp.who), ("when", i18n.date_time(stamp.at_local_ms))])
    });
    view! {
        <section class="panel" aria-labelledby=labelled_by data-rule=kind.as_str()>
            <h2 id=heading>{i18n.t(kind.label_key())}</h2>
            <p class="hint">
                {i18n.t(&format!("{}-hint", kind.label_key()))} " "
                {i18n.t_count("alert-rule-open", i64::from(rule.open))}
                {changed.map(|c| view! { " · " {c} })}
            </p>
            <form method="post" action=UpdateAlertRule::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                <input type="hidden" name="kind" value=kind.as_str() />
                <label class="check">
                    <input type="checkbox" name="enabled" value="on" checked=form.enabled.is_some() />
                    {i18n.t("alert-rule-enabled")}
                </label>
                {threshold}
                <div class="field">
                    <label for=severity_id.clone()>{i18n.t("events-severity")}</label>
                    <select id=severity_id name="severity">{severities}</select>
                </div>
                <fieldset class="wide" class:field-invalid=move || roles_error.get().is_some()>
                    <legend>{i18n.t("alert-rule-roles")}</legend>
                    <div class="checks">{roles}</div>
                    {move || roles_error.get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </fieldset>
                <button type="submit" class="primary">{i18n.t("alert-rule-save")}</button>
            </form>
        </section>
    }
}
