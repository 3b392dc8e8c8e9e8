use domain::Role;
use domain::governance::flags::{FlagForm, FlagView, KILL_REASON_MAX};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::{Flash, take_flash};
use crate::api::governance::{KillFeature, UpdateFeatureFlag, feature_flags};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// Every feature flag of the company: its area, its risk, who has it, and its kill switch. One
/// form per flag and per switch, so a refusal keeps the others as they are (JavaScript or not).
#[component]
pub fn GovernanceFlagsPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| feature_flags());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-flags"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-flags")}</h1>
        <p class="hint">{i18n.t("flags-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match page.await {
                    Ok(page) => page
                        .flags
                        .into_iter()
                        .map(|f| view! { <FlagPanel f can_manage=page.can_manage flash=flash.clone() /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn FlagPanel(f: FlagView, can_manage: bool, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let s = f.setting.clone();
    let name = s.flag.name();
    let heading = format!("flag-{name}-title");
    let labelled_by = heading.clone();
    let state_key = match (&s.kill, s.enabled) {
        (Some(_), _) => "flag-state-killed",
        (None, true) => "flag-state-on",
        (None, false) => "flag-state-off",
    };
    let who = if s.roles.is_empty() {
        i18n.t("flag-all-roles")
    } else {
        s.roles.iter().map(|r| i18n.t(r.label_key())).collect::<Vec<_>>().join(", ")
    };
    let killed = s.kill.clone().zip(f.killed_at_local_ms).map(|(kill, at)| {
        i18n.t_args("flag-killed-by", &[("who", kill.by), ("when", i18n.date_time(at)), ("reason", kill.reason)])
    });
    view! {
        <section class="panel" aria-labelledby=labelled_by data-flag=name data-flag-state=state_key>
            <h2 id=heading>{i18n.t(s.flag.label_key())} " " <code>{name}</code></h2>
            <p class="hint">
                {i18n.t(s.flag.category().label_key())} " · " {i18n.t(s.flag.risk().label_key())} " · "
                <strong>{i18n.t(state_key)}</strong> " · "
                {i18n.t_args("flag-share", &[("percent", s.rollout_pct.to_string()), ("roles", who)])}
            </p>
            {killed.map(|k| view! { <p class="notice notice-error" data-killed=name>{k}</p> })}
            {can_manage.then(|| view! {
                <div class="flag-forms">
                    <SettingsForm f=f.clone() flash=flash.clone() />
                    <KillForm f flash />
                </div>
            })}
        </section>
    }
}

#[component]
fn SettingsForm(f: FlagView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let name = f.setting.flag.name();
    let id = format!("flag-{name}");
    let state = FormState::from_flash(&id, flash);
    // A refused form comes back as it was typed; otherwise it shows the flag as stored.
    let form = match state.typed("flag") {
        Some(flag) => FlagForm {
            flag,
            enabled: state.typed("enabled").filter(|v| !v.is_empty()),
            rollout: state.typed("rollout").unwrap_or_default(),
            role_admin: state.typed("role_admin").filter(|v| !v.is_empty()),
            role_manager: state.typed("role_manager").filter(|v| !v.is_empty()),
            role_accountant: state.typed("role_accountant").filter(|v| !v.is_empty()),
            role_technician: state.typed("role_technician").filter(|v| !v.is_empty()),
            role_auditor: state.typed("role_auditor").filter(|v| !v.is_empty()),
        },
        None => FlagForm::of(&f.setting),
    };
    let roles = Role::ALL
        .into_iter()
        .map(|role| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("role_{}", role.as_str()) value="on" checked=form.role_checked(role) />
                    {i18n.t(role.label_key())}
                </label>
            }
        })
        .collect_view();
    view! {
        <form method="post" action=UpdateFeatureFlag::PATH class="form" novalidate>
            <h3>{i18n.t("flag-settings")}</h3>
            <FormFeedback state />
            <input type="hidden" name="flag" value=name />
            <label class="check">
                <input type="checkbox" name="enabled" value="on" checked=form.enabled.is_some() />
                {i18n.t("flag-enabled")}
            </label>
            <TextField name="rollout" id=id label="flag-rollout" kind="number" value=form.rollout.clone()
                error=state.field_error("rollout") required=true />
            <fieldset>
                <legend>{i18n.t("flag-roles")}</legend>
                <div class="checks">{roles}</div>
            </fieldset>
            <button type="submit" class="primary">{i18n.t("flag-save")}</button>
        </form>
    }
}

#[component]
fn KillForm(f: FlagView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let name = f.setting.flag.name();
    let id = format!("kill-{name}");
    let state = FormState::from_flash(&id, flash);
    let reason_error = state.field_error("reason");
    let reason_id = format!("{id}-reason");
    let error_id = format!("{reason_id}-error");
    let described = error_id.clone();
    let body = match f.setting.kill {
        Some(_) => view! {
            <input type="hidden" name="kill" value="off" />
            <button type="submit">{i18n.t("flag-release")}</button>
        }
        .into_any(),
        None => view! {
            <input type="hidden" name="kill" value="on" />
            <div class="field" class:field-invalid=move || reason_error.get().is_some()>
                <label for=reason_id.clone()>{i18n.t("flag-kill-reason")}</label>
                <input id=reason_id type="text" name="reason" maxlength=KILL_REASON_MAX
                    value=state.typed("reason").unwrap_or_default()
                    aria-invalid=move || reason_error.get().is_some().then_some("true")
                    aria-describedby=move || reason_error.get().map(|_| described.clone()) />
                {move || reason_error.get().map(|code| view! { <p class="field-error" id=error_id.clone()>{i18n.field_error(&code)}</p> })}
            </div>
            <button type="submit" class="danger">{i18n.t("flag-kill")}</button>
        }
        .into_any(),
    };
    view! {
        <form method="post" action=KillFeature::PATH class="form kill-form" novalidate>
            <h3>{i18n.t("flag-kill-switch")}</h3>
            <FormFeedback state />
            <input type="hidden" name="flag" value=name />
            {body}
        </form>
    }
}
