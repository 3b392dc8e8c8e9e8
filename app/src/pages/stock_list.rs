use domain::Money;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::stock::stock_articles;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// Articles with their stock, searchable and filtered by site and "below minimum", a page of 50
/// at a time (keyset: the next page starts after the last code). Filters are a GET form.
#[component]
pub fn StockListPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let listing = Resource::new(
        move || (param("q"), param("site"), param("category"), param("below_min"), param("after")),
        |(q, site, category, below_min, after)| stock_articles(q, site, category, below_min, after),
    );
    view! {
        <Title text=format!("{} · {}", i18n.t("stock-list-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("stock-list-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let chosen_site = param("site");
                let filters = view! {
                    <form method="get" action="/stock/articles" class="filter">
                        <span class="pair">
                            <label for="stock-q">{i18n.t("stock-search")}</label>
                            <input id="stock-q" type="search" name="q" maxlength="100" value=param("q") />
                        </span>
                        <span class="pair">
                            <label for="stock-site">{i18n.t("stock-site")}</label>
                            <select id="stock-site" name="site">
                                <option value="">{i18n.t("stock-all-sites")}</option>
                                {data.sites.iter().map(|(id, code, name)| {
                                    let selected = chosen_site.as_deref() == Some(id.as_str());
                                    view! { <option value=id.clone() selected=selected>{format!("{code} · {name}")}</option> }
                                }).collect_view()}
                            </select>
                        </span>
                        <span class="pair">
                            <label for="stock-category">{i18n.t("stock-category")}</label>
                            <select id="stock-category" name="category">
                                <option value="">{i18n.t("stock-all-categories")}</option>
                                {data.categories.iter().map(|c| {
                                    let selected = param("category").as_deref() == Some(c.as_str());
                                    view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </span>
                        <label class="check">
                            <input type="checkbox" name="below_min" value="on" checked=param("below_min").is_some() />
                            {i18n.t("stock-below-min")}
                        </label>
                        <button type="submit">{i18n.t("filter-submit")}</button>
                    </form>
                };
                let export = {
                    let mut q = query.get_untracked();
                    q.remove("after");
                    view! { <p class="actions"><a class="button" href=format!("/stock/articles.csv{}", q.to_query_string()) download="">{i18n.t("stock-export-csv")}</a></p> }
                };
                if data.lines.is_empty() {
                    return view! { {filters} <p class="empty" data-empty="">{i18n.t("stock-empty")}</p> }.into_any();
                }
                let currency = data.currency;
                let next = data.next.map(|after| {
                    let mut q = query.get_untracked();
                    q.replace("after", after);
                    view! { <p><a href=format!("/stock/articles{}", q.to_query_string()) rel="next">{i18n.t("stock-next-page")}</a></p> }
                });
                view! {
                    {filters}
                    {export}
                    <table class="data stock">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t("stock-code")}</th>
                                <th scope="col">{i18n.t("stock-designation")}</th>
                                <th scope="col">{i18n.t("stock-category")}</th>
                                <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                                <th scope="col" class="num">{i18n.t("stock-value")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {data.lines.into_iter().map(|l| view! {
                                <tr data-article=l.code.clone() class:below-min=l.below_min>
                                    <td><a href=format!("/stock/articles/{}", l.id)>{l.code.clone()}</a></td>
                                    <td>{l.designation.clone()}</td>
                                    <td>{l.category.clone().unwrap_or_default()}</td>
                                    <td class="num">
                                        {format!("{} {}", i18n.quantity(l.qty_milli), l.unit)}
                                        {l.below_min.then(|| view! { " " <span class="badge badge-error">{i18n.t("stock-low")}</span> })}
                                    </td>
                                    <td class="num">{i18n.money(Money::new(l.value_minor, currency))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {next}
                }
                .into_any()
            })}
        </Suspense>
    }
}
