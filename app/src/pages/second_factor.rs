use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::auth::Logout;
use crate::api::flash::take_flash;
use crate::api::second_factor::SecondFactor;
use crate::components::auth_card::AuthCard;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// The second step of signing in: a code from the authenticator app, or a recovery code.
#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("second-factor-title"), i18n.t("app-name")) />
        <AuthCard title="second-factor-title">
            <Suspense>
                {move || Suspend::new(async move {
                    let state = FormState::from_flash("second-factor", flash.await.ok().flatten());
                    view! {
                        <p>{i18n.t("second-factor-prompt")}</p>
                        <form method="post" action=SecondFactor::PATH class="form" novalidate>
                            <FormFeedback state />
                            <TextField name="code" id="second-factor" label="label-second-factor-code" required=true
                                maxlength=16 autocomplete="one-time-code" error=state.field_error("code") />
                            <button type="submit" class="primary">{i18n.t("second-factor-submit")}</button>
                        </form>
                        <p class="muted">{i18n.t("second-factor-recovery-hint")}</p>
                        <form method="post" action=Logout::PATH class="logout">
                            <button type="submit" class="link">{i18n.t("second-factor-cancel")}</button>
                        </form>
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}
