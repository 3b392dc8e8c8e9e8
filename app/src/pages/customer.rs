use domain::customer::views::CustomerDetails;
use domain::invoicing::draft::Category;
use domain::party::PostalAddress;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::customer_form::CustomerFields;
use crate::api::customers::{DeleteCustomer, customer_view};
use crate::api::drafts::CreateDraft;
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// One customer: what its invoices print, and for those who manage customers, the form to
/// change it and the button to delete it.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let details = Resource::new(move || params.read().get("id").unwrap_or_default(), customer_view);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <p class="breadcrumb"><a href="/invoices/customers">{i18n.t("customers-title")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match details.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(d) => {
                        let edit = FormState::from_flash("customer", flash.clone());
                        let delete = FormState::from_flash("customers", flash.clone());
                        view! {
                            <Title text=format!("{} · {}", d.customer.legal_name, i18n.t("app-name")) />
                            <h1>{d.customer.legal_name.clone()}</h1>
                            <Summary d=d.clone() />
                            <p class="actions">
                                <a class="button" href=format!("/invoices/customers/{}/statement", d.id)>{i18n.t("statement-open")}</a>
                                " "
                                <a class="button" href=format!("/invoices?customer={}", d.id)>{i18n.t("statement-invoices")}</a>
                            </p>
                            {d.can_draft.then(|| view! { <NewDraft customer=d.id.clone() state=FormState::from_flash("new-draft", flash.clone()) /> })}
                            {d.can_manage.then(|| view! {
                                <h2>{i18n.t("customer-edit-title")}</h2>
                                <CustomerFields country=d.country stored=Some(d.customer.form(&d.id)) state=edit />
                                <DeleteForm id=d.id.clone() state=delete />
                            })}
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn address_block(address: &PostalAddress) -> impl IntoView + use<> {
    let lines = address.lines().into_iter().map(|line| view! { {line} <br /> }).collect_view();
    view! { <address>{lines}</address> }
}

#[component]
fn Summary(d: CustomerDetails) -> impl IntoView {
    let i18n = use_i18n();
    let c = d.customer;
    let ids = c
        .ids
        .printed()
        .into_iter()
        .map(|(name, value)| {
            let label = match name {
                "siren" => "label-siren",
                "siret" => "label-siret-customer",
                "vat_number" => "label-vat-number",
                "nif" => "label-nif",
                "nis" => "label-nis",
                "rc" => "label-rc",
                _ => "label-ai",
            };
            view! { <dt>{i18n.t(label)}</dt> <dd class="code">{value}</dd> }
        })
        .collect_view();
    let terms = match c.terms {
        Some(t) => i18n.t_count("customer-terms-days", i64::from(t.days())),
        None => i18n.t("customer-terms-company"),
    };
    view! {
        <section class="panel" aria-labelledby="customer-summary">
            <h2 id="customer-summary">{i18n.t(c.kind.label_key())}{c.legal_form.clone().map(|f| format!(" · {f}"))}</h2>
            <dl class="facts">
                <dt>{i18n.t("customer-section-address")}</dt>
                <dd>{address_block(&c.address)}</dd>
                {c.delivery_address.as_ref().map(|a| view! {
                    <dt>{i18n.t("customer-section-delivery")}</dt>
                    <dd>{address_block(a)}</dd>
                })}
                {c.email.as_ref().map(|e| view! { <dt>{i18n.t("label-customer-email")}</dt> <dd>{e.as_str().to_owned()}</dd> })}
                <dt>{i18n.t("label-customer-terms")}</dt>
                <dd>{terms}</dd>
                {ids}
            </dl>
            <p class="muted">{i18n.t_args("customer-dates", &[
                ("created", i18n.date_time(d.created_at_local_ms)),
                ("updated", i18n.date_time(d.updated_at_local_ms)),
            ])}</p>
        </section>
    }
}

#[component]
fn DeleteForm(id: String, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="customer-delete">
            <h2 id="customer-delete">{i18n.t("customer-delete-title")}</h2>
            <p>{i18n.t("customer-delete-intro")}</p>
            <form method="post" action=DeleteCustomer::PATH class="form">
                <FormFeedback state />
                <input type="hidden" name="id" value=id />
                <button type="submit" class="danger">{i18n.t("customer-delete")}</button>
            </form>
        </section>
    }
}

/// Starts an invoice draft for this customer: dated today unless another day is given, due
/// after the customer's terms.
#[component]
fn NewDraft(customer: String, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let categories = Category::ALL
        .map(|c| view! { <option value=c.as_str() selected=c == Category::Services>{i18n.t(c.label_key())}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="new-draft">
            <h2 id="new-draft">{i18n.t("draft-new-title")}</h2>
            <form method="post" action=CreateDraft::PATH class="form form-inline">
                <FormFeedback state />
                <input type="hidden" name="customer" value=customer />
                <div class="field">
                    <label for="new-draft-category">{i18n.t("draft-category")}</label>
                    <select id="new-draft-category" name="category">{categories}</select>
                </div>
                <button type="submit" class="primary">{i18n.t("draft-new-submit")}</button>
            </form>
        </section>
    }
}
