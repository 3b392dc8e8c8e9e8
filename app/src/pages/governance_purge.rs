use domain::governance::retention::{PurgeStatus, PurgeView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::flash::take_flash;
use crate::api::governance::retention_purge;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// One purge: its progress while it runs (the page refreshes itself, with or without
/// JavaScript), then what it deleted, or why it stopped.
#[component]
pub fn GovernancePurgePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let purge = Resource::new(move || params.read().get("id").unwrap_or_default(), retention_purge);
    // The start's message, said once on the first view.
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("retention-purge-title"), i18n.t("app-name")) />
        <p class="breadcrumb">
            <a href="/governance">{i18n.t("nav-governance")}</a> " › "
            <a href="/governance/retention">{i18n.t("governance-retention")}</a>
        </p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("purge", flash.await.ok().flatten());
                match purge.await {
                    Ok(p) => view! { <Purge p state /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Purge(p: PurgeView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let name = i18n.t(&format!("retention-type-{}", p.data_type.text_key()));
    let args = |extra: (&'static str, String)| {
        [
            ("count", i18n.integer(p.done)),
            ("total", i18n.integer(p.total)),
            ("before", i18n.day(p.eligible_before)),
            extra,
        ]
    };
    let body = match p.status {
        PurgeStatus::Running => view! {
            <Meta http_equiv="refresh" content="1" />
            <section class="panel" role="status" data-status="running">
                <p>{i18n.t("retention-purge-running")}</p>
                <progress max=p.total.max(1) value=p.done></progress>
                <p class="muted">{i18n.t_args("retention-purge-progress", &args(("name", name.clone())))}</p>
            </section>
        }
        .into_any(),
        PurgeStatus::Done => view! {
            <section class="panel panel-ok" role="status" data-status="done" data-deleted=p.done.to_string()>
                <p><strong>{i18n.t_args("retention-purge-done", &args(("name", name.clone())))}</strong></p>
            </section>
        }
        .into_any(),
        PurgeStatus::Failed | PurgeStatus::Interrupted => {
            let why = match (&p.error, p.status) {
                (_, PurgeStatus::Interrupted) => i18n.t("error-retention-purge-interrupted"),
                (Some(code), _) if code.starts_with("mode-writes") => i18n.t("retention-stopped-by-mode"),
                (Some(code), _) => i18n.t(&format!("error-{code}")),
                (None, _) => i18n.t("error-internal"),
            };
            view! {
                <section class="panel panel-error" role="alert" data-status=p.status.as_str()>
                    <p><strong>{i18n.t_args("retention-purge-stopped", &args(("name", name.clone())))}</strong></p>
                    <p>{why}</p>
                </section>
            }
            .into_any()
        }
    };
    view! {
        <h1>{i18n.t_args("retention-purge-of", &[("name", name.clone())])}</h1>
        <FormFeedback state />
        {body}
        <dl class="facts">
            <dt>{i18n.t("retention-by")}</dt><dd>{p.by.clone()}</dd>
            <dt>{i18n.t("retention-started")}</dt><dd>{i18n.date_time(p.started_local_ms)}</dd>
            {p.finished_local_ms.map(|ms| view! { <dt>{i18n.t("retention-finished")}</dt><dd>{i18n.date_time(ms)}</dd> })}
        </dl>
        <p><a href="/governance/retention">{i18n.t("retention-back")}</a></p>
    }
}

/// A purge's status as a badge.
#[component]
pub fn PurgeStatusBadge(status: PurgeStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        PurgeStatus::Running => "badge",
        PurgeStatus::Done => "badge badge-ok",
        PurgeStatus::Failed | PurgeStatus::Interrupted => "badge badge-error",
    };
    view! { <span class=class>{i18n.t(&format!("retention-status-{}", status.as_str()))}</span> }
}
