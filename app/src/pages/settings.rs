use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::app_layout::use_session;
use crate::i18n::use_i18n;

/// The settings areas the user's role opens.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let info = use_session();
    view! {
        <Title text=format!("{} · {}", i18n.t("nav-settings"), i18n.t("app-name")) />
        <h1>{i18n.t("nav-settings")}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                let info = info.await.ok();
                let users = info.as_ref().is_some_and(|s| s.can_manage_users);
                let company = info.as_ref().is_some_and(|s| s.can_manage_company);
                let audit = info.as_ref().is_some_and(|s| s.can_read_audit);
                view! {
                    <ul class="cards">
                        <li><a href="/settings/security"><strong>{i18n.t("security-title")}</strong>
                            <span>{i18n.t("security-summary")}</span></a></li>
                        {company.then(|| view! {
                            <li><a href="/settings/company"><strong>{i18n.t("company-profile-title")}</strong>
                                <span>{i18n.t("company-profile-summary")}</span></a></li>
                        })}
                        {users.then(|| view! {
                            <li><a href="/settings/users"><strong>{i18n.t("members-title")}</strong>
                                <span>{i18n.t("members-summary")}</span></a></li>
                        })}
                        {audit.then(|| view! {
                            <li><a href="/settings/audit"><strong>{i18n.t("audit-title")}</strong>
                                <span>{i18n.t("audit-summary")}</span></a></li>
                        })}
                    </ul>
                }
            })}
        </Suspense>
    }
}
