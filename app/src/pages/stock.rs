use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::stock_reports::stock_hub;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The stock area: every stock page, by what this user may do and what the company has on.
#[component]
pub fn StockPage() -> impl IntoView {
    let i18n = use_i18n();
    let hub = Resource::new(|| (), |_| stock_hub());
    let panel = move |href: &'static str, title: &'static str, intro: &'static str| {
        view! {
            <section class="panel hub-item">
                <h2><a href=href>{i18n.t(title)}</a></h2>
                <p>{i18n.t(intro)}</p>
            </section>
        }
    };
    view! {
        <Title text=format!("{} · {}", i18n.t("nav-stock"), i18n.t("app-name")) />
        <h1>{i18n.t("nav-stock")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let hub = match hub.await {
                    Ok(hub) => hub,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                view! {
                    <div class="hub">
                        {panel("/stock/articles", "stock-list-title", "stock-list-intro")}
                        <section class="panel hub-item">
                            <h2><a href="/stock/alerts">{i18n.t("alerts-title")}</a></h2>
                            <p>{i18n.t_count("alerts-intro", hub.alerts as i64)}</p>
                        </section>
                        {panel("/stock/valuation", "valuation-title", "valuation-intro")}
                        {panel("/stock/lots", "lots-title", "lots-intro")}
                        {panel("/stock/expiring", "expiring-title", "expiring-intro")}
                        {panel("/stock/anomalies", "anomalies-title", "anomalies-intro")}
                        {hub.reorder_on.then(|| panel("/stock/reorder", "reorder-title", "reorder-intro"))}
                        {(hub.import_on && hub.can_import).then(|| panel("/stock/import", "import-title", "import-intro"))}
                        {hub.can_create.then(|| panel("/stock/new-article", "article-new-title", "article-new-intro"))}
                        {panel("/stock/sites", "sites-title", "stock-sites-intro")}
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}
