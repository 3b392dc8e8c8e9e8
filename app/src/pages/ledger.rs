use domain::invoicing::fec::accounts::ACCOUNTS;
use domain::invoicing::ledger::views::{ClosureRow, LedgerView};
use domain::{Currency, Money};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::take_flash;
use crate::api::ledger::{ClosePeriod, SaveAccounts, ledger_page};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// The inalterable ledger, for accountants and auditors: the chain's head, the closures with
/// their hashes, closing a period, a period's archive, the FEC and sales journal of a year, and
/// the accounts the exports post to. Every form works without JavaScript.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| ledger_page());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("ledger-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/invoices">{i18n.t("nav-invoices")}</a></p>
        <h1>{i18n.t("ledger-title")}</h1>
        <p class="hint">{i18n.t("ledger-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let closing = FormState::from_flash("close", flash.clone());
                let accounts = FormState::from_flash("accounts", flash);
                match page.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(p) => view! {
                        <Head p=p.clone() />
                        <Closures p=p.clone() state=closing />
                        <Exports p=p.clone() />
                        <Accounts p state=accounts />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Head(p: LedgerView) -> impl IntoView {
    let i18n = use_i18n();
    let closed = match p.closed_through {
        Some(day) => i18n.t_args("ledger-closed-through", &[("date", i18n.day(day))]),
        None => i18n.t("ledger-nothing-closed"),
    };
    let stale = (!p.stale_drafts.is_empty()).then(|| {
        let items = p
            .stale_drafts
            .iter()
            .map(|d| {
                view! {
                    <li data-stale-draft=d.id.clone()>
                        <a href=format!("/invoices/drafts/{}", d.id)>{d.customer.clone()}</a> " · " {i18n.day(d.issue_date)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="notice notice-warning" role="status">
                <p>{i18n.t("ledger-stale-drafts")}</p>
                <ul class="plain-list">{items}</ul>
            </div>
        }
    });
    view! {
        <section class="panel" aria-labelledby="ledger-head-title">
            <h2 id="ledger-head-title">{i18n.t("ledger-head-title")}</h2>
            <dl class="facts">
                <dt>{i18n.t("ledger-entries")}</dt><dd data-head-seq=p.head_seq.to_string()>{i18n.integer(p.head_seq)}</dd>
                <dt>{i18n.t("ledger-head-hash")}</dt><dd><code class="hash" data-head-hash=p.head_hash.clone()>{p.head_hash.clone()}</code></dd>
                <dt>{i18n.t("ledger-closed")}</dt><dd>{closed}</dd>
            </dl>
            {stale}
            <p class="hint">{i18n.t("ledger-verify-hint")}</p>
        </section>
    }
    .into_any()
}

#[component]
fn Closures(p: LedgerView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let form = p.can_close.then(|| {
        view! {
            <p class="hint">{i18n.t("closure-hint")}</p>
            <form method="post" action=ClosePeriod::PATH class="form form-inline" novalidate>
                <TextField name="period" id="close" label="closure-period-field" required=true maxlength=10usize
                    value=state.typed("period").unwrap_or_default() error=state.field_error("period") />
                <button type="submit" class="primary">{i18n.t("closure-close")}</button>
            </form>
        }
    });
    let periods = if p.periods.is_empty() && p.days.is_empty() {
        view! { <p class="empty" data-empty="">{i18n.t("closures-empty")}</p> }.into_any()
    } else {
        view! { <ClosureTable rows=p.periods.clone() currency=p.currency caption="closures-periods" /> }.into_any()
    };
    let days = (!p.days.is_empty()).then(|| {
        let summary = i18n.t_count("closures-days", p.days_total);
        let more = (p.days_total > p.days.len() as i64)
            .then(|| view! { <p class="hint">{i18n.t("closures-days-newest")}</p> });
        view! {
            <details class="closures-days">
                <summary>{summary}</summary>
                {more}
                <ClosureTable rows=p.days.clone() currency=p.currency caption="closures-days-caption" />
            </details>
        }
    });
    view! {
        <section class="panel" aria-labelledby="closures-title">
            <h2 id="closures-title">{i18n.t("closures-title")}</h2>
            <FormFeedback state />
            {form}
            {periods}
            {days}
        </section>
    }
    .into_any()
}

/// Closures with their sums and fingerprints (the whole hash in the cell's title).
#[component]
fn ClosureTable(rows: Vec<ClosureRow>, currency: Currency, caption: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    let rows = rows
        .into_iter()
        .map(|c| {
            view! {
                <tr data-closure=c.period.clone()>
                    <td class="nowrap">{c.period.clone()}</td>
                    <td>{i18n.t(c.kind.label_key())}</td>
                    <td class="num">{i18n.integer(c.documents)}</td>
                    <td class="num">{money(c.turnover_minor)}</td>
                    <td class="num">{money(c.payments_minor)}</td>
                    <td class="num">{money(c.perpetual_turnover_minor)}</td>
                    <td class="num">{c.seq}</td>
                    <td class="nowrap"><code class="hash" title=c.hash.clone()>{c.hash[..16].to_owned()} "…"</code></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption class="visually-hidden">{i18n.t(caption)}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("closure-period")}</th>
                    <th scope="col">{i18n.t("closure-kind")}</th>
                    <th scope="col" class="num">{i18n.t("closure-documents")}</th>
                    <th scope="col" class="num">{i18n.t("closure-turnover")}</th>
                    <th scope="col" class="num">{i18n.t("closure-payments")}</th>
                    <th scope="col" class="num">{i18n.t("closure-perpetual")}</th>
                    <th scope="col" class="num">{i18n.t("closure-entry")}</th>
                    <th scope="col">{i18n.t("closure-hash")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Exports(p: LedgerView) -> impl IntoView {
    let i18n = use_i18n();
    let archive_default = p.years.first().map(|y| y.to_string()).unwrap_or_default();
    let years =
        move || p.years.iter().map(|y| view! { <option value=y.to_string()>{y.to_string()}</option> }).collect_view();
    let no_error = Signal::stored(None::<String>);
    let fec = p.fec.then(|| {
        view! {
            <h3>{i18n.t("export-fec")}</h3>
            <p class="hint">{i18n.t("export-fec-hint")}</p>
            <form method="get" action="/invoices/ledger/fec" class="form form-inline">
                <div class="field">
                    <label for="fec-year">{i18n.t("export-year")}</label>
                    <select id="fec-year" name="year">{years()}</select>
                </div>
                <button type="submit">{i18n.t("export-download")}</button>
            </form>
        }
    });
    view! {
        <section class="panel" aria-labelledby="exports-title">
            <h2 id="exports-title">{i18n.t("exports-title")}</h2>
            <h3>{i18n.t("archive-download")}</h3>
            <p class="hint">{i18n.t("archive-hint")}</p>
            <form method="get" action="/invoices/ledger/archive.tar" class="form form-inline">
                <TextField name="period" id="archive" label="archive-period" required=true maxlength=10usize
                    value=archive_default error=no_error />
                <button type="submit">{i18n.t("export-download")}</button>
            </form>
            {fec}
            <h3>{i18n.t("export-journal")}</h3>
            <form method="get" action="/invoices/ledger/journal.csv" class="form form-inline">
                <div class="field">
                    <label for="journal-year">{i18n.t("export-year")}</label>
                    <select id="journal-year" name="year">{years()}</select>
                </div>
                <button type="submit">{i18n.t("export-download")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Accounts(p: LedgerView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let fields = ACCOUNTS.map(|(name, _, _)| {
        let value = state.typed(name).unwrap_or_else(|| p.accounts.get(name).to_owned());
        view! {
            <TextField name id="accounts" label=account_label(name) required=true maxlength=12usize
                value error=state.field_error(name) />
        }
    });
    let body = if p.can_edit_accounts {
        view! {
            <form method="post" action=SaveAccounts::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                {fields.collect_view()}
                <button type="submit" class="primary">{i18n.t("accounts-save")}</button>
            </form>
        }
        .into_any()
    } else {
        let rows = ACCOUNTS
            .map(|(name, _, _)| view! { <dt>{i18n.t(account_label(name))}</dt><dd>{p.accounts.get(name).to_owned()}</dd> })
            .collect_view();
        view! { <dl class="facts">{rows}</dl> }.into_any()
    };
    view! {
        <section class="panel" aria-labelledby="accounts-title">
            <h2 id="accounts-title">{i18n.t("accounts-title")}</h2>
            <p class="hint">{i18n.t("accounts-hint")}</p>
            {body}
        </section>
    }
    .into_any()
}

fn account_label(name: &str) -> &'static str {
    match name {
        "receivable" => "account-receivable",
        "sales_goods" => "account-sales-goods",
        "sales_services" => "account-sales-services",
        "vat_collected" => "account-vat-collected",
        "bank" => "account-bank",
        _ => "account-cash",
    }
}
