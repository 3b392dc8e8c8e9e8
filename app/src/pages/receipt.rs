use domain::Money;
use domain::invoicing::issued::Receipt;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::invoices::payment_receipt;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// A payment's receipt, to print: who received what from whom, for which invoice, and in
/// Algeria for cash the stamp duty paid on top.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let receipt = Resource::new(
        move || {
            let p = params.read();
            (p.get("id").unwrap_or_default(), p.get("payment").unwrap_or_default())
        },
        |(invoice, payment)| payment_receipt(invoice, payment),
    );
    view! {
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match receipt.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(r) => view! { <ReceiptView r /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReceiptView(r: Receipt) -> impl IntoView {
    let i18n = use_i18n();
    let currency = r.invoice.currency;
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    let p = r.payment.clone();
    let number = r.invoice.number.text();
    let title = i18n.t_args("receipt-title", &[("number", number.clone())]);
    let duty = (r.stamp_duty_applies && p.stamp_duty_minor > 0).then(|| {
        view! {
            <dt>{i18n.t("payment-stamp-duty")}</dt><dd data-stamp-duty=p.stamp_duty_minor.to_string()>{money(p.stamp_duty_minor)}</dd>
            <dt>{i18n.t("receipt-received")}</dt><dd><strong>{money(r.received_minor())}</strong></dd>
        }
    });
    view! {
        <Title text=format!("{title} · {}", i18n.t("app-name")) />
        <p class="breadcrumb no-print"><a href=format!("/invoices/issued/{}", r.invoice_id)>{i18n.t_args("invoice-title", &[("number", number.clone())])}</a></p>
        <h1>{title}</h1>
        <section class="panel receipt">
            <p><strong>{r.invoice.seller.legal_name.clone()}</strong></p>
            <p class="hint">{i18n.t_args("receipt-statement", &[
                ("seller", r.invoice.seller.legal_name.clone()),
                ("buyer", r.invoice.buyer.legal_name.clone()),
                ("amount", money(p.amount_minor)),
                ("number", number.clone()),
            ])}</p>
            <dl class="facts">
                <dt>{i18n.t("draft-customer")}</dt><dd>{r.invoice.buyer.legal_name.clone()}</dd>
                <dt>{i18n.t("receipt-invoice")}</dt><dd>{number} " · " {i18n.day(r.invoice.issue_date)} " · " {money(r.invoice.totals.total_minor)}</dd>
                <dt>{i18n.t("payment-date")}</dt><dd>{i18n.day(p.date)}</dd>
                <dt>{i18n.t("payment-method")}</dt><dd>{i18n.t(p.method.label_key())}</dd>
                {p.reference.clone().map(|r| view! { <dt>{i18n.t("payment-reference")}</dt><dd>{r}</dd> })}
                <dt>{i18n.t("payment-amount")}</dt><dd data-amount=p.amount_minor.to_string()><strong>{money(p.amount_minor)}</strong></dd>
                {duty}
                <dt>{i18n.t("receipt-still-due")}</dt><dd>{money(r.due_minor)}</dd>
                <dt>{i18n.t("receipt-recorded")}</dt><dd>{i18n.date_time(p.recorded_at_local_ms)}</dd>
            </dl>
        </section>
    }
    .into_any()
}
