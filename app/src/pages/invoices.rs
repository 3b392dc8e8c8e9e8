use domain::Money;
use domain::invoicing::listing::{InvoiceListing, StatusFilter};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::invoices::invoices_list;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The invoicing area: the ways to the drafts and the customers, then the issued invoices,
/// newest first, filtered by status, customer and period (a GET form), 50 at a time, with the
/// totals of everything the filters select.
#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.is_empty());
    let listing = Resource::new(
        move || (param("status"), param("customer"), param("from"), param("to"), param("after")),
        |(status, customer, from, to, after)| invoices_list(status, customer, from, to, after),
    );
    view! {
        <Title text=format!("{} · {}", i18n.t("nav-invoices"), i18n.t("app-name")) />
        <h1>{i18n.t("nav-invoices")}</h1>
        <div class="hub">
            <section class="panel hub-item">
                <h2><a href="/invoices/drafts">{i18n.t("drafts-title")}</a></h2>
                <p>{i18n.t("drafts-intro")}</p>
            </section>
            <section class="panel hub-item">
                <h2><a href="/invoices/customers">{i18n.t("customers-title")}</a></h2>
                <p>{i18n.t("customers-intro")}</p>
            </section>
        </div>
        <h2 id="issued-title">{i18n.t("invoices-issued-title")}</h2>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <Filters param customer_name=None /> <ErrorPanel error /> }.into_any(),
                };
                let next = data.next.clone().map(|after| {
                    let mut q = query.get_untracked();
                    q.replace("after", after);
                    view! { <p><a href=format!("/invoices{}", q.to_query_string()) rel="next">{i18n.t("invoices-next-page")}</a></p> }
                });
                let print = (data.totals.count > 0).then(|| {
                    let mut q = query.get_untracked();
                    q.remove("after");
                    view! { <a class="button" href=format!("/invoices/print.pdf{}", q.to_query_string())>{i18n.t("invoices-print")}</a> }
                });
                let ledger = data.ledger.then(|| view! { <a class="button" href="/invoices/ledger">{i18n.t("ledger-title")}</a> });
                let print = view! { <p class="actions no-print">{print} " " {ledger}</p> };
                view! {
                    <Filters param customer_name=data.customer_name.clone() />
                    {print}
                    <IssuedTable data />
                    {next}
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The GET form of the list's filters; a customer chosen elsewhere (its page) is shown with a
/// way to drop it.
#[component]
fn Filters(param: impl Fn(&str) -> Option<String> + Copy + 'static, customer_name: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let status = param("status").unwrap_or_default();
    let options = StatusFilter::ALL
        .map(|s| view! { <option value=s.as_str() selected=status == s.as_str()>{i18n.t(s.label_key())}</option> })
        .collect_view();
    let customer = param("customer").zip(customer_name).map(|(id, name)| {
        view! {
            <input type="hidden" name="customer" value=id />
            <span class="pair">{i18n.t_args("invoices-filter-customer", &[("name", name)])} " "
                <a href="/invoices">{i18n.t("invoices-filter-all-customers")}</a></span>
        }
    });
    view! {
        <form method="get" action="/invoices" class="filter" role="search" aria-labelledby="issued-title">
            {customer}
            <span class="pair">
                <label for="invoices-status">{i18n.t("invoices-filter-status")}</label>
                <select id="invoices-status" name="status">
                    <option value="">{i18n.t("invoices-filter-any")}</option>
                    {options}
                </select>
            </span>
            <span class="pair">
                <label for="invoices-from">{i18n.t("invoices-filter-from")}</label>
                <input id="invoices-from" type="date" name="from" value=param("from") />
            </span>
            <span class="pair">
                <label for="invoices-to">{i18n.t("invoices-filter-to")}</label>
                <input id="invoices-to" type="date" name="to" value=param("to") />
            </span>
            <button type="submit">{i18n.t("filter-submit")}</button>
        </form>
    }
    .into_any()
}

#[component]
fn IssuedTable(data: InvoiceListing) -> impl IntoView {
    let i18n = use_i18n();
    let currency = data.currency;
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    if data.invoices.is_empty() {
        let key = if data.totals.count == 0 { "invoices-empty" } else { "invoices-none-found" };
        return view! { <p class="empty" data-empty="">{i18n.t(key)}</p> }.into_any();
    }
    let rows = data
        .invoices
        .into_iter()
        .map(|inv| {
            let overdue = inv.overdue.then(|| view! { " " <span class="pill pill-overdue">{i18n.t("invoice-overdue")}</span> });
            view! {
                <tr data-invoice=inv.number.clone()>
                    <td><a href=format!("/invoices/issued/{}", inv.id)>{inv.number.clone()}</a></td>
                    <td><a href=format!("/invoices?customer={}", inv.customer_id)>{inv.customer_name.clone()}</a></td>
                    <td>{i18n.day(inv.issue_date)}</td>
                    <td>{i18n.day(inv.due_date)}</td>
                    <td class="num">{money(inv.total_minor)}</td>
                    <td class="num">{money(inv.due_minor.max(0))}</td>
                    <td><span class="pill" data-settlement=inv.settlement.as_str()>{i18n.t(inv.settlement.label_key())}</span>{overdue}</td>
                </tr>
            }
        })
        .collect_view();
    let t = data.totals;
    view! {
        <table class="data">
            <caption class="visually-hidden">{i18n.t("invoices-issued-title")}</caption>
            <thead><tr>
                <th scope="col">{i18n.t("invoice-number")}</th>
                <th scope="col">{i18n.t("draft-customer")}</th>
                <th scope="col">{i18n.t("draft-issue-date")}</th>
                <th scope="col">{i18n.t("draft-due-date")}</th>
                <th scope="col" class="num">{i18n.t("invoice-total")}</th>
                <th scope="col" class="num">{i18n.t("balance-due")}</th>
                <th scope="col">{i18n.t("invoices-status")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr data-totals="">
                <th scope="row" colspan="4">{i18n.t_count("invoices-selected", t.count)}</th>
                <td class="num"><strong>{money(t.total_minor)}</strong></td>
                <td class="num"><strong>{money(t.due_minor)}</strong></td>
                <td></td>
            </tr></tfoot>
        </table>
    }
    .into_any()
}
