use domain::Money;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::flash::take_flash;
use crate::api::stock::{ArticleDetails, article_view};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// An article: its stock per site, its open lots, its latest movements, and (by role) the
/// receipt and withdrawal forms.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let article = Resource::new(move || params.read().get("id").unwrap_or_default(), article_view);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let a = match article.await {
                    Ok(a) => a,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let receive = FormState::from_flash("receive", flash.clone());
                let withdraw = FormState::from_flash("withdraw", flash);
                view! {
                    <Title text=format!("{} · {}", a.code, i18n.t("app-name")) />
                    <p class="breadcrumb"><a href="/stock/articles">{i18n.t("stock-list-title")}</a></p>
                    <h1><span class="code">{a.code.clone()}</span> " " {a.designation.clone()}</h1>
                    <dl class="facts">
                        <dt>{i18n.t("stock-category")}</dt>
                        <dd>{a.category.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt>{i18n.t("stock-min-max")}</dt>
                        <dd>{format!("{} / {} {}", i18n.quantity(a.min_milli), a.max_milli.map(|m| i18n.quantity(m)).unwrap_or_else(|| "—".into()), a.unit)}</dd>
                    </dl>
                    <Levels a=a.clone() />
                    {(a.can_receive || a.can_withdraw).then(|| view! {
                        <div class="columns">
                            {a.can_receive.then(|| view! { <ReceiveForm a=a.clone() state=receive /> })}
                            {a.can_withdraw.then(|| view! { <WithdrawForm a=a.clone() state=withdraw /> })}
                        </div>
                    })}
                    <Movements a />
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Levels(a: ArticleDetails) -> impl IntoView {
    let i18n = use_i18n();
    let currency = a.currency;
    view! {
        <section class="panel" aria-labelledby="levels-title">
            <h2 id="levels-title">{i18n.t("stock-levels")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t("stock-site")}</th>
                    <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                    <th scope="col" class="num">{i18n.t("stock-value")}</th>
                </tr></thead>
                <tbody>
                    {a.levels.iter().map(|l| view! {
                        <tr data-site=l.site_code.clone()>
                            <td>{format!("{} · {}", l.site_code, l.site_name)}</td>
                            <td class="num">{format!("{} {}", i18n.quantity(l.qty_milli), a.unit)}</td>
                            <td class="num">{i18n.money(Money::new(l.value_minor, currency))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!a.lots.is_empty()).then(|| view! {
                <h3>{i18n.t("stock-open-lots")}</h3>
                <ul class="lots">
                    {a.lots.iter().map(|l| view! {
                        <li>
                            {format!("{} · {} · {} {}", l.site_code, l.lot_number.clone().unwrap_or_else(|| "—".into()), i18n.quantity(l.remaining_milli), a.unit)}
                            {l.expiry.clone().map(|e| view! { " · " {i18n.t_args("stock-expires", &[("date", e)])} })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}

fn site_choice(a: &ArticleDetails, id: &str, chosen: Option<String>) -> impl IntoView + use<> {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=format!("{id}-site")>{i18n.t("stock-site")}</label>
            <select id=format!("{id}-site") name="site">
                {a.levels.iter().map(|l| {
                    let selected = chosen.as_deref() == Some(l.site_id.as_str());
                    view! { <option value=l.site_id.clone() selected=selected>{format!("{} · {}", l.site_code, l.site_name)}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

#[component]
fn ReceiveForm(a: ArticleDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="receive-title" id="receive">
            <h2 id="receive-title">{i18n.t("stock-receive-title")}</h2>
            <form method="post" action="/api/receive_stock" class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="article" value=a.id.clone() />
                {site_choice(&a, "receive", state.typed("site"))}
                <TextField name="quantity" id="receive" label="label-quantity" required=true maxlength=20
                    value=state.typed("quantity").unwrap_or_default() error=state.field_error("quantity") />
                <TextField name="unit_cost" id="receive" label="label-unit-cost" required=true maxlength=20
                    value=state.typed("unit_cost").unwrap_or_default() error=state.field_error("unit_cost") />
                <TextField name="lot_number" id="receive" label="label-lot-number" maxlength=64 error=state.field_error("lot_number") />
                <TextField name="expiry" id="receive" label="label-expiry" kind="date" error=state.field_error("expiry") />
                <TextField name="reference" id="receive" label="label-reference" maxlength=64 error=state.field_error("reference") />
                <button type="submit" class="primary">{i18n.t("stock-receive-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn WithdrawForm(a: ArticleDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="withdraw-title" id="withdraw">
            <h2 id="withdraw-title">{i18n.t("stock-withdraw-title")}</h2>
            <form method="post" action="/api/withdraw_stock" class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="article" value=a.id.clone() />
                {site_choice(&a, "withdraw", state.typed("site"))}
                <TextField name="quantity" id="withdraw" label="label-quantity" required=true maxlength=20
                    value=state.typed("quantity").unwrap_or_default() error=state.field_error("quantity") />
                <TextField name="reason" id="withdraw" label="label-withdraw-reason" maxlength=64 error=state.field_error("reason") />
                <TextField name="reference" id="withdraw" label="label-reference" maxlength=64 error=state.field_error("reference") />
                <button type="submit" class="primary">{i18n.t("stock-withdraw-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Movements(a: ArticleDetails) -> impl IntoView {
    let i18n = use_i18n();
    if a.movements.is_empty() {
        return view! { <p class="empty">{i18n.t("stock-no-movements")}</p> }.into_any();
    }
    view! {
        <section class="panel" aria-labelledby="movements-title">
            <h2 id="movements-title">{i18n.t("stock-movements")}</h2>
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t("stock-when")}</th>
                    <th scope="col">{i18n.t("stock-movement-kind")}</th>
                    <th scope="col">{i18n.t("stock-site")}</th>
                    <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                    <th scope="col">{i18n.t("label-reference")}</th>
                </tr></thead>
                <tbody>
                    {a.movements.into_iter().map(|m| view! {
                        <tr data-movement=m.kind.clone()>
                            <td>{i18n.date_time(m.at_local_ms)}</td>
                            <td>{i18n.t(&format!("movement-{}", m.kind))} {m.reason.map(|r| view! { <span class="muted">{format!(" · {r}")}</span> })}</td>
                            <td>{m.site_code}</td>
                            <td class="num">{format!("{}{}", if m.qty_milli > 0 { "+" } else { "−" }, i18n.quantity(m.qty_milli.abs()))}</td>
                            <td>{m.reference.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
