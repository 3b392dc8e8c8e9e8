use domain::{Currency, Money};
use leptos::prelude::*;
use leptos_meta::Title;

use domain::stock::reports::ValueLine;

use crate::api::stock_reports::stock_valuation;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// Stock value at weighted average cost, by site and by category, with the total.
#[component]
pub fn ValuationPage() -> impl IntoView {
    let i18n = use_i18n();
    let valuation = Resource::new(|| (), |_| stock_valuation());
    view! {
        <Title text=format!("{} · {}", i18n.t("valuation-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("valuation-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match valuation.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(v) => {
                        let total = i18n.money(Money::new(v.total_minor, v.currency));
                        view! {
                            <p class="total" data-total="">{i18n.t("valuation-total")} " " <strong>{total}</strong></p>
                            <p class="hint">{i18n.t("valuation-method")}</p>
                            <div class="columns">
                                <ValueTable title="valuation-by-site" key="stock-site" lines=v.by_site currency=v.currency />
                                <ValueTable title="valuation-by-category" key="stock-category" lines=v.by_category currency=v.currency />
                            </div>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ValueTable(title: &'static str, key: &'static str, lines: Vec<ValueLine>, currency: Currency) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel">
            <h2>{i18n.t(title)}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t(key)}</th>
                    <th scope="col" class="num">{i18n.t("valuation-lines")}</th>
                    <th scope="col" class="num">{i18n.t("stock-value")}</th>
                </tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let label = match (l.key.is_empty(), l.key == l.label) {
                            (true, _) => i18n.t("valuation-no-category"),
                            (false, true) => l.label,
                            (false, false) => format!("{} · {}", l.key, l.label),
                        };
                        view! {
                            <tr data-key=l.key>
                                <td>{label}</td>
                                <td class="num">{i18n.integer(l.lines)}</td>
                                <td class="num">{i18n.money(Money::new(l.value_minor, currency))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
