use leptos::prelude::*;

use super::language_switch::LanguageSwitch;
use crate::i18n::use_i18n;

/// The centred card of the pages seen before entering a company: sign-in and the company picker.
#[component]
pub fn AuthCard(
    /// Fluent key of the card's title.
    title: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main id="main" class="auth-page">
            <div class="auth-card">
                <div class="auth-head">
                    <h1>{i18n.t("app-name")}</h1>
                    <LanguageSwitch />
                </div>
                <h2>{i18n.t(title)}</h2>
                {children()}
            </div>
        </main>
    }
}
