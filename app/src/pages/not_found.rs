use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    crate::http_status::set(404);
    view! {
        <Title text=i18n.t("error-not-found") />
        <main id="main" class="auth-page">
            <div class="auth-card">
                <h1>{i18n.t("error-not-found")}</h1>
                <a href="/">{i18n.t("back-home")}</a>
            </div>
        </main>
    }
}
