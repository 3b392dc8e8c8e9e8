use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

/// Stock is being built; its sites already work.
#[component]
pub fn StockPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=format!("{} · {}", i18n.t("nav-stock"), i18n.t("app-name")) />
        <h1>{i18n.t("nav-stock")}</h1>
        <section class="panel">
            <h2><a href="/stock/articles">{i18n.t("stock-list-title")}</a></h2>
            <p>{i18n.t("stock-list-intro")}</p>
        </section>
        <section class="panel">
            <h2><a href="/stock/sites">{i18n.t("sites-title")}</a></h2>
            <p>{i18n.t("stock-sites-intro")}</p>
        </section>
        <section class="panel panel-muted">
            <p>{i18n.t("stock-not-built")}</p>
        </section>
    }
}
