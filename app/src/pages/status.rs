use domain::status::{Component, ComponentKind, ComponentState, StatusView};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::status::platform_status;
use crate::components::auth_card::AuthCard;
use crate::i18n::use_i18n;

/// `/status`, for anyone: each component's state and the service level objective of the last 30
/// days (`/status.json` says the same for machines). No company data.
#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = Resource::new(|| (), |_| platform_status());
    view! {
        <Title text=format!("{} · {}", i18n.t("status-title"), i18n.t("app-name")) />
        <AuthCard title="status-title">
            <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(view) => view! { <Status view /> }.into_any(),
                        Err(_) => view! { <p class="notice notice-error" role="alert">{i18n.t("status-unknown")}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </AuthCard>
    }
}

fn state_class(state: ComponentState) -> &'static str {
    match state {
        ComponentState::Up => "badge badge-ok",
        ComponentState::Degraded => "badge badge-warning",
        ComponentState::Down => "badge badge-error",
        ComponentState::Off => "badge badge-muted",
    }
}

#[component]
fn Status(view: StatusView) -> impl IntoView {
    let i18n = use_i18n();
    let overall = match view.state {
        ComponentState::Up | ComponentState::Off => "status-all-up",
        ComponentState::Degraded => "status-some-degraded",
        ComponentState::Down => "status-some-down",
    };
    let slo = view.slo.clone();
    let point = if i18n.lang == domain::Lang::Fr { ',' } else { '.' };
    let permille = |p: i64| format!("{}\u{a0}%", domain::format::plain_decimal(p, 1, point, false));
    let rows = view.components.into_iter().map(|c| view! { <Row c /> }).collect_view();
    view! {
        <p class="notice" class:notice-ok=view.state == ComponentState::Up class:notice-error=view.state != ComponentState::Up
            role="status" data-state=format!("{:?}", view.state).to_lowercase()>
            {i18n.t(overall)}
        </p>
        <table class="data">
            <caption class="visually-hidden">{i18n.t("status-components")}</caption>
            <thead><tr>
                <th scope="col">{i18n.t("status-component")}</th>
                <th scope="col">{i18n.t("status-state")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <h3>{i18n.t("status-slo")}</h3>
        <p>{i18n.t_args("status-slo-target", &[
            ("target", permille(slo.target_permille as i64)),
            ("days", slo.window_days.to_string()),
            ("threshold", slo.apdex_threshold_ms.to_string()),
        ])}</p>
        <dl class="facts" data-slo="">
            <dt>{i18n.t("status-slo-achieved")}</dt>
            <dd>{permille(slo.achieved_permille as i64)} " · " {i18n.t_args("status-slo-requests", &[
                ("good", i18n.integer(slo.window.good as i64)),
                ("total", i18n.integer(slo.window.total as i64)),
            ])}</dd>
            <dt>{i18n.t("status-slo-budget")}</dt>
            <dd>{permille(slo.budget_left_permille)}</dd>
        </dl>
        {slo.burning_fast.then(|| view! { <p class="notice notice-error" role="alert">{i18n.t("status-burning-fast")}</p> })}
        <p class="hint">
            {i18n.t_args("status-checked", &[("when", i18n.date_time(view.checked_at_ms))])} " "
            <a href="/status.json">"status.json"</a>
        </p>
    }
}

#[component]
fn Row(c: Component) -> impl IntoView {
    let i18n = use_i18n();
    let detail = match (c.kind, c.healthy, c.last_run_ms) {
        (ComponentKind::TenantDatabases, Some((healthy, total)), _) => Some(i18n.t_args(
            "status-healthy",
            &[("healthy", i18n.integer(i64::from(healthy))), ("total", i18n.integer(i64::from(total)))],
        )),
        (ComponentKind::Scheduler, _, Some(at)) => {
            Some(i18n.t_args("status-last-run", &[("when", i18n.date_time(at))]))
        }
        _ => None,
    };
    view! {
        <tr data-component=format!("{:?}", c.kind).to_lowercase()>
            <td>{i18n.t(c.kind.label_key())} {detail.map(|d| view! { <br /> <span class="muted">{d}</span> })}</td>
            <td><span class=state_class(c.state)>{i18n.t(c.state.label_key())}</span></td>
        </tr>
    }
}
