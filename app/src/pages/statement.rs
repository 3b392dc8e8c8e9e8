use domain::Money;
use domain::invoicing::statement::{EntryKind, Statement};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::invoices::customer_statement;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

/// A customer's statement: every invoice, credit note and payment in date order with what the
/// customer owes after each, and what is overdue today. Prints as it shows.
#[component]
pub fn StatementPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let statement = Resource::new(move || params.read().get("id").unwrap_or_default(), customer_statement);
    view! {
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match statement.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(s) => view! { <StatementView s /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatementView(s: Statement) -> impl IntoView {
    let i18n = use_i18n();
    let currency = s.currency;
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    let title = i18n.t_args("statement-title", &[("name", s.customer_name.clone())]);
    let opening = (s.opening_minor != 0).then(|| {
        view! {
            <tr><td colspan="4">{i18n.t("statement-opening")}</td><td></td><td></td>
                <td class="num">{money(s.opening_minor)}</td></tr>
        }
    });
    let rows = s
        .entries
        .iter()
        .map(|e| {
            let m = &e.movement;
            let what = match m.kind {
                EntryKind::Payment => {
                    let method = m.method.map(|m| i18n.t(m.label_key())).unwrap_or_default();
                    format!("{method}{}", m.reference.as_ref().map(|r| format!(" · {r}")).unwrap_or_default())
                }
                _ => String::new(),
            };
            let shown = |minor: i64| if minor == 0 { String::new() } else { money(minor) };
            view! {
                <tr data-entry=m.kind.label_key()>
                    <td>{i18n.day(m.date)}</td>
                    <td>{i18n.t(m.kind.label_key())}</td>
                    <td><a href=format!("/invoices/issued/{}", m.document_id)>{m.number.clone()}</a></td>
                    <td>{what}</td>
                    <td class="num">{shown(e.debit_minor)}</td>
                    <td class="num">{shown(e.credit_minor)}</td>
                    <td class="num">{money(e.balance_minor)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = if s.entries.is_empty() {
        view! { <p class="empty" data-empty="">{i18n.t("statement-empty")}</p> }.into_any()
    } else {
        view! {
            <table class="data">
                <caption class="visually-hidden">{title.clone()}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("payment-date")}</th>
                    <th scope="col">{i18n.t("statement-kind")}</th>
                    <th scope="col">{i18n.t("invoice-number")}</th>
                    <th scope="col">{i18n.t("statement-detail")}</th>
                    <th scope="col" class="num">{i18n.t("statement-debit")}</th>
                    <th scope="col" class="num">{i18n.t("statement-credit")}</th>
                    <th scope="col" class="num">{i18n.t("statement-balance")}</th>
                </tr></thead>
                <tbody>{opening}{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{title} · {}", i18n.t("app-name")) />
        <p class="breadcrumb no-print"><a href=format!("/invoices/customers/{}", s.customer_id)>{s.customer_name.clone()}</a></p>
        <h1>{title}</h1>
        <p class="hint">{i18n.t_args("statement-as-of", &[("date", i18n.day(s.today))])}</p>
        <section class="panel">
            <dl class="facts">
                <dt>{i18n.t("balance-total")}</dt><dd>{money(s.invoiced_minor)}</dd>
                <dt>{i18n.t("balance-credited")}</dt><dd>{money(s.credited_minor)}</dd>
                <dt>{i18n.t("balance-paid")}</dt><dd>{money(s.paid_minor)}</dd>
                <dt>{i18n.t("balance-due")}</dt><dd data-balance=s.balance_minor.to_string()><strong>{money(s.balance_minor)}</strong></dd>
                <dt>{i18n.t("statement-overdue")}</dt><dd data-overdue=s.overdue_minor.to_string()>{money(s.overdue_minor)}</dd>
            </dl>
            {table}
        </section>
    }
    .into_any()
}
