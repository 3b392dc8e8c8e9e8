//! `/verify` and `/verify/:id`, for anyone holding an invoice: its file, its SHA-256 or the
//! address printed on it. Nothing is shown without one of them.

use domain::Money;
use domain::invoicing::issued::VerifiedInvoice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::ApiError;
use crate::api::verify::{verify_by_hash, verify_by_id};
use crate::components::auth_card::AuthCard;
use crate::i18n::use_i18n;

/// The upload handler sends a refused file back here with its reason (`?refused=not-a-pdf`).
const FILE_REFUSALS: [&str; 3] = ["not-a-pdf", "file-too-large", "required"];

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let asked = move || {
        let q = query.read();
        (q.get("hash").filter(|h| !h.trim().is_empty()), q.get("id"))
    };
    let result = Resource::new(asked, |(hash, id)| async move {
        match hash {
            Some(hash) => Some(verify_by_hash(hash, id).await),
            None => None,
        }
    });
    let refused = move || {
        query
            .read()
            .get("refused")
            .filter(|code| FILE_REFUSALS.contains(&code.as_str()))
            .map(|code| i18n.field_error(&code))
    };
    view! {
        <Title text=format!("{} · {}", i18n.t("verify-title"), i18n.t("app-name")) />
        <AuthCard title="verify-title">
            <p>{i18n.t("verify-intro")}</p>
            {move || refused().map(|message| view! { <p class="notice notice-error" role="alert">{message}</p> })}
            <Suspense>
                {move || Suspend::new(async move { result.await.map(|r| view! { <Outcome result=r /> }) })}
            </Suspense>
            <FileForm expected=None />
            <form method="get" action="/verify" class="form verify-form">
                <div class="field">
                    <label for="verify-hash">{i18n.t("verify-hash")}</label>
                    <input id="verify-hash" name="hash" type="text" maxlength="80" autocomplete="off" spellcheck="false" />
                </div>
                <button type="submit">{i18n.t("verify-hash-submit")}</button>
            </form>
        </AuthCard>
    }
}

/// The address printed on an invoice: which invoice it is, and the file check.
#[component]
pub fn VerifyCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let found = Resource::new(id, verify_by_id);
    view! {
        <Title text=format!("{} · {}", i18n.t("verify-title"), i18n.t("app-name")) />
        <AuthCard title="verify-title">
            <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match found.await {
                        Ok(invoice) => view! {
                            <p>{i18n.t("verify-code-found")}</p>
                            <Summary invoice />
                            <p>{i18n.t("verify-code-intro")}</p>
                            <FileForm expected=Some(id()) />
                        }
                        .into_any(),
                        Err(error) => view! {
                            <p class="notice notice-error" role="alert">{i18n.t(unknown_code(&error))}</p>
                            <p><a href="/verify">{i18n.t("verify-title")}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

fn unknown_code(error: &ApiError) -> &'static str {
    if error.code == "not-found" || error.code == "validation" { "verify-code-unknown" } else { "error-internal" }
}

#[component]
fn FileForm(expected: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="post" action="/verify" enctype="multipart/form-data" class="form verify-form">
            {expected.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <div class="field">
                <label for="verify-file">{i18n.t("verify-file")}</label>
                <input id="verify-file" name="file" type="file" accept="application/pdf,.pdf" required />
            </div>
            <button type="submit" class="primary">{i18n.t("verify-file-submit")}</button>
        </form>
    }
}

#[component]
fn Outcome(result: Result<VerifiedInvoice, ApiError>) -> impl IntoView {
    let i18n = use_i18n();
    match result {
        Ok(invoice) => view! {
            <div class="notice notice-ok" role="status" data-verified="true">
                <p><strong>{i18n.t("verify-genuine")}</strong></p>
                <Summary invoice />
            </div>
        }
        .into_any(),
        Err(error) => {
            let message = match error.fields.first() {
                Some(field) => i18n.field_error(&field.code),
                None => i18n.error(&error),
            };
            view! { <p class="notice notice-error" role="alert" data-verified="false">{message}</p> }.into_any()
        }
    }
}

#[component]
fn Summary(invoice: VerifiedInvoice) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="facts" data-number=invoice.number.clone()>
            <dt>{i18n.t("invoice-number")}</dt><dd>{invoice.number.clone()}</dd>
            <dt>{i18n.t("draft-issue-date")}</dt><dd>{i18n.day(invoice.issue_date)}</dd>
            <dt>{i18n.t("verify-issuer")}</dt><dd>{invoice.issuer.clone()}</dd>
            <dt>{i18n.t("invoice-total")}</dt><dd>{i18n.money(Money::new(invoice.total_minor, invoice.currency))}</dd>
        </dl>
    }
}
