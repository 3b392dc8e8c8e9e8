use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

/// The invoicing area: what exists of it so far.
#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=format!("{} · {}", i18n.t("nav-invoices"), i18n.t("app-name")) />
        <h1>{i18n.t("nav-invoices")}</h1>
        <div class="hub">
            <section class="panel hub-item">
                <h2><a href="/invoices/drafts">{i18n.t("drafts-title")}</a></h2>
                <p>{i18n.t("drafts-intro")}</p>
            </section>
            <section class="panel hub-item">
                <h2><a href="/invoices/customers">{i18n.t("customers-title")}</a></h2>
                <p>{i18n.t("customers-intro")}</p>
            </section>
        </div>
    }
}
