//! An invoice's page, below the invoice itself: where it stands (paid, partly paid, overdue),
//! its payments with the form to record one, and its credit notes with the form to issue one.

use domain::invoicing::credit::quantity_field;
use domain::invoicing::issued::{CreditableLine, Settling};
use domain::invoicing::payment::PaymentMethod;
use domain::{Currency, Lang, Money, format};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::invoices::{IssueCreditNote, RecordPayment};
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// The balance, the payments and, while something is due, the payment form.
#[component]
pub fn PaymentsPanel(invoice: String, s: Settling, currency: Currency, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    let b = s.balance;
    let status = i18n.t(s.settlement.label_key());
    let overdue = s
        .overdue
        .then(|| view! { " " <span class="pill pill-overdue" data-overdue="">{i18n.t("invoice-overdue")}</span> });
    let payments = if s.payments.is_empty() {
        view! { <p class="empty" data-empty="">{i18n.t("payments-empty")}</p> }.into_any()
    } else {
        let duty_column = s.stamp_duty_applies;
        let rows = s
            .payments
            .iter()
            .map(|p| {
                view! {
                    <tr data-payment=p.id.clone()>
                        <td>{i18n.day(p.date)}</td>
                        <td>{i18n.t(p.method.label_key())}</td>
                        <td>{p.reference.clone().unwrap_or_default()}</td>
                        <td class="num">{money(p.amount_minor)}</td>
                        {duty_column.then(|| view! { <td class="num" data-stamp-duty="">{money(p.stamp_duty_minor)}</td> })}
                        <td><a href=format!("/invoices/issued/{invoice}/payments/{}", p.id)>{i18n.t("receipt-open")}</a></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data">
                <caption class="visually-hidden">{i18n.t("payments-title")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("payment-date")}</th>
                    <th scope="col">{i18n.t("payment-method")}</th>
                    <th scope="col">{i18n.t("payment-reference")}</th>
                    <th scope="col" class="num">{i18n.t("payment-amount")}</th>
                    {duty_column.then(|| view! { <th scope="col" class="num">{i18n.t("payment-stamp-duty")}</th> })}
                    <th scope="col"><span class="visually-hidden">{i18n.t("receipt-title-plain")}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let form = s.can_pay.then(|| view! { <PaymentForm invoice=invoice.clone() s=s.clone() state /> });
    view! {
        <section class="panel" aria-labelledby="payments-title">
            <h2 id="payments-title">{i18n.t("payments-title")}</h2>
            <p class="status-line"><span class="pill" data-settlement=s.settlement.as_str()>{status}</span>{overdue}</p>
            <dl class="facts">
                <dt>{i18n.t("balance-total")}</dt><dd>{money(b.total_minor)}</dd>
                <dt>{i18n.t("balance-credited")}</dt><dd>{money(b.credited_minor)}</dd>
                <dt>{i18n.t("balance-paid")}</dt><dd>{money(b.paid_minor)}</dd>
                <dt>{i18n.t("balance-due")}</dt><dd data-due=b.due_minor().to_string()><strong>{money(b.due_minor())}</strong></dd>
            </dl>
            {payments}
            {form}
        </section>
    }
    .into_any()
}

#[component]
fn PaymentForm(invoice: String, s: Settling, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let point = if i18n.lang == Lang::Fr { ',' } else { '.' };
    let due = format::plain_decimal(s.balance.due_minor(), 2, point, false);
    let value = move |name: &str, default: String| state.typed(name).unwrap_or(default);
    let chosen = value("method", PaymentMethod::Transfer.as_str().to_owned());
    let methods = PaymentMethod::ALL
        .map(|m| view! { <option value=m.as_str() selected=chosen == m.as_str()>{i18n.t(m.label_key())}</option> })
        .collect_view();
    let hint = s.stamp_duty_applies.then(|| view! { <p class="hint">{i18n.t("payment-stamp-duty-hint")}</p> });
    view! {
        <h3>{i18n.t("payment-record-title")}</h3>
        <form method="post" action=RecordPayment::PATH class="form form-grid" novalidate>
            <FormFeedback state />
            <input type="hidden" name="invoice" value=invoice />
            <TextField name="date" id="payment" label="payment-date" kind="date" required=true
                value=value("date", format::iso_day(s.today)) error=state.field_error("date") />
            <TextField name="amount" id="payment" label="payment-amount" required=true maxlength=20usize
                value=value("amount", due) error=state.field_error("amount") />
            <div class="field">
                <label for="payment-method">{i18n.t("payment-method")}</label>
                <select id="payment-method" name="method">{methods}</select>
            </div>
            <TextField name="reference" id="payment" label="payment-reference" maxlength=100usize
                value=value("reference", String::new()) error=state.field_error("reference") />
            {hint}
            <button type="submit" class="primary">{i18n.t("payment-record")}</button>
        </form>
    }
    .into_any()
}

/// The invoice's credit notes and, while something remains to credit, the form to issue one.
#[component]
pub fn CreditNotesPanel(invoice: String, s: Settling, currency: Currency, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let notes = if s.credit_notes.is_empty() {
        view! { <p class="empty" data-empty="">{i18n.t("credit-notes-empty")}</p> }.into_any()
    } else {
        let items = s
            .credit_notes
            .iter()
            .map(|n| {
                let total = i18n.money(Money::new(n.total_minor, currency));
                view! {
                    <li data-credit-note=n.number.clone()>
                        <a href=format!("/invoices/issued/{}", n.id)>{n.number.clone()}</a>
                        " · " {i18n.day(n.issue_date)} " · " {total}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="plain-list">{items}</ul> }.into_any()
    };
    let form = s.can_credit.then(|| view! { <CreditForm invoice=invoice.clone() lines=s.creditable.clone() state /> });
    view! {
        <section class="panel" aria-labelledby="credit-notes-title">
            <h2 id="credit-notes-title">{i18n.t("credit-notes-title")}</h2>
            {notes}
            {form}
        </section>
    }
    .into_any()
}

#[component]
fn CreditForm(invoice: String, lines: Vec<CreditableLine>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    // Refusals of the note as a whole: nothing taken, or more than the invoice.
    let whole = state.field_error("quantity");
    let rows = lines
        .into_iter()
        .map(|l| {
            let name = quantity_field(&l.id);
            let input_id = format!("credit-line-{}", l.position);
            let error = state.error.get_untracked().and_then(|e| e.field(&name).map(str::to_owned));
            let error_id = format!("{input_id}-error");
            let open = l.remaining.milli() > 0;
            view! {
                <tr>
                    <td><label for=input_id.clone()>{l.designation.clone()}</label></td>
                    <td class="num">{i18n.quantity(l.invoiced.milli())} " " {l.unit.clone()}</td>
                    <td class="num">{i18n.quantity(l.remaining.milli())}</td>
                    <td class="num">
                        <input id=input_id name=name.clone() inputmode="decimal" maxlength="20" size="8" disabled=!open
                            value=state.typed(&name).unwrap_or_default()
                            aria-invalid=error.is_some().then_some("true")
                            aria-describedby=error.is_some().then(|| error_id.clone()) />
                        {error.map(|code| view! { <p class="field-error" id=error_id>{i18n.field_error(&code)}</p> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{i18n.t("credit-note-new-title")}</h3>
        <p class="hint">{i18n.t("credit-note-hint")}</p>
        <form method="post" action=IssueCreditNote::PATH class="form" novalidate>
            <FormFeedback state />
            <input type="hidden" name="invoice" value=invoice />
            <table class="data">
                <caption class="visually-hidden">{i18n.t("credit-note-new-title")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("label-designation")}</th>
                    <th scope="col" class="num">{i18n.t("credit-invoiced")}</th>
                    <th scope="col" class="num">{i18n.t("credit-remaining")}</th>
                    <th scope="col" class="num">{i18n.t("credit-take")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {move || whole.get().map(|code| view! { <p class="field-error" data-field="quantity">{i18n.field_error(&code)}</p> })}
            <TextField name="reason" id="credit" label="credit-reason" required=true maxlength=200usize
                value=state.typed("reason").unwrap_or_default() error=state.field_error("reason") />
            <button type="submit" class="primary">{i18n.t("credit-note-issue")}</button>
        </form>
    }
    .into_any()
}
