//! The lines and totals of a draft or an issued invoice, as the pages show them.

use domain::invoicing::draft::views::DraftLineView;
use domain::invoicing::totals::Totals;
use domain::{Currency, Money, format};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::drafts::RemoveDraftLine;
use crate::i18n::use_i18n;

/// The lines' table; with `draft`, each line has a button that removes it from that draft.
#[component]
pub fn LineTable(lines: Vec<DraftLineView>, currency: Currency, draft: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    let removable = draft.is_some();
    let rows = lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let remove = draft.clone().map(|draft| view! {
                <td>
                    <form method="post" action=RemoveDraftLine::PATH>
                        <input type="hidden" name="draft" value=draft />
                        <input type="hidden" name="line" value=l.id.clone() />
                        <button type="submit" aria-label=i18n.t_args("draft-line-remove", &[("n", (i + 1).to_string())])>"×"</button>
                    </form>
                </td>
            });
            view! {
                <tr data-line=l.designation.clone()>
                    <td class="num">{i + 1}</td>
                    <td>{l.designation.clone()}</td>
                    <td class="num">{i18n.quantity(l.quantity.milli())} " " {l.unit.clone()}</td>
                    <td class="num">{money(l.unit_price_minor)}</td>
                    <td class="num">{(l.discount.basis_points() > 0).then(|| format::percent(i18n.lang, l.discount.basis_points()))}</td>
                    <td class="num">{format::percent(i18n.lang, l.vat.basis_points())}</td>
                    <td class="num">{money(l.amounts.net_minor)}</td>
                    {remove}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data lines">
            <thead><tr>
                <th scope="col" class="num">"#"</th>
                <th scope="col">{i18n.t("label-designation")}</th>
                <th scope="col" class="num">{i18n.t("draft-quantity")}</th>
                <th scope="col" class="num">{i18n.t("draft-unit-price")}</th>
                <th scope="col" class="num">{i18n.t("draft-discount")}</th>
                <th scope="col" class="num">{i18n.t("draft-vat")}</th>
                <th scope="col" class="num">{i18n.t("draft-net")}</th>
                {removable.then(|| view! { <th scope="col"><span class="visually-hidden">{i18n.t("draft-actions")}</span></th> })}
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The VAT per rate beside the grand totals.
#[component]
pub fn TotalsBlock(totals: Totals, currency: Currency) -> impl IntoView {
    let i18n = use_i18n();
    let money = move |minor: i64| i18n.money(Money::new(minor, currency));
    let by_rate = totals
        .by_rate
        .iter()
        .map(|r| view! {
            <tr><td>{format::percent(i18n.lang, r.rate.basis_points())}</td><td class="num">{money(r.base_minor)}</td><td class="num">{money(r.vat_minor)}</td></tr>
        })
        .collect_view();
    view! {
        <div class="totals">
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t("draft-vat")}</th>
                    <th scope="col" class="num">{i18n.t("draft-base")}</th>
                    <th scope="col" class="num">{i18n.t("draft-vat-amount")}</th>
                </tr></thead>
                <tbody>{by_rate}</tbody>
            </table>
            <dl class="facts grand-totals" data-total=totals.total_minor>
                <dt>{i18n.t("draft-total-net")}</dt><dd class="num">{money(totals.net_minor)}</dd>
                <dt>{i18n.t("draft-total-vat")}</dt><dd class="num">{money(totals.vat_minor)}</dd>
                <dt>{i18n.t("draft-total")}</dt><dd class="num"><strong>{money(totals.total_minor)}</strong></dd>
            </dl>
        </div>
    }
}
