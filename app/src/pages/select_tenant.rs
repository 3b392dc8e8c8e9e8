use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::ApiError;
use crate::api::auth::{Logout, SelectTenant, tenant_choices};
use crate::api::flash::take_flash;
use crate::components::auth_card::AuthCard;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The tenant picker for users with several memberships. Plain forms: choosing reloads the
/// whole application in the chosen company.
#[component]
pub fn SelectTenantPage() -> impl IntoView {
    let i18n = use_i18n();
    let choices = Resource::new(|| (), |_| tenant_choices());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("select-tenant-title"), i18n.t("app-name")) />
        <AuthCard title="select-tenant-title">
                <Suspense>
                    {move || Suspend::new(async move {
                        let flash_error = flash.await.ok().flatten().and_then(|f| f.error);
                        let list = match choices.await {
                            Ok(list) => list,
                            Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                        };
                        view! {
                            {flash_error.map(|e| view! { <p class="notice notice-error" role="alert">{i18n.error(&e)}</p> })}
                            <ul class="tenant-choices">
                                {list
                                    .into_iter()
                                    .map(|c| {
                                        let role = i18n.t(c.role.label_key());
                                        let status = if c.active {
                                            None
                                        } else if let Some(closed) = c.closed.clone() {
                                            Some(i18n.error(&ApiError::mode_closed(&closed)))
                                        } else {
                                            Some(match c.suspended_reason.clone() {
                                                Some(reason) => i18n.t_args("error-tenant-suspended-reason", &[("reason", reason)]),
                                                None => i18n.t("error-tenant-suspended"),
                                            })
                                        };
                                        view! {
                                            <li>
                                                <form method="post" action=SelectTenant::PATH>
                                                    <input type="hidden" name="tenant" value=c.code.clone() />
                                                    <button type="submit" disabled=!c.active data-tenant=c.code.clone()>
                                                        <strong>{c.name.clone()}</strong>
                                                        <span>{role}</span>
                                                        {c.current.then(|| view! { <span class="badge">{i18n.t("tenant-current")}</span> })}
                                                    </button>
                                                </form>
                                                {status.map(|s| view! { <p class="muted">{s}</p> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            <form method="post" action=Logout::PATH class="logout">
                                <button type="submit" class="link">{i18n.t("logout")}</button>
                            </form>
                        }
                            .into_any()
                    })}
                </Suspense>
        </AuthCard>
    }
}
