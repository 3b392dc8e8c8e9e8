use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use domain::stock::reports::LotTraceView;

use crate::api::stock_reports::lot_trace;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// A lot number's whole story, for a recall: where every lot with that number is, and every
/// movement in and out of them.
#[component]
pub fn LotTracePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let number = move || query.read().get("number").filter(|v| !v.trim().is_empty());
    let trace = Resource::new(number, lot_trace);
    view! {
        <Title text=format!("{} · {}", i18n.t("lots-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("lots-title")}</h1>
        <form method="get" action="/stock/lots" class="filter">
            <span class="pair">
                <label for="lot-number">{i18n.t("label-lot-number")}</label>
                <input id="lot-number" type="search" name="number" maxlength="64" value=number />
            </span>
            <button type="submit">{i18n.t("lots-search")}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match (number(), trace.await) {
                    (_, Err(error)) => view! { <ErrorPanel error /> }.into_any(),
                    (None, _) => view! { <p class="panel panel-muted">{i18n.t("lots-ask")}</p> }.into_any(),
                    (Some(_), Ok(t)) if t.lots.is_empty() => {
                        view! { <p class="panel panel-muted" data-empty="">{i18n.t("lots-none")}</p> }.into_any()
                    }
                    (Some(_), Ok(t)) => view! { <Trace t /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Trace(t: LotTraceView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="lots-where">
            <h2 id="lots-where">{i18n.t("lots-where")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t("stock-code")}</th>
                    <th scope="col">{i18n.t("stock-designation")}</th>
                    <th scope="col">{i18n.t("stock-site")}</th>
                    <th scope="col">{i18n.t("label-expiry")}</th>
                    <th scope="col" class="num">{i18n.t("lots-remaining")}</th>
                </tr></thead>
                <tbody>
                    {t.lots.into_iter().map(|l| view! {
                        <tr data-site=l.site_code.clone()>
                            <td><a href=format!("/stock/articles/{}", l.article_id)>{l.article_code.clone()}</a></td>
                            <td>{l.designation}</td>
                            <td>{l.site_code.clone()} {l.transferred.then(|| view! { " " <span class="badge">{i18n.t("lots-transferred")}</span> })}</td>
                            <td>{l.expiry.unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{format!("{} {}", i18n.quantity(l.remaining_milli), l.unit)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        <section class="panel" aria-labelledby="lots-history">
            <h2 id="lots-history">{i18n.t("lots-movements")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t("stock-when")}</th>
                    <th scope="col">{i18n.t("stock-movement-kind")}</th>
                    <th scope="col">{i18n.t("stock-code")}</th>
                    <th scope="col">{i18n.t("stock-site")}</th>
                    <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                    <th scope="col">{i18n.t("label-reference")}</th>
                    <th scope="col">{i18n.t("stock-who")}</th>
                </tr></thead>
                <tbody>
                    {t.movements.into_iter().map(|m| view! {
                        <tr data-movement=m.kind.as_str()>
                            <td>{i18n.date_time(m.at_local_ms)}</td>
                            <td>{i18n.t(m.kind.label_key())} {m.reason.map(|r| view! { <span class="muted">{format!(" · {r}")}</span> })}</td>
                            <td>{m.article_code}</td>
                            <td>{m.site_code}</td>
                            <td class="num">{format!("{}{} {}", if m.qty_milli > 0 { "+" } else { "−" }, i18n.quantity(m.qty_milli.abs()), m.unit)}</td>
                            <td>{m.reference.unwrap_or_default()}</td>
                            <td>{m.who}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Unreserved characters stay readable in a lot number's link (`L-2611`), the rest is encoded.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The trace page of a lot number.
pub fn lot_href(number: &str) -> String {
    let number = utf8_percent_encode(number, QUERY_VALUE);
    format!("/stock/lots?number={number}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn lot_numbers_are_encoded_in_links() {
        assert_eq!(super::lot_href("L-2611"), "/stock/lots?number=L-2611");
        assert_eq!(super::lot_href("L 26/11 & é"), "/stock/lots?number=L%2026%2F11%20%26%20%C3%A9");
    }
}
