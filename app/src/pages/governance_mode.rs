use domain::governance::{Mode, ModeForm, ModeSetting};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::{Flash, take_flash};
use crate::api::governance::{SetEmergencyMode, emergency_mode};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The company's emergency mode and the platform's: who set each, when and why; the company's
/// admins change it with a reason (the form works without JavaScript).
#[component]
pub fn GovernanceModePage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| emergency_mode());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-mode"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-mode")}</h1>
        <p class="hint">{i18n.t("governance-mode-hint")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match page.await {
                    Ok(page) => view! {
                        <div class="cards">
                            <Setting title="mode-company" setting=page.company.clone() />
                            <Setting title="mode-platform" setting=page.platform.clone() />
                        </div>
                        {page.can_set.then(|| view! { <ModeChangeForm current=page.company.mode flash /> })}
                        <section class="panel panel-muted">
                            <h2>{i18n.t("mode-what-each-does")}</h2>
                            <dl class="mode-effects">
                                {Mode::ALL
                                    .map(|m| view! { <dt>{i18n.t(m.label_key())}</dt> <dd>{i18n.t(&format!("{}-effect", m.label_key()))}</dd> })
                                    .collect_view()}
                            </dl>
                        </section>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Setting(title: &'static str, setting: ModeSetting) -> impl IntoView {
    let i18n = use_i18n();
    let stamp = setting
        .set_by
        .zip(setting.set_at_local_ms)
        .map(|(who, at)| i18n.t_args("mode-set-by", &[("who", who), ("when", i18n.date_time(at))]));
    view! {
        <section class="panel" data-mode-scope=title data-mode=setting.mode.as_str()>
            <h2>{i18n.t(title)}</h2>
            <p class="figure-value">{i18n.t(setting.mode.label_key())}</p>
            {setting.reason.map(|r| view! { <p>{i18n.t("mode-reason")} " " <q>{r}</q></p> })}
            {stamp.map(|s| view! { <p class="hint">{s}</p> })}
        </section>
    }
}

#[component]
fn ModeChangeForm(current: Mode, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("mode", flash);
    let typed = ModeForm {
        mode: state.typed("mode").unwrap_or_else(|| current.as_str().to_owned()),
        reason: state.typed("reason").unwrap_or_default(),
    };
    let reason_error = state.field_error("reason");
    let mode_error = state.field_error("mode");
    let options = Mode::ALL
        .map(|m| view! { <option value=m.as_str() selected=m.as_str() == typed.mode>{i18n.t(m.label_key())}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="mode-change-title">
            <h2 id="mode-change-title">{i18n.t("mode-change")}</h2>
            <form method="post" action=SetEmergencyMode::PATH class="form" novalidate>
                <FormFeedback state />
                <div class="field" class:field-invalid=move || mode_error.get().is_some()>
                    <label for="mode-mode">{i18n.t("mode-new")}</label>
                    <select id="mode-mode" name="mode">{options}</select>
                    {move || mode_error.get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <div class="field wide" class:field-invalid=move || reason_error.get().is_some()>
                    <label for="mode-reason">{i18n.t("mode-reason-label")}</label>
                    <textarea id="mode-reason" name="reason" rows="3" maxlength=domain::governance::mode::REASON_MAX required=true
                        aria-invalid=move || reason_error.get().is_some().then_some("true")
                        aria-describedby=move || reason_error.get().map(|_| "mode-reason-error")>{typed.reason}</textarea>
                    {move || reason_error.get().map(|code| view! { <p class="field-error" id="mode-reason-error">{i18n.field_error(&code)}</p> })}
                </div>
                <button type="submit" class="primary">{i18n.t("mode-save")}</button>
            </form>
        </section>
    }
}
