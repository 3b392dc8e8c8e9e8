use domain::Money;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::invoices::invoices_list;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// The invoicing area: the issued invoices, newest first, and the ways to the drafts and the
/// customers.
#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let listing = Resource::new(|| (), |_| invoices_list());
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
        <h2>{i18n.t("invoices-issued-title")}</h2>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                if data.invoices.is_empty() {
                    return view! { <p class="empty" data-empty="">{i18n.t("invoices-empty")}</p> }.into_any();
                }
                let currency = data.currency;
                let rows = data
                    .invoices
                    .into_iter()
                    .map(|inv| view! {
                        <tr>
                            <td><a href=format!("/invoices/issued/{}", inv.id)>{inv.number.clone()}</a></td>
                            <td>{inv.customer_name.clone()}</td>
                            <td>{i18n.day(inv.issue_date)}</td>
                            <td>{i18n.day(inv.due_date)}</td>
                            <td class="num">{i18n.money(Money::new(inv.total_minor, currency))}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{i18n.t("invoice-number")}</th>
                            <th scope="col">{i18n.t("draft-customer")}</th>
                            <th scope="col">{i18n.t("draft-issue-date")}</th>
                            <th scope="col">{i18n.t("draft-due-date")}</th>
                            <th scope="col" class="num">{i18n.t("invoice-total")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            })}
        </Suspense>
    }
}
