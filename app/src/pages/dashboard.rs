//! A dashboard of the reader's role: its key figures, each linking to the list behind it, and
//! its charts. Rendered on the server (it reads and prints without JavaScript); with
//! JavaScript, the figures are asked for again every 30 seconds.

use std::time::Duration;

use domain::dashboard::Board;
use domain::dashboard::kpis::ExportForm;
use domain::dashboard::periods;
use domain::dashboard::views::{BoardPage, Figures};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::dashboard_figures::{finance, operations, platform};
use crate::api::dashboards::dashboard;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

const REFRESH: Duration = Duration::from_secs(30);

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = move || params.read().get("board").unwrap_or_default();
    let page = Resource::new(slug, dashboard);
    // Worked out once: the head is written after the page, when its reactive values are gone.
    let board = Board::parse(&params.read_untracked().get("board").unwrap_or_default());
    let title = board.map_or_else(|| i18n.t("dashboards-title"), |b| i18n.t(b.title_key()));
    view! {
        <Title text=format!("{} · {}", title, i18n.t("app-name")) />
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(page) => {
                        let export = view! { <Export board=page.board as_of_local_ms=page.as_of_local_ms /> };
                        view! { <LiveBoard page /> {export} }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The KPI export: the board's figures month by month, as a CSV file. A refused period comes
/// back here (the file's route sends it) and is shown with what was typed.
#[component]
fn Export(board: Board, as_of_local_ms: i64) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let typed = query.with_untracked(|q| ExportForm {
        from: q.get("from").unwrap_or_default(),
        to: q.get("to").unwrap_or_default(),
    });
    let today = periods::day_of(as_of_local_ms);
    let (shown, errors) = if typed == ExportForm::default() {
        (ExportForm::default().parse(today).map(|range| range.form()).unwrap_or_default(), Vec::new())
    } else {
        let errors = typed.parse(today).err().map(|e| e.0).unwrap_or_default();
        (typed, errors)
    };
    let error_of = |field: &str| errors.iter().find(|e| e.field == field).map(|e| e.code.clone());
    let field = move |name: &'static str, label: String, value: String, error: Option<String>| {
        let id = format!("export-{name}");
        let described = error.as_ref().map(|_| format!("{id}-error"));
        view! {
            <span class="pair">
                <label for=id.clone()>{label}</label>
                <input
                    id=id.clone()
                    type="month"
                    name=name
                    value=value
                    placeholder="2026-01"
                    pattern="[0-9]{4}-[0-9]{2}"
                    aria-invalid=error.as_ref().map(|_| "true")
                    aria-describedby=described
                />
                {error.map(|code| view! { <span class="field-error" id=format!("{id}-error") role="alert">{i18n.field_error(&code)}</span> })}
            </span>
        }
    };
    view! {
        <section class="panel no-print" id="export" aria-labelledby="export-title">
            <h2 id="export-title">{i18n.t("dashboard-export")}</h2>
            <p class="hint">{i18n.t("dashboard-export-intro")}</p>
            <form method="get" action=format!("{}/kpis.csv", board.href()) class="filter">
                {field("from", i18n.t("dashboard-export-from"), shown.from, error_of("from"))}
                {field("to", i18n.t("dashboard-export-to"), shown.to, error_of("to"))}
                <button type="submit">{i18n.t("dashboard-export-submit")}</button>
            </form>
        </section>
    }
}

/// The board as first rendered, then refreshed in place while the page stays open.
#[island]
fn LiveBoard(page: BoardPage) -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(page);
    Effect::new(move |_| {
        let refresh = move || {
            let slug = current.with_untracked(|p| p.board.slug().to_owned());
            leptos::task::spawn_local(async move {
                if let Ok(page) = dashboard(slug).await {
                    current.set(page);
                }
            });
        };
        if let Ok(handle) = set_interval_with_handle(refresh, REFRESH) {
            on_cleanup(move || handle.clear());
        }
    });
    move || {
        let page = current.get();
        let tabs = page
            .boards
            .iter()
            .map(|b| {
                let here = (*b == page.board).then_some("page");
                view! { <li><a href=b.href() aria-current=here>{i18n.t(b.title_key())}</a></li> }
            })
            .collect_view();
        let body = match page.figures {
            Figures::Operations(o) => operations(&i18n, o).into_any(),
            Figures::Finance(f) => finance(&i18n, f).into_any(),
            Figures::Platform(p) => platform(&i18n, p).into_any(),
        };
        view! {
            <div class="dashboard" data-board=page.board.slug()>
                <nav class="tabs no-print" aria-label=i18n.t("dashboards-title")>
                    <ul>{tabs}</ul>
                </nav>
                <h1>{i18n.t(page.board.title_key())}</h1>
                <p class="muted" data-as-of=page.as_of_local_ms.to_string()>
                    {i18n.t_args("dashboard-as-of", &[("when", i18n.date_time(page.as_of_local_ms))])}
                </p>
                {body}
            </div>
        }
    }
}
