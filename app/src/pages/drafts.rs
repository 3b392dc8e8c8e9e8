use domain::Money;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::drafts::drafts_list;
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The drafts being prepared, newest first. A draft is started from its customer's page.
#[component]
pub fn DraftsPage() -> impl IntoView {
    let i18n = use_i18n();
    let listing = Resource::new(|| (), |_| drafts_list());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("drafts-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/invoices">{i18n.t("nav-invoices")}</a></p>
        <h1>{i18n.t("drafts-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("drafts", flash.await.ok().flatten());
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let start = data.can_edit.then(|| view! {
                    <p class="hint">{i18n.t("drafts-start-hint")} " " <a href="/invoices/customers">{i18n.t("customers-title")}</a></p>
                });
                if data.drafts.is_empty() {
                    return view! {
                        <FormFeedback state />
                        <p class="empty" data-empty="">{i18n.t("drafts-empty")}</p>
                        {start}
                    }
                    .into_any();
                }
                let currency = data.currency;
                let rows = data
                    .drafts
                    .into_iter()
                    .map(|d| view! {
                        <tr>
                            <td><a href=format!("/invoices/drafts/{}", d.id)>{d.customer_name.clone()}</a></td>
                            <td>{i18n.day(d.issue_date)}</td>
                            <td class="num">{d.lines}</td>
                            <td class="num">{d.total_minor.map(|t| i18n.money(Money::new(t, currency))).unwrap_or_default()}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <FormFeedback state />
                    {start}
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{i18n.t("draft-customer")}</th>
                            <th scope="col">{i18n.t("draft-issue-date")}</th>
                            <th scope="col" class="num">{i18n.t("draft-lines")}</th>
                            <th scope="col" class="num">{i18n.t("draft-total")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            })}
        </Suspense>
    }
}
