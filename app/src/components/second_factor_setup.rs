use domain::identity::views::SetupView;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::form_feedback::FormFeedback;
use super::form_state::FormState;
use super::text_field::TextField;
use crate::api::second_factor::{BeginSecondFactor, ConfirmSecondFactor};
use crate::i18n::use_i18n;

/// Setting up an authenticator app: a button draws a secret; the QR code and the secret as text
/// are then shown until a code from the app confirms them. Plain forms: works without JavaScript.
#[component]
pub fn SecondFactorSetup(setup: SetupView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    match (setup.secret, setup.qr_svg) {
        (Some(secret), Some(qr_svg)) => view! {
            <ol class="steps">
                <li>{i18n.t("second-factor-scan")}</li>
                <li>{i18n.t("second-factor-or-type")}</li>
            </ol>
            <div class="enrol">
                <div class="qr" role="img" aria-label=i18n.t("second-factor-qr-label") inner_html=qr_svg></div>
                <p>
                    {i18n.t("second-factor-secret")} <br />
                    <code class="secret" data-secret=secret.clone()>{secret_groups(&secret)}</code>
                </p>
            </div>
            <form method="post" action=ConfirmSecondFactor::PATH class="form form-inline" novalidate>
                <FormFeedback state />
                <TextField name="code" id="confirm" label="label-totp-code" required=true maxlength=8
                    autocomplete="one-time-code" error=state.field_error("code") />
                <button type="submit" class="primary">{i18n.t("second-factor-confirm")}</button>
            </form>
        }
        .into_any(),
        _ => view! {
            <p>{i18n.t("second-factor-explain")}</p>
            <form method="post" action=BeginSecondFactor::PATH class="form narrow" novalidate>
                <FormFeedback state />
                {(!setup.at_login).then(|| view! {
                    <TextField name="password" id="begin" label="label-password" kind="password" required=true
                        autocomplete="current-password" error=state.field_error("password") />
                })}
                <button type="submit" class="primary">{i18n.t("second-factor-begin")}</button>
            </form>
        }
        .into_any(),
    }
}

/// The secret in groups of four, easier to type.
fn secret_groups(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
}
