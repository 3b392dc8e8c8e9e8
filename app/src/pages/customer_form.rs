use domain::Country;
use domain::customer::{CustomerForm, CustomerKind};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::customers::{CreateCustomer, UpdateCustomer, new_customer_country};
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// A new customer of the company's country.
#[component]
pub fn CustomerNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = Resource::new(|| (), |_| take_flash());
    let country = Resource::new(|| (), |_| new_customer_country());
    view! {
        <Title text=format!("{} · {}", i18n.t("customer-new-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/invoices/customers">{i18n.t("customers-title")}</a></p>
        <h1>{i18n.t("customer-new-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("customer", flash.await.ok().flatten());
                match country.await {
                    Ok(country) => view! { <CustomerFields country stored=None state /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The customer form, empty or filled with `stored`; the identifiers shown are those of the
/// company's country.
#[component]
pub fn CustomerFields(country: Country, stored: Option<CustomerForm>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let editing = stored.is_some();
    let stored =
        stored.unwrap_or_else(|| CustomerForm { kind: CustomerKind::Business.as_str().into(), ..Default::default() });
    let values: Vec<(&'static str, String)> = stored.values().into_iter().map(|(n, v)| (n, v.to_owned())).collect();
    let shown = move |name: &str| {
        state
            .typed(name)
            .unwrap_or_else(|| values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default())
    };
    let field = {
        let shown = shown.clone();
        move |name: &'static str, label: &'static str, max: usize, required: bool| {
            view! { <TextField name id="customer" label value=shown(name) required maxlength=max error=state.field_error(name) /> }
        }
    };
    let kind = shown("kind");
    let kinds = CustomerKind::ALL
        .map(|k| {
            view! {
                <label class="check">
                    <input type="radio" name="kind" value=k.as_str() checked=kind == k.as_str() />
                    {i18n.t(k.label_key())}
                </label>
            }
        })
        .collect_view();
    let registration = match country {
        Country::France => view! {
            {field("siren", "label-siren", 11, false)}
            {field("siret", "label-siret-customer", 17, false)}
            {field("vat_number", "label-vat-number", 16, false)}
        }
        .into_any(),
        Country::Algeria => view! {
            {field("nif", "label-nif", 24, false)}
            {field("nis", "label-nis", 19, false)}
            {field("rc", "label-rc", 30, false)}
            {field("ai", "label-ai", 14, false)}
        }
        .into_any(),
    };
    let (action, submit) =
        if editing { (UpdateCustomer::PATH, "customer-save") } else { (CreateCustomer::PATH, "customer-create") };
    view! {
        <section class="panel">
            <form method="post" action=action class="form" novalidate>
                <FormFeedback state />
                {editing.then(|| view! { <input type="hidden" name="id" value=stored.id.clone() /> })}
                <fieldset class="form-grid">
                    <legend>{i18n.t("customer-section-identity")}</legend>
                    <div class="checks" role="radiogroup" aria-label=i18n.t("customer-kind")>{kinds}</div>
                    {move || state.field_error("kind").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                    {field("legal_name", "label-customer-name", 120, true)}
                    {field("legal_form", "label-legal-form", 60, false)}
                    {field("email", "label-customer-email", 254, false)}
                    {field("payment_terms", "label-customer-terms", 3, false)}
                    <p class="hint">{i18n.t("customer-terms-hint")}</p>
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("customer-section-address")}</legend>
                    {field("street", "label-street", 120, true)}
                    {field("street2", "label-street2", 120, false)}
                    {field("postcode", "label-postcode", 5, true)}
                    {field("city", "label-city", 80, true)}
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("customer-section-delivery")}</legend>
                    <p class="hint">{i18n.t("customer-delivery-hint")}</p>
                    {field("delivery_street", "label-delivery-street", 120, false)}
                    {field("delivery_street2", "label-delivery-street2", 120, false)}
                    {field("delivery_postcode", "label-delivery-postcode", 5, false)}
                    {field("delivery_city", "label-delivery-city", 80, false)}
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("customer-section-registration")}</legend>
                    <p class="hint">{i18n.t("customer-registration-hint")}</p>
                    {registration}
                </fieldset>
                <button type="submit" class="primary">{i18n.t(submit)}</button>
            </form>
        </section>
    }
}
