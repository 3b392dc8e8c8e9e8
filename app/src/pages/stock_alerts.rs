use leptos::prelude::*;
use leptos_meta::Title;

use domain::stock::reports::LevelAlert;

use crate::api::stock_reports::stock_alerts;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// Levels that need attention: critical (empty, or under half the minimum), then low.
#[component]
pub fn StockAlertsPage() -> impl IntoView {
    let i18n = use_i18n();
    let alerts = Resource::new(|| (), |_| stock_alerts());
    view! {
        <Title text=format!("{} · {}", i18n.t("alerts-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("alerts-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match alerts.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(a) if a.critical.is_empty() && a.low.is_empty() => {
                        view! { <p class="panel panel-muted" data-empty="">{i18n.t("alerts-empty")}</p> }.into_any()
                    }
                    Ok(a) => view! {
                        <AlertTable id="critical" title="alerts-critical" lines=a.critical />
                        <AlertTable id="low" title="alerts-low" lines=a.low />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AlertTable(id: &'static str, title: &'static str, lines: Vec<LevelAlert>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("{id}-title");
    view! {
        <section class="panel" id=id aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{i18n.t(title)} " " <span class="muted">{format!("({})", lines.len())}</span></h2>
            {if lines.is_empty() {
                view! { <p class="empty">{i18n.t("alerts-none-here")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{i18n.t("stock-code")}</th>
                            <th scope="col">{i18n.t("stock-designation")}</th>
                            <th scope="col">{i18n.t("stock-site")}</th>
                            <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                            <th scope="col" class="num">{i18n.t("stock-minimum")}</th>
                        </tr></thead>
                        <tbody>
                            {lines.into_iter().map(|l| view! {
                                <tr data-article=l.article_code.clone() data-site=l.site_code.clone()>
                                    <td><a href=format!("/stock/articles/{}", l.article_id)>{l.article_code.clone()}</a></td>
                                    <td>{l.designation}</td>
                                    <td>{l.site_code.clone()}</td>
                                    <td class="num">{format!("{} {}", i18n.quantity(l.qty_milli), l.unit)}</td>
                                    <td class="num">{format!("{} {}", i18n.quantity(l.min_milli), l.unit)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}
