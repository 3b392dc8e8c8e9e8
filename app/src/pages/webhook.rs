use domain::webhooks::commands::WebhookForm;
use domain::webhooks::delivery::DeliveryState;
use domain::webhooks::views::{DeliveryLine, WebhookDetails, WebhookView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::flash::{Flash, take_flash};
use crate::api::webhooks::{ReplayWebhookDelivery, RotateWebhookSecret, SECRET, UpdateWebhook, webhook_overview};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::webhook_fields::{WebhookFields, typed_form};
use crate::i18n::use_i18n;
use crate::pages::webhooks::delivery_badge;

/// One webhook: its secret right after it was made (this once), its settings, and its
/// deliveries newest first with their tries, each sent again on demand.
#[component]
pub fn WebhookPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let args = move || {
        let q = query.read();
        (params.read().get("id").unwrap_or_default(), q.get("state"), q.get("before"))
    };
    let page = Resource::new(args, |(id, state, before)| webhook_overview(id, state, before));
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <p class="breadcrumb">
            <a href="/alerts">{i18n.t("notifications-title")}</a> " › "
            <a href="/alerts/webhooks">{i18n.t("webhooks-title")}</a>
        </p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let p = match page.await {
                    Ok(p) => p,
                    Err(error) => return view! { <h1>{i18n.t("webhooks-title")}</h1> <ErrorPanel error /> }.into_any(),
                };
                let secret = FormState::from_flash("webhook-new", flash.clone())
                    .returned(SECRET)
                    .or_else(|| FormState::from_flash("webhook-secret", flash.clone()).returned(SECRET))
                    .filter(|s| !s.is_empty());
                let w = p.webhook.clone();
                view! {
                    <Title text=format!("{} · {}", i18n.t("webhook-title"), i18n.t("app-name")) />
                    <h1>{i18n.t("webhook-title")} " " <code class="wrap">{w.url.clone()}</code></h1>
                    <FormFeedback state=FormState::from_flash("webhook-new", flash.clone()) />
                    {secret.map(|secret| view! { <NewSecret secret /> })}
                    <Facts w=w.clone() />
                    {p.can_manage.then(|| view! {
                        <Settings w=w.clone() flash=flash.clone() />
                        <Rotation id=w.id.clone() flash=flash.clone() />
                    })}
                    <Deliveries p flash />
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// A secret just made, shown this once, with how a receiver checks what it signs.
#[component]
fn NewSecret(secret: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel panel-warning" aria-labelledby="webhook-secret-title" data-webhook-secret="">
            <h2 id="webhook-secret-title">{i18n.t("webhook-secret-title")}</h2>
            <p>{i18n.t("webhook-secret-once")}</p>
            <p><code class="secret">{secret}</code></p>
            <p class="hint">{i18n.t("webhook-signature-hint")}</p>
        </section>
    }
}

#[component]
fn Facts(w: WebhookView) -> impl IntoView {
    let i18n = use_i18n();
    let stamp = |key: &str, who: String, at: i64| i18n.t_args(key, &[("who", who), ("when", i18n.date_time(at))]);
    let kinds = w.kinds.iter().map(|k| i18n.t(k.label_key())).collect::<Vec<_>>().join(", ");
    view! {
        <dl class="facts">
            <dt>{i18n.t("webhook-state")}</dt>
            <dd>{i18n.t(if w.enabled { "webhook-on" } else { "webhook-off" })}</dd>
            <dt>{i18n.t("webhook-kinds")}</dt>
            <dd>{kinds}</dd>
            {(!w.description.is_empty()).then(|| view! {
                <dt>{i18n.t("webhook-description")}</dt>
                <dd>{w.description.clone()}</dd>
            })}
            <dt>{i18n.t("webhook-history")}</dt>
            <dd>
                {stamp("webhook-created-by", w.created.who.clone(), w.created.at_local_ms)}
                {w.changed.map(|s| view! { <br /> {stamp("webhook-changed-by", s.who, s.at_local_ms)} })}
                {w.secret_rotated.map(|s| view! { <br /> {stamp("webhook-rotated-by", s.who, s.at_local_ms)} })}
            </dd>
        </dl>
    }
}

/// Its settings, for admins; a refused form comes back as typed.
#[component]
fn Settings(w: WebhookView, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("webhook", flash);
    let mut form = typed_form(&state).unwrap_or_else(|| WebhookForm::of(&w.url, &w.description, &w.kinds, w.enabled));
    form.id = w.id.clone();
    view! {
        <section class="panel" aria-labelledby="webhook-settings-title">
            <h2 id="webhook-settings-title">{i18n.t("webhook-settings-title")}</h2>
            <form method="post" action=UpdateWebhook::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                <input type="hidden" name="id" value=w.id />
                <WebhookFields id="webhook" form state />
                <button type="submit" class="primary">{i18n.t("webhook-save")}</button>
            </form>
        </section>
    }
}

/// Replacing the secret; the previous one keeps signing for a day beside the new one.
#[component]
fn Rotation(id: String, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("webhook-secret", flash);
    view! {
        <section class="panel" aria-labelledby="webhook-rotate-title">
            <h2 id="webhook-rotate-title">{i18n.t("webhook-rotate-title")}</h2>
            <p class="hint">{i18n.t("webhook-rotate-hint")}</p>
            <form method="post" action=RotateWebhookSecret::PATH class="form-inline">
                <FormFeedback state />
                <input type="hidden" name="id" value=id />
                <button type="submit">{i18n.t("webhook-rotate")}</button>
            </form>
        </section>
    }
}

#[component]
fn Deliveries(p: WebhookDetails, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let id = p.webhook.id.clone();
    let states = DeliveryState::ALL
        .map(|s| view! { <option value=s.as_str() selected=p.state == Some(s)>{i18n.t(s.label_key())}</option> })
        .collect_view();
    let filter = view! {
        <form method="get" action=format!("/alerts/webhooks/{id}") class="filter">
            <span class="pair">
                <label for="deliveries-state">{i18n.t("webhook-delivery-state")}</label>
                <select id="deliveries-state" name="state">
                    <option value="">{i18n.t("webhook-deliveries-all")}</option>
                    {states}
                </select>
            </span>
            <button type="submit">{i18n.t("filter-submit")}</button>
        </form>
    };
    let body = if p.deliveries.is_empty() {
        let empty = if p.state.is_some() { "webhook-deliveries-none-found" } else { "webhook-deliveries-empty" };
        view! { <p class="empty" data-empty="">{i18n.t(empty)}</p> }.into_any()
    } else {
        let older = p.next.map(|before| {
            let state = p.state.map(|s| format!("state={}&", s.as_str())).unwrap_or_default();
            view! {
                <p><a href=format!("/alerts/webhooks/{id}?{state}before={before}") rel="next">{i18n.t("webhook-deliveries-older")}</a></p>
            }
        });
        let can_manage = p.can_manage;
        let rows = p.deliveries.into_iter().map(|d| view! { <Delivery d can_manage /> }).collect_view();
        view! {
            <div class="table-scroll">
                <table class="data">
                    <caption class="visually-hidden">{i18n.t("webhook-deliveries-title")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("webhook-delivery-event")}</th>
                        <th scope="col">{i18n.t("webhook-delivery-queued")}</th>
                        <th scope="col">{i18n.t("webhook-delivery-state")}</th>
                        <th scope="col" class="num">{i18n.t("webhook-delivery-tries")}</th>
                        <th scope="col">{i18n.t("webhook-delivery-answer")}</th>
                        <th scope="col">{i18n.t("webhook-delivery-when")}</th>
                        {can_manage.then(|| view! { <th scope="col"><span class="visually-hidden">{i18n.t("webhook-delivery-actions")}</span></th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {older}
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="webhook-deliveries-title">
            <h2 id="webhook-deliveries-title">{i18n.t("webhook-deliveries-title")}</h2>
            <p class="hint">{i18n.t("webhook-deliveries-hint")}</p>
            <FormFeedback state=FormState::from_flash("deliveries", flash) />
            {filter}
            {body}
        </section>
    }
}

#[component]
fn Delivery(d: DeliveryLine, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let answer = match (d.last_status, d.last_error.clone()) {
        (Some(status), _) => format!("HTTP {status}"),
        (None, Some(error)) => error,
        (None, None) => "—".to_owned(),
    };
    let when = match d.state {
        DeliveryState::Delivered => {
            d.delivered_local_ms.map(|at| i18n.t_args("webhook-delivered-at", &[("when", i18n.date_time(at))]))
        }
        DeliveryState::Pending => {
            d.next_try_local_ms.map(|at| i18n.t_args("webhook-next-try-at", &[("when", i18n.date_time(at))]))
        }
        DeliveryState::Failed => {
            d.last_try_local_ms.map(|at| i18n.t_args("webhook-given-up-at", &[("when", i18n.date_time(at))]))
        }
    };
    let replay = (can_manage && d.state.replayable()).then(|| {
        view! {
            <form method="post" action=ReplayWebhookDelivery::PATH class="inline-form">
                <input type="hidden" name="delivery" value=d.id.to_string() />
                <button type="submit">{i18n.t("webhook-replay")}</button>
            </form>
        }
    });
    view! {
        <tr data-delivery=d.id data-state=d.state.as_str()>
            <td>{i18n.t(d.kind.label_key())} " · " <a href=d.href>{d.subject}</a></td>
            <td>{i18n.date_time(d.queued_at_local_ms)}</td>
            <td>
                <span class=delivery_badge(d.state)>{i18n.t(d.state.label_key())}</span>
                {(d.replays > 0).then(|| view! { " " <span class="muted">{i18n.t_count("webhook-replays", i64::from(d.replays))}</span> })}
            </td>
            <td class="num">{d.tries}</td>
            <td>{answer}</td>
            <td>{when}</td>
            {can_manage.then(|| view! { <td>{replay}</td> })}
        </tr>
    }
}
