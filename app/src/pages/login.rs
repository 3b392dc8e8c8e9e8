use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{Login, login_context};
use crate::api::flash::take_flash;
use crate::components::auth_card::AuthCard;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let context = Resource::new(|| (), |_| login_context());
    let flash = Resource::new(|| (), |_| take_flash());
    let next = move || use_query_map().read().get("next");
    view! {
        <Title text=format!("{} · {}", i18n.t("login-title"), i18n.t("app-name")) />
        <AuthCard title="login-title">
                <Suspense>
                    {move || Suspend::new(async move {
                        let flash = flash.await.ok().flatten();
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
                                                    <li><code>{email}</code> " — " {i18n.t(&format!("role-{}", role.as_str()))}</li>
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
