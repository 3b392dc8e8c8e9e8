use domain::Money;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::stock_reports::reorder_suggestions;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// What to order, per article and site, to bring every level under its minimum back to its
/// maximum; downloadable as CSV for a supplier order.
#[component]
pub fn ReorderPage() -> impl IntoView {
    let i18n = use_i18n();
    let suggestions = Resource::new(|| (), |_| reorder_suggestions());
    view! {
        <Title text=format!("{} · {}", i18n.t("reorder-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("reorder-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match suggestions.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(r) if r.lines.is_empty() => {
                        view! { <p class="panel panel-muted" data-empty="">{i18n.t("reorder-none")}</p> }.into_any()
                    }
                    Ok(r) => {
                        let currency = r.currency;
                        view! {
                            <p class="actions">
                                <a class="button" href="/stock/reorder.csv" download="">{i18n.t("reorder-download")}</a>
                                " " <span class="muted">{i18n.t_args("reorder-estimate", &[("amount", i18n.money(Money::new(r.total_minor, currency)))])}</span>
                            </p>
                            <table class="data">
                                <thead><tr>
                                    <th scope="col">{i18n.t("stock-code")}</th>
                                    <th scope="col">{i18n.t("stock-designation")}</th>
                                    <th scope="col">{i18n.t("stock-site")}</th>
                                    <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                                    <th scope="col" class="num">{i18n.t("stock-min-max")}</th>
                                    <th scope="col" class="num">{i18n.t("reorder-quantity")}</th>
                                    <th scope="col" class="num">{i18n.t("reorder-cost")}</th>
                                </tr></thead>
                                <tbody>
                                    {r.lines.into_iter().map(|l| view! {
                                        <tr data-article=l.article_code.clone() data-site=l.site_code.clone()>
                                            <td><a href=format!("/stock/articles/{}", l.article_id)>{l.article_code.clone()}</a></td>
                                            <td>{l.designation}</td>
                                            <td>{l.site_code.clone()}</td>
                                            <td class="num">{i18n.quantity(l.qty_milli)}</td>
                                            <td class="num">{format!("{} / {}", i18n.quantity(l.min_milli), l.max_milli.map(|m| i18n.quantity(m)).unwrap_or_else(|| "—".into()))}</td>
                                            <td class="num"><strong>{format!("{} {}", i18n.quantity(l.order_milli), l.unit)}</strong></td>
                                            <td class="num">{l.cost_minor.map(|c| i18n.money(Money::new(c, currency))).unwrap_or_else(|| "—".into())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
