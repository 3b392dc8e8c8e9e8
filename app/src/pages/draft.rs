use domain::invoicing::draft::Category;
use domain::invoicing::draft::views::{DraftView, LinePrefill};
use domain::invoicing::payment::PaymentMethod;
use domain::{Lang, format};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::ApiError;
use crate::api::drafts::{AddDraftLine, DeleteDraft, UpdateDraft, draft_details, draft_line_prefill};
use crate::api::flash::take_flash;
use crate::api::invoices::IssueDraft;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::invoice_lines::{LineTable, TotalsBlock};
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// One draft: its lines and totals (computed by the server from the lines), what an invoice
/// from it would still lack, and the forms that change it.
#[component]
pub fn DraftPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let draft = Resource::new(move || params.read().get("id").unwrap_or_default(), draft_details);
    let query = use_query_map();
    let article = move || query.read().get("article").filter(|code| !code.trim().is_empty());
    let prefill = Resource::new(article, |code| async move {
        match code {
            Some(code) => Some(draft_line_prefill(code).await),
            None => None,
        }
    });
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <p class="breadcrumb"><a href="/invoices/drafts">{i18n.t("drafts-title")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let prefill = prefill.await;
                match draft.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(d) => {
                        let form = |id: &str| FormState::from_flash(id, flash.clone());
                        // A draft just started says so above the form of its first line.
                        let started = flash.as_ref().is_some_and(|f| f.form == "new-draft");
                        let line_state = form(if started { "new-draft" } else { "line" });
                        view! {
                            <Title text=format!("{} · {}", i18n.t("draft-title"), i18n.t("app-name")) />
                            <h1>{i18n.t("draft-title")} " · " {d.customer_name.clone()}</h1>
                            <Mentions d=d.clone() />
                            <Lines d=d.clone() state=form("lines") />
                            {d.can_issue.then(|| view! { <IssuePanel d=d.clone() state=form("issue") /> })}
                            {d.can_edit.then(|| view! {
                                <LineForm d=d.clone() state=line_state prefill />
                                <HeaderForm d=d.clone() state=form("draft") />
                                <section class="panel">
                                    <form method="post" action=DeleteDraft::PATH>
                                        <input type="hidden" name="id" value=d.id.clone() />
                                        <button type="submit" class="danger">{i18n.t("draft-delete")}</button>
                                    </form>
                                </section>
                            })}
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn Mentions(d: DraftView) -> impl IntoView {
    let i18n = use_i18n();
    if d.missing.is_empty() {
        return view! { <p class="notice notice-ok" data-ready="true">{i18n.t("draft-complete")}</p> }.into_any();
    }
    let items = d.missing.iter().map(|m| view! { <li>{i18n.t(m.label_key())}</li> }).collect_view();
    view! {
        <div class="notice notice-warning" data-ready="false">
            <p>{i18n.t("draft-missing-intro")}</p>
            <ul>{items}</ul>
        </div>
    }
    .into_any()
}

#[component]
fn Lines(d: DraftView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let facts = view! {
        <dl class="facts">
            <dt>{i18n.t("draft-issue-date")}</dt><dd>{i18n.day(d.issue_date)}</dd>
            <dt>{i18n.t("draft-due-date")}</dt><dd>{i18n.day(d.due_date)}</dd>
            <dt>{i18n.t("draft-category")}</dt><dd>{i18n.t(d.category.label_key())}</dd>
            {d.payment_method.map(|m| view! { <dt>{i18n.t("draft-payment-method")}</dt><dd>{i18n.t(m.label_key())}</dd> })}
            {d.exemption.clone().map(|e| view! { <dt>{i18n.t("draft-exemption")}</dt><dd>{e}</dd> })}
        </dl>
    };
    let Some(totals) = d.totals.clone() else {
        return view! {
            <section class="panel">{facts}<p class="empty" data-empty="">{i18n.t("draft-no-lines")}</p></section>
        }
        .into_any();
    };
    let draft = d.can_edit.then(|| d.id.clone());
    view! {
        <section class="panel">
            {facts}
            <FormFeedback state />
            <LineTable lines=d.lines.clone() currency=d.currency draft />
            <TotalsBlock totals currency=d.currency />
        </section>
    }
    .into_any()
}

/// Issuing: the number is taken and the invoice can no longer change; refusals come back here.
#[component]
fn IssuePanel(d: DraftView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let ready = d.missing.is_empty() && !d.lines.is_empty();
    view! {
        <section class="panel" aria-labelledby="issue-title">
            <h2 id="issue-title">{i18n.t("draft-issue-title")}</h2>
            <FormFeedback state />
            <p class="hint">{i18n.t(if ready { "draft-issue-hint" } else { "draft-issue-not-ready" })}</p>
            <form method="post" action=IssueDraft::PATH>
                <input type="hidden" name="id" value=d.id.clone() />
                <button type="submit" class="primary">{i18n.t("draft-issue")}</button>
            </form>
        </section>
    }
}

#[component]
fn LineForm(d: DraftView, state: FormState, prefill: Option<Result<LinePrefill, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let point = if i18n.lang == Lang::Fr { ',' } else { '.' };
    let (found, refused) = match prefill {
        Some(Ok(p)) => (Some(p), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    let from_article = |name: &str| -> Option<String> {
        let p = found.as_ref()?;
        match name {
            "article" => Some(p.article_id.clone()),
            "designation" => Some(p.designation.clone()),
            "unit" => Some(p.unit.clone()),
            "unit_price" => p.unit_price_minor.map(|m| format::plain_decimal(m, 2, point, false)),
            "vat_rate" => p.vat.map(|v| format::plain_decimal(v.basis_points(), 2, '.', true)),
            _ => None,
        }
    };
    let value = move |name: &str| state.typed(name).or_else(|| from_article(name)).unwrap_or_default();
    let chosen = value("vat_rate");
    let rates = d
        .vat_rates
        .iter()
        .map(|r| {
            let v = format::plain_decimal(r.basis_points(), 2, '.', true);
            let selected = chosen == v;
            view! { <option value=v.clone() selected=selected>{format::percent(i18n.lang, r.basis_points())}</option> }
        })
        .collect_view();
    let article_error = refused.and_then(|e| e.field("article_code").map(str::to_owned));
    view! {
        <section class="panel" aria-labelledby="line-title">
            <h2 id="line-title">{i18n.t("draft-add-line")}</h2>
            <form method="get" action=format!("/invoices/drafts/{}", d.id) class="filter">
                <span class="pair">
                    <label for="line-article-code">{i18n.t("draft-article-code")}</label>
                    <input id="line-article-code" name="article" maxlength="32" value=found.as_ref().map(|p| p.code.clone())
                        aria-describedby=article_error.as_ref().map(|_| "line-article-code-error") />
                </span>
                <button type="submit">{i18n.t("draft-article-fill")}</button>
                {article_error.map(|code| view! { <p class="field-error" id="line-article-code-error">{i18n.field_error(&code)}</p> })}
            </form>
            <form method="post" action=AddDraftLine::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                <input type="hidden" name="draft" value=d.id.clone() />
                <input type="hidden" name="article" value=value("article") />
                <TextField name="designation" id="line" label="label-designation" required=true maxlength=200usize
                    value=value("designation") error=state.field_error("designation") />
                <TextField name="quantity" id="line" label="draft-quantity" required=true maxlength=20usize
                    value=value("quantity") error=state.field_error("quantity") />
                <TextField name="unit" id="line" label="label-unit" maxlength=12usize
                    value=value("unit") error=state.field_error("unit") />
                <TextField name="unit_price" id="line" label="draft-unit-price" required=true maxlength=20usize
                    value=value("unit_price") error=state.field_error("unit_price") />
                <TextField name="discount" id="line" label="draft-discount-percent" maxlength=8usize
                    value=value("discount") error=state.field_error("discount") />
                <div class="field">
                    <label for="line-vat_rate">{i18n.t("draft-vat")}</label>
                    <select id="line-vat_rate" name="vat_rate">{rates}</select>
                </div>
                <button type="submit" class="primary">{i18n.t("draft-add-line-submit")}</button>
            </form>
        </section>
    }
}

#[component]
fn HeaderForm(d: DraftView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let shown = move |name: &str, stored: String| state.typed(name).unwrap_or(stored);
    let category = shown("category", d.category.as_str().to_owned());
    let method = shown("payment_method", d.payment_method.map(|m| m.as_str().to_owned()).unwrap_or_default());
    let categories = Category::ALL
        .map(|c| view! { <option value=c.as_str() selected=category == c.as_str()>{i18n.t(c.label_key())}</option> })
        .collect_view();
    let methods = PaymentMethod::ALL
        .map(|m| view! { <option value=m.as_str() selected=method == m.as_str()>{i18n.t(m.label_key())}</option> })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="header-title">
            <h2 id="header-title">{i18n.t("draft-header-title")}</h2>
            <form method="post" action=UpdateDraft::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                <input type="hidden" name="id" value=d.id.clone() />
                <input type="hidden" name="customer" value=d.customer_id.clone() />
                <TextField name="issue_date" id="draft" label="draft-issue-date" kind="date" required=true
                    value=shown("issue_date", format::iso_day(d.issue_date)) error=state.field_error("issue_date") />
                <TextField name="due_date" id="draft" label="draft-due-date" kind="date"
                    value=shown("due_date", format::iso_day(d.due_date)) error=state.field_error("due_date") />
                <div class="field">
                    <label for="draft-category">{i18n.t("draft-category")}</label>
                    <select id="draft-category" name="category">{categories}</select>
                </div>
                <div class="field">
                    <label for="draft-payment_method">{i18n.t("draft-payment-method")}</label>
                    <select id="draft-payment_method" name="payment_method">
                        <option value="">{i18n.t("draft-payment-method-none")}</option>
                        {methods}
                    </select>
                </div>
                <TextField name="exemption" id="draft" label="draft-exemption" maxlength=200usize
                    value=shown("exemption", d.exemption.clone().unwrap_or_default()) error=state.field_error("exemption") />
                <p class="hint">{i18n.t("draft-due-hint")}</p>
                <button type="submit">{i18n.t("draft-save")}</button>
            </form>
        </section>
    }
}
