use domain::identity::views::{SecurityView, SessionView, SetupView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::take_flash;
use crate::api::second_factor::{RECOVERY_CODES, second_factor_setup};
use crate::api::security::{
    ChangePassword, DisableSecondFactor, EndSession, RegenerateRecoveryCodes, security_overview,
};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::recovery_codes::RecoveryCodes;
use crate::components::second_factor_setup::SecondFactorSetup;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// The user's own security: second factor, password, sessions. Every form is a plain form.
#[component]
pub fn SecurityPage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| security_overview());
    let setup = Resource::new(|| (), |_| second_factor_setup());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("security-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/settings">{i18n.t("nav-settings")}</a></p>
        <h1>{i18n.t("security-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let (overview, setup) = match (overview.await, setup.await) {
                    (Ok(o), Ok(s)) => (o, s),
                    (Err(error), _) | (_, Err(error)) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let form = |id: &str| FormState::from_flash(id, flash.clone());
                let codes = form("second-factor-setup").returned(RECOVERY_CODES)
                    .or_else(|| form("recovery-codes").returned(RECOVERY_CODES));
                view! {
                    {codes.map(|codes| view! { <RecoveryCodes codes /> })}
                    <SecondFactorPanel overview=overview.clone() setup forms=form />
                    <PasswordPanel state=form("change-password") />
                    <SessionsPanel sessions=overview.sessions state=form("sessions") />
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn SecondFactorPanel(overview: SecurityView, setup: SetupView, forms: impl Fn(&str) -> FormState) -> impl IntoView {
    let i18n = use_i18n();
    let body = match overview.second_factor_since_local_ms {
        None => view! { <SecondFactorSetup setup state=forms("second-factor-setup") /> }.into_any(),
        Some(since) => {
            let disable = forms("disable-second-factor");
            let regenerate = forms("recovery-codes");
            let left = i18n.t_args("second-factor-codes-left", &[("count", overview.recovery_codes_left.to_string())]);
            view! {
                <FormFeedback state=forms("second-factor-setup") />
                <p class="status-on">
                    {i18n.t_args("second-factor-on-since", &[("date", i18n.date_time(since))])} " " {left}
                </p>
                <div class="columns">
                    <form method="post" action=RegenerateRecoveryCodes::PATH class="form" novalidate>
                        <h3>{i18n.t("recovery-codes-renew")}</h3>
                        <FormFeedback state=regenerate />
                        <TextField name="password" id="regenerate" label="label-password" kind="password" required=true
                            autocomplete="current-password" error=regenerate.field_error("password") />
                        <button type="submit">{i18n.t("recovery-codes-renew-submit")}</button>
                    </form>
                    <form method="post" action=DisableSecondFactor::PATH class="form" novalidate>
                        <h3>{i18n.t("second-factor-disable")}</h3>
                        <FormFeedback state=disable />
                        <TextField name="password" id="disable" label="label-password" kind="password" required=true
                            autocomplete="current-password" error=disable.field_error("password") />
                        <TextField name="code" id="disable" label="label-second-factor-code" required=true maxlength=16
                            autocomplete="one-time-code" error=disable.field_error("code") />
                        <button type="submit" class="danger">{i18n.t("second-factor-disable-submit")}</button>
                    </form>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="second-factor-title" id="second-factor">
            <h2 id="second-factor-title">{i18n.t("second-factor-heading")}</h2>
            {body}
        </section>
    }
}

#[component]
fn PasswordPanel(state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="password-title" id="password">
            <h2 id="password-title">{i18n.t("password-change-title")}</h2>
            <form method="post" action=ChangePassword::PATH class="form narrow" novalidate>
                <FormFeedback state />
                <TextField name="current_password" id="change-password" label="label-current-password" kind="password"
                    required=true autocomplete="current-password" error=state.field_error("current_password") />
                <TextField name="new_password" id="change-password" label="label-new-password" kind="password"
                    required=true maxlength=256 autocomplete="new-password" error=state.field_error("new_password") />
                <p class="hint">{i18n.t("password-rules")}</p>
                <label class="check">
                    <input type="checkbox" name="end_others" value="on" checked=true />
                    {i18n.t("password-end-others")}
                </label>
                <button type="submit" class="primary">{i18n.t("password-change-submit")}</button>
            </form>
        </section>
    }
}

#[component]
fn SessionsPanel(sessions: Vec<SessionView>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let rows = sessions
        .into_iter()
        .map(|s| {
            let device = s.device.unwrap_or_else(|| i18n.t("session-unknown-device"));
            let when = |ms: Option<i64>| ms.map(|ms| i18n.date_time(ms)).unwrap_or_else(|| "—".into());
            view! {
                <tr data-session=s.handle.clone()>
                    <td>{device}</td>
                    <td>{s.client_ip.unwrap_or_else(|| "—".into())}</td>
                    <td>{when(s.started_local_ms)}</td>
                    <td>{when(s.last_seen_local_ms)}</td>
                    <td>
                        {if s.current {
                            view! { <span class="badge">{i18n.t("session-this-device")}</span> }.into_any()
                        } else {
                            view! {
                                <form method="post" action=EndSession::PATH>
                                    <input type="hidden" name="handle" value=s.handle.clone() />
                                    <button type="submit">{i18n.t("session-end")}</button>
                                </form>
                            }
                            .into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="sessions-title" id="sessions">
            <h2 id="sessions-title">{i18n.t("sessions-title")}</h2>
            <FormFeedback state />
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("session-device")}</th>
                        <th scope="col">{i18n.t("session-address")}</th>
                        <th scope="col">{i18n.t("session-started")}</th>
                        <th scope="col">{i18n.t("session-last-seen")}</th>
                        <th scope="col"><span class="visually-hidden">{i18n.t("session-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
