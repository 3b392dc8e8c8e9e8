use domain::alerts::views::Bell;
use domain::identity::views::CurrentSession;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::{A, Outlet};
use leptos_router::hooks::use_location;

use super::alert_bell::AlertBell;
use super::language_switch::LanguageSwitch;
use super::mode_banner::ModeBanner;
use crate::api::ApiError;
use crate::api::alerts::alerts_bell;
use crate::api::auth::{Logout, session_info};
use crate::i18n::use_i18n;

/// Who is signed in where, fetched once per page by the layout and shared with the page.
pub type SessionResource = Resource<Result<CurrentSession, ApiError>>;

/// The layout's session, for pages that adapt to the role (inside `AppLayout` only).
pub fn use_session() -> SessionResource {
    expect_context::<SessionResource>()
}

/// The frame of every signed-in page: navigation, tenant, user, language and logout.
#[component]
pub fn AppLayout() -> impl IntoView {
    let i18n = use_i18n();
    let info: SessionResource = Resource::new(|| (), |_| session_info());
    provide_context(info);
    // The first page of the alerts marks them read as it shows them: its bell has nothing new.
    let location = use_location();
    let reading_alerts =
        location.pathname.get_untracked() == "/alerts" && location.query.get_untracked().get("before").is_none();
    // A plain form refused by the access layer comes back with why: the mode, or the limit.
    let refused_why = location.query.get_untracked().get("refused").unwrap_or_default();
    let refused = refused_why == "mode";
    let over_limit = refused_why == "admin-actions";
    let bell = Resource::new(
        || (),
        move |_| async move { if reading_alerts { Ok(Bell::default()) } else { alerts_bell().await } },
    );
    let nav = [
        ("/", "nav-home"),
        ("/stock", "nav-stock"),
        ("/invoices", "nav-invoices"),
        ("/missions", "nav-missions"),
        ("/alerts", "nav-alerts"),
        ("/governance", "nav-governance"),
        ("/settings", "nav-settings"),
    ];
    view! {
        <a class="skip-link" href="#main">{i18n.t("skip-to-content")}</a>
        <header class="topbar">
            <a class="brand" href="/">{i18n.t("app-name")}</a>
            <nav aria-label=i18n.t("nav-label")>
                <ul>
                    {nav
                        .into_iter()
                        .map(|(href, key)| {
                            view! {
                                <li>
                                    <A href=href exact=href == "/">{i18n.t(key)}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <div class="session">
                <Suspense>
                    {move || Suspend::new(async move {
                        info.await
                            .ok()
                            .map(|s| {
                                let role = i18n.t(s.role.label_key());
                                view! {
                                    <span class="tenant" data-tenant=s.tenant_code.clone()>{s.tenant_name.clone()}</span>
                                    {(s.tenant_count > 1).then(|| view! {
                                        <a class="switch-tenant" href="/select-tenant">{i18n.t("switch-tenant")}</a>
                                    })}
                                    <span class="user" title=s.email.clone()>{s.user_name.clone()} " · " {role}</span>
                                }
                            })
                    })}
                </Suspense>
                <Suspense>
                    {move || Suspend::new(async move { bell.await.ok().map(|b| view! { <AlertBell unread=b.unread /> }) })}
                </Suspense>
                <LanguageSwitch />
                <form method="post" action=Logout::PATH class="logout">
                    <button type="submit">{i18n.t("logout")}</button>
                </form>
            </div>
        </header>
        <Suspense>
            {move || Suspend::new(async move { info.await.ok().map(|s| view! { <ModeBanner modes=s.modes refused /> }) })}
        </Suspense>
        {over_limit.then(|| view! {
            <p class="notice notice-error page-notice" role="alert" data-refused="admin-actions">
                {i18n.t("limit-refused-admin-actions")}
            </p>
        })}
        // The page is not wrapped in the session's Suspense: re-running that Suspense would build
        // the page twice and run its data requests (and take its one-time messages) twice.
        // Pages report a lost session through their own data.
        <main id="main" tabindex="-1">
            <Outlet />
        </main>
    }
}
