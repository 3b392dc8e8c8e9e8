use domain::webhooks::commands::WebhookForm;
use domain::webhooks::delivery::DeliveryState;
use domain::webhooks::views::{NewestDelivery, WebhookLine};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::{Flash, take_flash};
use crate::api::webhooks::{CreateWebhook, webhooks_list};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::webhook_fields::{WebhookFields, typed_form};
use crate::i18n::use_i18n;

/// The badge class of a delivery's state.
pub fn delivery_badge(state: DeliveryState) -> &'static str {
    match state {
        DeliveryState::Pending => "badge badge-warning",
        DeliveryState::Delivered => "badge badge-ok",
        DeliveryState::Failed => "badge badge-error",
    }
}

/// The company's webhooks, with where their deliveries stand, and (for admins) the form that
/// registers one.
#[component]
pub fn WebhooksPage() -> impl IntoView {
    let i18n = use_i18n();
    let listing = Resource::new(|| (), |_| webhooks_list());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("webhooks-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/alerts">{i18n.t("notifications-title")}</a></p>
        <h1>{i18n.t("webhooks-title")}</h1>
        <p class="hint">{i18n.t("webhooks-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let data = match listing.await {
                    Ok(data) => data,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let table = if data.lines.is_empty() {
                    view! { <p class="empty" data-empty="">{i18n.t("webhooks-empty")}</p> }.into_any()
                } else {
                    let rows = data.lines.into_iter().map(|w| view! { <Row w /> }).collect_view();
                    view! {
                        <div class="table-scroll">
                            <table class="data">
                                <caption class="visually-hidden">{i18n.t("webhooks-title")}</caption>
                                <thead><tr>
                                    <th scope="col">{i18n.t("webhook-url")}</th>
                                    <th scope="col">{i18n.t("webhook-kinds")}</th>
                                    <th scope="col">{i18n.t("webhook-state")}</th>
                                    <th scope="col" class="num">{i18n.t("webhook-pending")}</th>
                                    <th scope="col" class="num">{i18n.t("webhook-failed")}</th>
                                    <th scope="col">{i18n.t("webhook-newest")}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                };
                view! { {table} {data.can_manage.then(|| view! { <NewWebhook flash /> })} }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Row(w: WebhookLine) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = w.kinds.iter().map(|k| i18n.t(k.label_key())).collect::<Vec<_>>().join(", ");
    let state = if w.enabled {
        view! { <span class="badge badge-ok">{i18n.t("webhook-on")}</span> }
    } else {
        view! { <span class="badge badge-muted">{i18n.t("webhook-off")}</span> }
    };
    view! {
        <tr data-webhook=w.id.clone()>
            <td>
                <a href=format!("/alerts/webhooks/{}", w.id)><code class="wrap">{w.url}</code></a>
                {(!w.description.is_empty()).then(|| view! { <br /> <span class="muted">{w.description}</span> })}
            </td>
            <td>{kinds}</td>
            <td>{state}</td>
            <td class="num">{w.pending}</td>
            <td class="num">{w.failed}</td>
            <td>{w.newest.map(|n| view! { <Newest n /> })}</td>
        </tr>
    }
}

#[component]
fn Newest(n: NewestDelivery) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=delivery_badge(n.state)>{i18n.t(n.state.label_key())}</span>
        {n.status.map(|s| view! { " " <span class="muted">{format!("HTTP {s}")}</span> })}
        {n.tried_at_local_ms.map(|at| view! { " · " {i18n.date_time(at)} })}
    }
}

/// Registering a webhook; a refused form comes back as typed.
#[component]
fn NewWebhook(flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("webhook-new", flash);
    let form = typed_form(&state).unwrap_or_else(WebhookForm::blank);
    view! {
        <section class="panel" aria-labelledby="webhook-new-title">
            <h2 id="webhook-new-title">{i18n.t("webhook-new-title")}</h2>
            <form method="post" action=CreateWebhook::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                <WebhookFields id="webhook-new" form state />
                <button type="submit" class="primary">{i18n.t("webhook-create")}</button>
            </form>
        </section>
    }
}
