use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::customers::customers_list;
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The company's customers by name, searchable, 50 at a time (keyset: the next page starts
/// after the last customer). The search is a GET form.
#[component]
pub fn CustomersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let listing = Resource::new(move || (param("q"), param("after")), |(q, after)| customers_list(q, after));
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("customers-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/invoices">{i18n.t("nav-invoices")}</a></p>
        <h1>{i18n.t("customers-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                // An import comes back with its count, shown with the right plural.
                let imported = flash.as_ref().filter(|f| f.form == "imported").and_then(|f| f.value("count").map(str::to_owned));
                let state = FormState::from_flash("customers", flash);
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let actions = view! {
                    <p class="actions">
                        {data.can_manage.then(|| view! {
                            <a class="button primary" href="/invoices/customers/new">{i18n.t("customer-new-title")}</a>
                            <a class="button" href="/invoices/customers/import">{i18n.t("customer-import-title")}</a>
                        })}
                        {(data.total > 0).then(|| view! {
                            <a class="button" href="/invoices/customers.csv" download="">{i18n.t("customers-export-csv")}</a>
                        })}
                    </p>
                };
                let done = imported.map(|count| {
                    let n = count.parse::<i64>().unwrap_or_default();
                    view! { <p class="notice notice-ok" role="status">{i18n.t_count("customers-imported", n)}</p> }
                });
                let search = view! {
                    <form method="get" action="/invoices/customers" class="filter" role="search">
                        <span class="pair">
                            <label for="customers-q">{i18n.t("customers-search")}</label>
                            <input id="customers-q" type="search" name="q" maxlength="100" value=param("q") />
                        </span>
                        <button type="submit">{i18n.t("filter-submit")}</button>
                    </form>
                };
                if data.lines.is_empty() {
                    let empty = if data.total == 0 { "customers-empty" } else { "customers-none-found" };
                    return view! {
                        {done} <FormFeedback state /> {actions} {search}
                        <p class="empty" data-empty="">{i18n.t(empty)}</p>
                    }
                    .into_any();
                }
                let next = data.next.map(|after| {
                    let mut q = query.get_untracked();
                    q.replace("after", after);
                    view! { <p><a href=format!("/invoices/customers{}", q.to_query_string()) rel="next">{i18n.t("customers-next-page")}</a></p> }
                });
                let rows = data
                    .lines
                    .into_iter()
                    .map(|c| view! {
                        <tr data-customer=c.legal_name.clone()>
                            <td><a href=format!("/invoices/customers/{}", c.id)>{c.legal_name.clone()}</a></td>
                            <td>{i18n.t(c.kind.label_key())}</td>
                            <td>{c.city.clone()}</td>
                            <td class="code">{c.identifier.clone().unwrap_or_default()}</td>
                            <td>{c.email.clone().unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    {done}
                    <FormFeedback state />
                    {actions}
                    {search}
                    <p class="muted">{i18n.t_count("customers-count", data.total)}</p>

                        <table class="data">
                            <thead><tr>
                                <th scope="col">{i18n.t("label-legal-name")}</th>
                                <th scope="col">{i18n.t("customer-kind")}</th>
                                <th scope="col">{i18n.t("label-city")}</th>
                                <th scope="col">{i18n.t("customer-identifier")}</th>
                                <th scope="col">{i18n.t("label-email")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    {next}
                }
                .into_any()
            })}
        </Suspense>
    }
}
