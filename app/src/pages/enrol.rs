use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::auth::Logout;
use crate::api::flash::take_flash;
use crate::api::second_factor::{RECOVERY_CODES, second_factor_setup};
use crate::components::auth_card::AuthCard;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_state::FormState;
use crate::components::recovery_codes::RecoveryCodes;
use crate::components::second_factor_setup::SecondFactorSetup;
use crate::i18n::use_i18n;

/// Signing in when the company requires a second factor the user has not set up yet: set it up
/// now, then see the recovery codes once and go on.
#[component]
pub fn EnrolPage() -> impl IntoView {
    let i18n = use_i18n();
    let setup = Resource::new(|| (), |_| second_factor_setup());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("enrol-title"), i18n.t("app-name")) />
        <AuthCard title="enrol-title">
            <Suspense>
                {move || Suspend::new(async move {
                    let state = FormState::from_flash("second-factor-setup", flash.await.ok().flatten());
                    let setup = match setup.await {
                        Ok(setup) => setup,
                        Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                    };
                    if setup.enabled {
                        return view! {
                            {state.returned(RECOVERY_CODES).map(|codes| view! { <RecoveryCodes codes /> })}
                            <p class="notice notice-ok" role="status">{i18n.t("second-factor-on")}</p>
                            <p><a class="button primary" href="/">{i18n.t("enrol-continue")}</a></p>
                        }
                        .into_any();
                    }
                    view! {
                        <p>{i18n.t("enrol-required")}</p>
                        <SecondFactorSetup setup state />
                        <form method="post" action=Logout::PATH class="logout">
                            <button type="submit" class="link">{i18n.t("second-factor-cancel")}</button>
                        </form>
                    }
                    .into_any()
                })}
            </Suspense>
        </AuthCard>
    }
}
