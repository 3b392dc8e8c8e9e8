use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::stock_reports::expiring_lots;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;
use crate::pages::lot_trace::lot_href;

/// Lots still in stock that expire soon (or already have), soonest first.
#[component]
pub fn ExpiringLotsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let days = move || query.read().get("days").filter(|d| !d.is_empty());
    let lots = Resource::new(days, expiring_lots);
    let choice = move || days().unwrap_or_else(|| "30".into());
    view! {
        <Title text=format!("{} · {}", i18n.t("expiring-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("expiring-title")}</h1>
        <form method="get" action="/stock/expiring" class="filter">
            <span class="pair">
                <label for="expiring-days">{i18n.t("expiring-within")}</label>
                <select id="expiring-days" name="days">
                    {["7", "30", "90", "365"].into_iter().map(|d| view! {
                        <option value=d selected=move || choice() == d>{i18n.t_args("expiring-days", &[("days", d.to_owned())])}</option>
                    }).collect_view()}
                </select>
            </span>
            <button type="submit">{i18n.t("filter-submit")}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match lots.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(lots) if lots.is_empty() => {
                        view! { <p class="panel panel-muted" data-empty="">{i18n.t("expiring-none")}</p> }.into_any()
                    }
                    Ok(lots) => view! {
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{i18n.t("label-expiry")}</th>
                                <th scope="col">{i18n.t("stock-code")}</th>
                                <th scope="col">{i18n.t("stock-designation")}</th>
                                <th scope="col">{i18n.t("stock-site")}</th>
                                <th scope="col">{i18n.t("label-lot-number")}</th>
                                <th scope="col" class="num">{i18n.t("lots-remaining")}</th>
                            </tr></thead>
                            <tbody>
                                {lots.into_iter().map(|l| {
                                    let number = l.lot_number.clone().unwrap_or_default();
                                    view! {
                                        <tr data-article=l.article_code.clone()>
                                            <td>{l.expiry.unwrap_or_default()}</td>
                                            <td><a href=format!("/stock/articles/{}", l.article_id)>{l.article_code.clone()}</a></td>
                                            <td>{l.designation}</td>
                                            <td>{l.site_code.clone()}</td>
                                            <td>{(!number.is_empty()).then(|| view! { <a href=lot_href(&number)>{number.clone()}</a> })}</td>
                                            <td class="num">{format!("{} {}", i18n.quantity(l.remaining_milli), l.unit)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
