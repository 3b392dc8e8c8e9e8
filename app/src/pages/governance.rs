use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::governance::emergency_mode;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The governance console's sections, with their pages.
const SECTIONS: [(&str, &str); 8] = [
    ("governance-mode", "/governance/mode"),
    ("governance-security", "/governance/security"),
    ("governance-retention", "/governance/retention"),
    ("governance-flags", "/governance/flags"),
    ("governance-audit", "/settings/audit"),
    ("governance-personal-data", "/governance/personal-data"),
    ("governance-integrity", "/governance/integrity"),
    ("governance-tokens", "/governance/tokens"),
];

#[component]
pub fn GovernancePage() -> impl IntoView {
    let i18n = use_i18n();
    // Read by admins and auditors: others are told so rather than shown the sections.
    let mode = Resource::new(|| (), |_| emergency_mode());
    view! {
        <Title text=format!("{} · {}", i18n.t("nav-governance"), i18n.t("app-name")) />
        <h1>{i18n.t("nav-governance")}</h1>
        <p class="hint">{i18n.t("governance-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match mode.await {
                    Ok(page) => {
                        let mode = page.company.mode;
                        view! {
                            <p data-current-mode=mode.as_str()>
                                {i18n.t("governance-current-mode")} " " <strong>{i18n.t(mode.label_key())}</strong>
                            </p>
                            <Sections />
                        }
                        .into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Sections() -> impl IntoView {
    let i18n = use_i18n();
    let sections = SECTIONS.map(|(key, href)| {
        view! {
            <li data-section=key>
                <a href=href><strong>{i18n.t(key)}</strong><span>{i18n.t(&format!("{key}-hint"))}</span></a>
            </li>
        }
    });
    view! { <ul class="cards">{sections.collect_view()}</ul> }
}
