use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::flash::take_flash;
use crate::api::invoices::invoice_details;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::invoice_lines::{LineTable, TotalsBlock};
use crate::i18n::use_i18n;
use crate::pages::invoice_settling::{CreditNotesPanel, PaymentsPanel};

/// One issued invoice, as it was issued: its PDF, its stored fingerprint re-checked against
/// the stored bytes, and its public verification address.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let invoice = Resource::new(move || params.read().get("id").unwrap_or_default(), invoice_details);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <p class="breadcrumb no-print"><a href="/invoices">{i18n.t("nav-invoices")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let state = FormState::from_flash("issue", flash.clone());
                let paying = FormState::from_flash("payment", flash.clone());
                let crediting = FormState::from_flash("credit", flash.clone());
                let v = match invoice.await {
                    Ok(v) => v,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let inv = v.invoice.clone();
                let number = inv.number.text();
                let title_key = if inv.is_credit_note() { "credit-note-title" } else { "invoice-title" };
                let title = i18n.t_args(title_key, &[("number", number.clone())]);
                let credits = inv.credits.clone().map(|c| view! {
                    <dt>{i18n.t("credit-note-credits")}</dt>
                    <dd><a href=format!("/invoices/issued/{}", c.id)>{c.number}</a> " · " {i18n.day(c.issue_date)}</dd>
                    <dt>{i18n.t("credit-reason")}</dt><dd>{c.reason}</dd>
                }.into_any());
                let settling = v.settling.clone().map(|s| view! {
                    <PaymentsPanel invoice=v.id.clone() s=s.clone() currency=inv.currency state=paying />
                    <CreditNotesPanel invoice=v.id.clone() s currency=inv.currency state=crediting />
                }.into_any());
                let pdf = format!("/invoices/issued/{}/pdf", v.id);
                let integrity = if v.bytes_intact {
                    view! { <p class="notice notice-ok" data-intact="true">{i18n.t("invoice-intact")}</p> }.into_any()
                } else {
                    view! { <p class="notice notice-error" role="alert" data-intact="false">{i18n.t("invoice-altered")}</p> }.into_any()
                };
                view! {
                    <Title text=format!("{title} · {}", i18n.t("app-name")) />
                    <h1>{title}</h1>
                    <FormFeedback state />
                    {v.settling.is_none().then(|| view! { <FormFeedback state=crediting /> })}
                    <p class="actions no-print">
                        <a class="button primary" href=pdf.clone()>{i18n.t("invoice-open-pdf")}</a>
                        " "
                        <a class="button" href=format!("{pdf}?download=1") download=inv.file_name()>{i18n.t("invoice-download-pdf")}</a>
                    </p>
                    <section class="panel">
                        <dl class="facts">
                            <dt>{i18n.t("draft-customer")}</dt><dd>{inv.buyer.legal_name.clone()}</dd>
                            <dt>{i18n.t("draft-issue-date")}</dt><dd>{i18n.day(inv.issue_date)}</dd>
                            {credits}
                            {(!inv.is_credit_note()).then(|| view! { <dt>{i18n.t("draft-due-date")}</dt><dd>{i18n.day(inv.due_date)}</dd> })}
                            <dt>{i18n.t("draft-category")}</dt><dd>{i18n.t(inv.category.label_key())}</dd>
                            {inv.payment_method.map(|m| view! { <dt>{i18n.t("draft-payment-method")}</dt><dd>{i18n.t(m.label_key())}</dd> })}
                            {inv.exemption.clone().map(|e| view! { <dt>{i18n.t("draft-exemption")}</dt><dd>{e}</dd> })}
                            <dt>{i18n.t("invoice-issued-at")}</dt><dd>{i18n.date_time(v.issued_at_local_ms)}</dd>
                        </dl>
                        <LineTable lines=inv.lines.clone() currency=inv.currency draft=None />
                        <TotalsBlock totals=inv.totals.clone() currency=inv.currency />
                    </section>
                    {settling}
                    <section class="panel" aria-labelledby="integrity-title">
                        <h2 id="integrity-title">{i18n.t("invoice-integrity-title")}</h2>
                        {integrity}
                        <dl class="facts">
                            <dt>{i18n.t("invoice-sha256")}</dt><dd><code class="hash wrap" data-sha256=v.sha256.clone()>{v.sha256.clone()}</code></dd>
                            <dt>{i18n.t("invoice-pdf-size")}</dt><dd>{i18n.t_args("invoice-bytes", &[("bytes", i18n.integer(v.pdf_bytes as i64))])}</dd>
                            <dt>{i18n.t("invoice-verify-url")}</dt><dd><a href=inv.verify_url.clone()>{inv.verify_url.clone()}</a></dd>
                        </dl>
                    </section>
                }
                .into_any()
            })}
        </Suspense>
    }
}
