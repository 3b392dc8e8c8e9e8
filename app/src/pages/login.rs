use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{Login, login_context};
use crate::api::flash::take_flash;
use crate::api::{ApiError, Flash};
use crate::components::auth_card::AuthCard;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let company = move || use_query_map().read().get("company");
    let context = Resource::new(company, login_context);
    let flash = Resource::new(|| (), |_| take_flash());
    let next = move || use_query_map().read().get("next");
    // A refused single sign-on comes back with its reason in the address (nothing is stored
    // for a browser that may have no session); only translated `sso-…` reasons are shown.
    let sso_refusal = move || {
        use_query_map()
            .read()
            .get("sso_error")
            .filter(|code| code.starts_with("sso-") && i18n.try_t(&format!("error-{code}")).is_some())
            .map(|code| Flash { form: "login".into(), ok: None, error: Some(ApiError::new(&code)), values: Vec::new() })
    };
    // A session an emergency mode ended: signing in again gives the mode's reason.
    let ended_by_mode = move || {
        use_query_map().read().get("ended").is_some_and(|why| why == "mode").then(|| Flash {
            form: "login".into(),
            ok: None,
            error: Some(ApiError::new("session-ended-by-mode")),
            values: Vec::new(),
        })
    };
    view! {
        <Title text=format!("{} · {}", i18n.t("login-title"), i18n.t("app-name")) />
        <AuthCard title="login-title">
                <Suspense>
                    {move || Suspend::new(async move {
                        let flash = flash.await.ok().flatten().or_else(sso_refusal).or_else(ended_by_mode);
                        let state = FormState::new(
                            "login".into(),
                            None,
                            login.value().into(),
                            Signal::stored(flash),
                        );
                        view! {
                            <ActionForm action=login attr:class="form" attr:novalidate=true>
                                <FormFeedback state />
                                <input type="hidden" name="next" value=next() />
                                <TextField
                                    name="email"
                                    id="login"
                                    label="label-email"
                                    kind="email"
                                    required=true
                                    autocomplete="username"
                                    value=state.typed("email").unwrap_or_default()
                                    error=state.field_error("email")
                                />
                                <TextField
                                    name="password"
                                    id="login"
                                    label="label-password"
                                    kind="password"
                                    required=true
                                    autocomplete="current-password"
                                    error=state.field_error("password")
                                />
                                <button type="submit" class="primary" disabled=move || login.pending().get()>
                                    {move || if login.pending().get() { i18n.t("login-pending") } else { i18n.t("login-submit") }}
                                </button>
                            </ActionForm>
                        }
                    })}
                </Suspense>
                <Suspense>
                    {move || Suspend::new(async move {
                        let hints = context.await.ok();
                        let providers = hints.as_ref().map(|h| h.providers.clone()).unwrap_or_default();
                        let company_name = hints.as_ref().and_then(|h| h.company_name.clone());
                        view! { <SingleSignOn providers company_name next=next() /> }
                    })}
                </Suspense>
                <Suspense>
                    {move || Suspend::new(async move {
                        context
                            .await
                            .ok()
                            .and_then(|c| c.demo_password.map(|p| (p, c.demo_accounts)))
                            .map(|(password, accounts)| {
                                view! {
                                    <aside class="demo-hint" aria-label=i18n.t("demo-title")>
                                        <h3>{i18n.t("demo-title")}</h3>
                                        <p>{i18n.t("demo-password")} " " <code>{password}</code></p>
                                        <ul>
                                            {accounts
                                                .into_iter()
                                                .map(|(email, role)| view! {
                                                    <li><code>{email}</code> " — " {i18n.t(role.label_key())}</li>
                                                })
                                                .collect_view()}
                                        </ul>
                                    </aside>
                                }
                            })
                    })}
                </Suspense>
        </AuthCard>
    }
}

/// "Sign in with <provider>" buttons for the company named in the address, or a small form to
/// name one. Plain forms: the browser goes to the provider and comes back.
#[component]
fn SingleSignOn(providers: Vec<(String, String)>, company_name: Option<String>, next: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    if providers.is_empty() {
        return view! {
            <details class="sso">
                <summary>{i18n.t("sso-use")}</summary>
                <form method="get" action="/login" class="form form-inline">
                    <div class="field">
                        <label for="sso-company">{i18n.t("label-company-code")}</label>
                        <input id="sso-company" name="company" type="text" maxlength="32" autocomplete="organization" />
                    </div>
                    <button type="submit">{i18n.t("sso-continue")}</button>
                </form>
            </details>
        }
        .into_any();
    }
    view! {
        <section class="sso" aria-label=i18n.t("sso-use")>
            <p class="muted">{company_name.map(|n| i18n.t_args("sso-for-company", &[("company", n)]))}</p>
            {providers
                .into_iter()
                .map(|(id, label)| {
                    view! {
                        <form method="post" action="/auth/oidc/start">
                            <input type="hidden" name="provider" value=id />
                            <input type="hidden" name="next" value=next.clone() />
                            <button type="submit" class="sso-button">{i18n.t_args("sso-sign-in-with", &[("provider", label)])}</button>
                        </form>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}
