use domain::stock::import::{ImportKind, template};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use crate::api::ApiError;
use crate::api::flash::take_flash;
use domain::stock::import::ImportOutcome;
use domain::stock::reports::{ImportOverviewView, ImportProgressView};

use crate::api::stock_import::{import_overview, import_progress};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// Importing articles or opening stock from a CSV file, and the company's latest imports.
#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| import_overview());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("import-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("import-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("import", flash.await.ok().flatten());
                match overview.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(o) => view! { <ImportForm o=o.clone() state /> <History o /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportForm(o: ImportOverviewView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(closed) = &o.closed {
        let error = ApiError::feature_closed(closed);
        return view! { <p class="panel panel-muted" data-error=error.code.clone()>{i18n.error(&error)}</p> }
            .into_any();
    }
    if !o.can_import {
        return view! { <p class="panel panel-muted">{i18n.t("import-read-only")}</p> }.into_any();
    }
    view! {
        <section class="panel" aria-labelledby="import-form-title">
            <h2 id="import-form-title">{i18n.t("import-form-title")}</h2>
            <form method="post" action="/stock/import/upload" enctype="multipart/form-data" class="form">
                <FormFeedback state />
                <div class="field">
                    <label for="import-kind">{i18n.t("import-kind")}</label>
                    <select id="import-kind" name="kind">
                        <option value="articles">{i18n.t("import-kind-articles")}</option>
                        <option value="opening-stock">{i18n.t("import-kind-opening-stock")}</option>
                    </select>
                </div>
                <div class="field" class:field-invalid=move || state.field_error("file").get().is_some()>
                    <label for="import-file">{i18n.t("import-file")}</label>
                    <input id="import-file" type="file" name="file" accept=".csv,text/csv,text/plain" required />
                    {move || state.field_error("file").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <p class="hint">{i18n.t("import-hint")}</p>
                <dl class="facts">
                    <dt>{i18n.t("import-kind-articles")}</dt>
                    <dd><code>{template(ImportKind::Articles).trim_end().to_owned()}</code></dd>
                    <dt>{i18n.t("import-kind-opening-stock")}</dt>
                    <dd><code>{template(ImportKind::OpeningStock).trim_end().to_owned()}</code></dd>
                </dl>
                <button type="submit" class="primary">{i18n.t("import-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

#[component]
fn History(o: ImportOverviewView) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="import-history-title">
            <h2 id="import-history-title">{i18n.t("import-history")}</h2>
            {if o.history.is_empty() {
                view! { <p class="empty">{i18n.t("import-history-empty")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{i18n.t("stock-when")}</th>
                            <th scope="col">{i18n.t("import-kind")}</th>
                            <th scope="col">{i18n.t("import-file")}</th>
                            <th scope="col">{i18n.t("import-outcome")}</th>
                            <th scope="col">{i18n.t("stock-who")}</th>
                        </tr></thead>
                        <tbody>
                            {o.history.into_iter().map(|i| {
                                let outcome = match i.outcome {
                                    ImportOutcome::Imported => i18n.t_count("import-outcome-imported", i.row_count),
                                    ImportOutcome::Refused => i18n.t_count("import-outcome-refused", i.error_count),
                                    ImportOutcome::Failed => i18n.t("import-outcome-failed"),
                                };
                                view! {
                                    <tr data-outcome=i.outcome.as_str()>
                                        <td>{i18n.date_time(i.at_local_ms)}</td>
                                        <td>{i18n.t(i.kind.label_key())}</td>
                                        <td>{i.file_name.unwrap_or_default()}</td>
                                        <td>{outcome}</td>
                                        <td>{i.who}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}

/// One import: its progress while it runs (the page refreshes itself, with or without
/// JavaScript), then its summary or every problem found, by line and column.
#[component]
pub fn ImportProgressPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let progress = Resource::new(move || params.read().get("id").unwrap_or_default(), import_progress);
    view! {
        <Title text=format!("{} · {}", i18n.t("import-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock/import">{i18n.t("import-title")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match progress.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(p) => view! { <Progress p /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Progress(p: ImportProgressView) -> impl IntoView {
    let i18n = use_i18n();
    let heading = view! {
        <h1>{i18n.t(p.kind.label_key())} " · " <span class="code">{p.file_name.clone()}</span></h1>
    };
    match p.outcome {
        None => view! {
            <Meta http_equiv="refresh" content="1" />
            {heading}
            <section class="panel" role="status" data-phase=p.phase.as_str()>
                <p>{i18n.t(p.phase.label_key())}</p>
                <progress max=p.total.max(1) value=p.done></progress>
                <p class="muted">{i18n.t_args("import-rows-done", &[("done", i18n.integer(p.done as i64)), ("total", i18n.integer(p.total as i64))])}</p>
            </section>
        }
        .into_any(),
        Some(ImportOutcome::Imported) => view! {
            {heading}
            <section class="panel panel-ok" role="status" data-outcome="imported">
                <p><strong>{i18n.t_count("import-done", p.imported as i64)}</strong></p>
                <p><a href="/stock/articles">{i18n.t("stock-list-title")}</a> " · " <a href="/stock/import">{i18n.t("import-another")}</a></p>
            </section>
        }
        .into_any(),
        Some(ImportOutcome::Refused) => {
            let more = p.report.total.saturating_sub(p.report.errors.len());
            view! {
                {heading}
                <section class="panel panel-error" role="alert" data-outcome="refused">
                    <p><strong>{i18n.t_count("import-refused", p.report.total as i64)}</strong></p>
                    <table class="data report">
                        <thead><tr>
                            <th scope="col" class="num">{i18n.t("import-line")}</th>
                            <th scope="col">{i18n.t("import-column")}</th>
                            <th scope="col">{i18n.t("import-problem")}</th>
                        </tr></thead>
                        <tbody>
                            {p.report.errors.into_iter().map(|e| view! {
                                <tr data-line=e.line.to_string()>
                                    <td class="num">{i18n.integer(e.line as i64)}</td>
                                    <td><code>{e.column}</code></td>
                                    <td>{i18n.field_error(&e.code)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    {(more > 0).then(|| view! { <p>{i18n.t_count("import-more-errors", more as i64)}</p> })}
                    <p><a href="/stock/import">{i18n.t("import-try-again")}</a></p>
                </section>
            }
            .into_any()
        }
        Some(ImportOutcome::Failed) => view! {
            {heading}
            <section class="panel panel-error" role="alert" data-outcome="failed">
                <p>{i18n.t("import-failed")}</p>
                <p><a href="/stock/import">{i18n.t("import-try-again")}</a></p>
            </section>
        }
        .into_any(),
    }
}
