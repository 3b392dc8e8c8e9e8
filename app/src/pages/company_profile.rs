use domain::company::CompanyProfileForm;
use domain::company::views::ProfileSettings;
use domain::{Country, Lang};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::company::{RemoveCompanyLogo, SaveCompanyProfile, company_settings};
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// For the company's admins: its legal identity, bank details and invoicing settings, and what
/// invoices would still lack.
#[component]
pub fn CompanyProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let settings = Resource::new(|| (), |_| company_settings());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("company-profile-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/settings">{i18n.t("nav-settings")}</a></p>
        <h1>{i18n.t("company-profile-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let state = FormState::from_flash("profile", flash.clone());
                let logo = FormState::from_flash("logo", flash);
                match settings.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(settings) => view! {
                        <Readiness settings=settings.clone() />
                        <ProfileForm settings=settings.clone() state />
                        <LogoPanel version=settings.logo_version state=logo />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// What every invoice would still lack, or that nothing is.
#[component]
fn Readiness(settings: ProfileSettings) -> impl IntoView {
    let i18n = use_i18n();
    let fixed = i18n.t_args(
        "company-fixed",
        &[("country", i18n.t(settings.country.label_key())), ("currency", settings.currency.code().to_owned())],
    );
    let saved = match settings.updated_at_local_ms {
        Some(ms) => i18n.t_args("company-updated", &[("time", i18n.date_time(ms))]),
        None => i18n.t("company-never-saved"),
    };
    let readiness = if settings.missing.is_empty() {
        view! { <p class="notice notice-ok" data-ready="true">{i18n.t("company-complete")}</p> }.into_any()
    } else {
        let items = settings.missing.iter().map(|m| view! { <li>{i18n.t(m.label_key())}</li> }).collect_view();
        view! {
            <div class="notice notice-warning" data-ready="false">
                <h2 class="notice-title">{i18n.t("company-missing-title")}</h2>
                <p>{i18n.t("company-missing-intro")}</p>
                <ul>{items}</ul>
            </div>
        }
        .into_any()
    };
    view! {
        <p class="muted">{fixed} " " {saved}</p>
        {readiness}
    }
}

#[component]
fn ProfileForm(settings: ProfileSettings, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let point = if i18n.lang == Lang::Fr { ',' } else { '.' };
    let stored = CompanyProfileForm::of(&settings.profile, point);
    let values = stored.values();
    let field = move |name: &'static str, label: &'static str, max: usize, required: bool| {
        let value = state.typed(name).unwrap_or_else(|| {
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned()).unwrap_or_default()
        });
        view! {
            <TextField name id="company" label value required maxlength=max error=state.field_error(name) />
        }
    };
    let registration = match settings.country {
        Country::France => view! {
            {field("siren", "label-siren", 11, false)}
            {field("siret", "label-siret", 17, false)}
            {field("vat_number", "label-vat-number", 16, false)}
            {field("rcs_city", "label-rcs-city", 80, false)}
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
    let lang = state.typed("document_lang").unwrap_or(stored.document_lang.clone());
    let languages = Lang::ALL
        .map(|l| {
            let key = format!("language-{}", l.tag());
            view! { <option value=l.tag() selected=lang == l.tag()>{i18n.t(&key)}</option> }
        })
        .collect_view();
    view! {
        <section class="panel">
            <form method="post" action=SaveCompanyProfile::PATH class="form" novalidate>
                <FormFeedback state />
                <fieldset class="form-grid">
                    <legend>{i18n.t("company-section-identity")}</legend>
                    {field("legal_name", "label-legal-name", 120, true)}
                    {field("legal_form", "label-legal-form", 60, false)}
                    {field("share_capital", "label-share-capital", 24, false)}
                    <p class="hint">{i18n.t("company-legal-form-hint")}</p>
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("company-section-address")}</legend>
                    {field("street", "label-street", 120, true)}
                    {field("street2", "label-street2", 120, false)}
                    {field("postcode", "label-postcode", 5, true)}
                    {field("city", "label-city", 80, true)}
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("company-section-contact")}</legend>
                    {field("email", "label-email", 254, false)}
                    {field("phone", "label-phone", 30, false)}
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("company-section-registration")}</legend>
                    {registration}
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("company-section-bank")}</legend>
                    {field("bank_account", "label-bank-account", 42, false)}
                    {field("bic", "label-bic", 14, false)}
                </fieldset>
                <fieldset class="form-grid">
                    <legend>{i18n.t("company-section-invoicing")}</legend>
                    {field("payment_terms", "label-payment-terms", 3, true)}
                    {field("late_penalty_rate", "label-late-penalty-rate", 8, false)}
                    {field("hourly_rate", "label-hourly-rate", 16, false)}
                    <p class="hint">{i18n.t("company-penalty-hint")}</p>
                    {field("invoice_prefix", "label-invoice-prefix", 10, true)}
                    {field("credit_note_prefix", "label-credit-note-prefix", 10, true)}
                    <p class="hint">{i18n.t("company-prefix-hint")}</p>
                    <div class="field">
                        <label for="company-document_lang">{i18n.t("label-document-lang")}</label>
                        <select id="company-document_lang" name="document_lang">{languages}</select>
                    </div>
                </fieldset>
                <button type="submit" class="primary">{i18n.t("company-save")}</button>
            </form>
        </section>
    }
}

/// The logo printed on documents: the current one, a new upload, and removing it.
#[component]
fn LogoPanel(version: Option<i64>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="logo-title">
            <h2 id="logo-title">{i18n.t("company-logo-title")}</h2>
            <FormFeedback state />
            {match version {
                Some(v) => view! {
                    <img class="logo-preview" src=format!("/settings/company/logo.png?v={v}") alt=i18n.t("company-logo-alt") />
                    <form method="post" action=RemoveCompanyLogo::PATH class="form-inline">
                        <button type="submit" class="danger">{i18n.t("company-logo-remove")}</button>
                    </form>
                }.into_any(),
                None => view! { <p class="muted" data-empty="">{i18n.t("company-logo-none")}</p> }.into_any(),
            }}
            <form method="post" action="/settings/company/logo" enctype="multipart/form-data" class="form">
                <div class="field" class:field-invalid=move || state.field_error("logo").get().is_some()>
                    <label for="company-logo">{i18n.t("company-logo-file")}</label>
                    <input id="company-logo" type="file" name="logo" accept="image/png,image/jpeg" required />
                    {move || state.field_error("logo").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <p class="hint">{i18n.t("company-logo-hint")}</p>
                <button type="submit" class="primary">{i18n.t("company-logo-upload")}</button>
            </form>
        </section>
    }
}
