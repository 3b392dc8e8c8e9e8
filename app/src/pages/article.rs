use domain::Money;
use domain::stock::views::ArticleDetails;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::flash::take_flash;
use crate::api::stock::{AdjustStock, ReceiveStock, ReverseOperation, TransferStock, WithdrawStock, article_view};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;
use crate::pages::lot_trace::lot_href;

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
                let form = |id: &str| FormState::from_flash(id, flash.clone());
                let (receive, withdraw, transfer, adjust, reverse, saved) =
                    (form("receive"), form("withdraw"), form("transfer"), form("adjust"), form("reverse"), form("article"));
                view! {
                    <Title text=format!("{} · {}", a.code, i18n.t("app-name")) />
                    <p class="breadcrumb"><a href="/stock/articles">{i18n.t("stock-list-title")}</a></p>
                    <h1>
                        <span class="code">{a.code.clone()}</span> " " {a.designation.clone()}
                        {(!a.active).then(|| view! { " " <span class="badge">{i18n.t("article-inactive")}</span> })}
                    </h1>
                    <FormFeedback state=saved />
                    {a.can_receive.then(|| view! {
                        <p class="actions"><a class="button" href=format!("/stock/articles/{}/edit", a.id)>{i18n.t("article-edit")}</a></p>
                    })}
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
                    {a.can_receive.then(|| view! {
                        <div class="columns">
                            <TransferForm a=a.clone() state=transfer />
                            <CountForm a=a.clone() state=adjust />
                        </div>
                    })}
                    <Movements a state=reverse />
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
                            {l.site_code.clone()} " · "
                            {match l.lot_number.clone() {
                                Some(number) => view! { <a href=lot_href(&number)>{number.clone()}</a> }.into_any(),
                                None => "—".into_any(),
                            }}
                            {format!(" · {} {}", i18n.quantity(l.remaining_milli), a.unit)}
                            {l.expiry.clone().map(|e| view! { " · " {i18n.t_args("stock-expires", &[("date", e)])} })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
    .into_any()
}

/// A site selector named `name` (`site`, `from`, `to`), labelled by the Fluent key `label`.
fn site_choice(
    a: &ArticleDetails,
    id: &str,
    name: &'static str,
    label: &str,
    chosen: Option<String>,
) -> impl IntoView + use<> {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for=format!("{id}-{name}")>{i18n.t(label)}</label>
            <select id=format!("{id}-{name}") name=name>
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
            <form method="post" action=ReceiveStock::PATH class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="article" value=a.id.clone() />
                {site_choice(&a, "receive", "site", "stock-site", state.typed("site"))}
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
            <form method="post" action=WithdrawStock::PATH class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="article" value=a.id.clone() />
                {site_choice(&a, "withdraw", "site", "stock-site", state.typed("site"))}
                <TextField name="quantity" id="withdraw" label="label-quantity" required=true maxlength=20
                    value=state.typed("quantity").unwrap_or_default() error=state.field_error("quantity") />
                <div class="field">
                    <label for="withdraw-lot">{i18n.t("label-lot")}</label>
                    <select id="withdraw-lot" name="lot">
                        <option value="">{i18n.t("lot-automatic")}</option>
                        {a.lots.iter().map(|l| view! {
                            <option value=l.id.clone()>
                                {format!("{} · {} · {} {}", l.site_code, l.lot_number.clone().unwrap_or_else(|| "—".into()), i18n.quantity(l.remaining_milli), a.unit)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField name="reason" id="withdraw" label="label-withdraw-reason" maxlength=200
                    value=state.typed("reason").unwrap_or_default() error=state.field_error("reason") />
                <TextField name="reference" id="withdraw" label="label-reference" maxlength=64
                    value=state.typed("reference").unwrap_or_default() error=state.field_error("reference") />
                <button type="submit" class="primary">{i18n.t("stock-withdraw-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn TransferForm(a: ArticleDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="transfer-title" id="transfer">
            <h2 id="transfer-title">{i18n.t("stock-transfer-title")}</h2>
            <form method="post" action=TransferStock::PATH class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="article" value=a.id.clone() />
                {site_choice(&a, "transfer", "from", "label-from-site", state.typed("from"))}
                {site_choice(&a, "transfer", "to", "label-to-site", state.typed("to"))}
                <TextField name="quantity" id="transfer" label="label-quantity" required=true maxlength=20
                    value=state.typed("quantity").unwrap_or_default() error=state.field_error("quantity") />
                <TextField name="reference" id="transfer" label="label-reference" maxlength=64 error=state.field_error("reference") />
                <button type="submit" class="primary">{i18n.t("stock-transfer-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn CountForm(a: ArticleDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="adjust-title" id="adjust">
            <h2 id="adjust-title">{i18n.t("stock-adjust-title")}</h2>
            <form method="post" action=AdjustStock::PATH class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="article" value=a.id.clone() />
                {site_choice(&a, "adjust", "site", "stock-site", state.typed("site"))}
                <TextField name="counted" id="adjust" label="label-counted" required=true maxlength=20
                    value=state.typed("counted").unwrap_or_default() error=state.field_error("counted") />
                <TextField name="reason" id="adjust" label="label-adjust-reason" required=true maxlength=200
                    value=state.typed("reason").unwrap_or_default() error=state.field_error("reason") />
                <button type="submit" class="primary">{i18n.t("stock-adjust-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn Movements(a: ArticleDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let can_reverse = a.can_receive;
    if a.movements.is_empty() {
        return view! { <p class="empty">{i18n.t("stock-no-movements")}</p> }.into_any();
    }
    view! {
        <section class="panel" aria-labelledby="movements-title">
            <h2 id="movements-title">{i18n.t("stock-movements")}</h2>
            <FormFeedback state />
            <table class="data">
                <thead><tr>
                    <th scope="col">{i18n.t("stock-when")}</th>
                    <th scope="col">{i18n.t("stock-movement-kind")}</th>
                    <th scope="col">{i18n.t("stock-site")}</th>
                    <th scope="col" class="num">{i18n.t("stock-quantity")}</th>
                    <th scope="col">{i18n.t("label-reference")}</th>
                    <th scope="col">{i18n.t("stock-who")}</th>
                    {can_reverse.then(|| view! { <th scope="col"><span class="visually-hidden">{i18n.t("session-actions")}</span></th> })}
                </tr></thead>
                <tbody>
                    {a.movements.into_iter().map(|m| view! {
                        <tr data-movement=m.kind.as_str()>
                            <td>{i18n.date_time(m.at_local_ms)}</td>
                            <td>{i18n.t(m.kind.label_key())} {m.reason.map(|r| view! { <span class="muted">{format!(" · {r}")}</span> })}</td>
                            <td>{m.site_code}</td>
                            <td class="num">{format!("{}{}", if m.qty_milli > 0 { "+" } else { "−" }, i18n.quantity(m.qty_milli.abs()))}</td>
                            <td>{m.reference.unwrap_or_default()}</td>
                            <td>{m.who}</td>
                            {can_reverse.then(|| view! {
                                <td>
                                    {m.reversible.then(|| view! {
                                        <form method="post" action=ReverseOperation::PATH class="inline-form">
                                            <input type="hidden" name="operation" value=m.operation.clone() />
                                            <input type="text" name="reason" maxlength="200" required
                                                aria-label=i18n.t("label-reverse-reason") placeholder=i18n.t("label-reverse-reason") />
                                            <button type="submit">{i18n.t("stock-reverse")}</button>
                                        </form>
                                    })}
                                </td>
                            })}
                        </tr>
                    }.into_any()).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
