use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::stock_reports::stock_anomalies;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// Movements that went through but look unusual (a large change of a level, or made at night),
/// newest first.
#[component]
pub fn AnomaliesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let anomalies = Resource::new(move || query.read().get("before"), stock_anomalies);
    view! {
        <Title text=format!("{} · {}", i18n.t("anomalies-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("anomalies-title")}</h1>
        <p class="hint">{i18n.t("anomalies-rules")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match anomalies.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(page) if page.events.is_empty() => {
                        view! { <p class="panel panel-muted" data-empty="">{i18n.t("anomalies-none")}</p> }.into_any()
                    }
                    Ok(page) => {
                        let older = page.next.map(|before| view! {
                            <p><a href=format!("/stock/anomalies?before={before}") rel="next">{i18n.t("audit-older")}</a></p>
                        });
                        view! {
                            <table class="data">
                                <thead><tr>
                                    <th scope="col">{i18n.t("stock-when")}</th>
                                    <th scope="col">{i18n.t("anomalies-severity")}</th>
                                    <th scope="col">{i18n.t("anomalies-kind")}</th>
                                    <th scope="col">{i18n.t("stock-code")}</th>
                                    <th scope="col">{i18n.t("stock-site")}</th>
                                    <th scope="col" class="num">{i18n.t("anomalies-change")}</th>
                                    <th scope="col">{i18n.t("stock-who")}</th>
                                </tr></thead>
                                <tbody>
                                    {page.events.into_iter().map(|e| {
                                        let change = match (e.before_milli, e.after_milli) {
                                            (Some(b), Some(a)) => format!("{} → {}", i18n.quantity(b), i18n.quantity(a)),
                                            _ => "—".into(),
                                        };
                                        view! {
                                            <tr data-kind=e.kind.as_str()>
                                                <td>{i18n.date_time(e.at_local_ms)}</td>
                                                <td><span class="badge badge-warning">{i18n.t(e.severity.label_key())}</span></td>
                                                <td>{i18n.t(e.kind.label_key())}</td>
                                                <td>{match (e.article_id, e.article_code) {
                                                    (Some(id), Some(code)) => view! { <a href=format!("/stock/articles/{id}")>{code}</a> }.into_any(),
                                                    _ => "—".into_any(),
                                                }}</td>
                                                <td>{e.site_code.unwrap_or_default()}</td>
                                                <td class="num">{change}</td>
                                                <td>{e.who}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {older}
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
