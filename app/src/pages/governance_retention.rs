use domain::governance::retention::{DataType, DryRun, Handling, PolicyView, PurgeView, RetentionPage, RunsFrom};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::flash::{Flash, take_flash};
use crate::api::governance::{StartRetentionPurge, governance_retention};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::{I18n, use_i18n};
use crate::pages::governance_purge::PurgeStatusBadge;

/// How long the law keeps each kind of data the company holds (France and Algeria), what it holds
/// by age, a dry run of a purge, and the purge itself, confirmed (works without JavaScript).
#[component]
pub fn GovernanceRetentionPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("dry_run").filter(|v| !v.is_empty()), governance_retention);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-retention"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-retention")}</h1>
        <p class="hint">{i18n.t("retention-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match page.await {
                    Ok(page) => view! { <Retention page flash /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Retention(page: RetentionPage, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("purge", flash);
    let can_purge = page.can_purge;
    view! {
        <FormFeedback state />
        {page.dry_run.map(|dry| view! { <DryRunPanel dry can_purge state /> })}
        <section aria-labelledby="policies-title">
            <h2 id="policies-title">{i18n.t("retention-policies")}</h2>
            <div class="table-scroll">
                <table class="data retention">
                    <caption class="visually-hidden">{i18n.t("retention-policies")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("retention-data")}</th>
                        <th scope="col">{i18n.t("retention-basis")}</th>
                        <th scope="col" class="num">{i18n.t("retention-active")}</th>
                        <th scope="col" class="num">{i18n.t("retention-archive")}</th>
                        <th scope="col" class="num">{i18n.t("retention-eligible")}</th>
                        <th scope="col">{i18n.t("retention-oldest")}</th>
                        <th scope="col">{i18n.t("retention-purge")}</th>
                    </tr></thead>
                    <tbody>{page.policies.into_iter().map(|p| view! { <PolicyRow p /> }).collect_view()}</tbody>
                </table>
            </div>
            <div class="retention-notes">
                <p>{i18n.t_args("retention-counted", &[("time", i18n.time(page.counted_local_ms))])}</p>
                <p>{i18n.t("retention-bands")}</p>
                <p>{i18n.t("retention-automatic")}</p>
                <p>{i18n.t("retention-not-advice")}</p>
            </div>
        </section>
        <Purges purges=page.purges />
    }
}

#[component]
fn PolicyRow(p: PolicyView) -> impl IntoView {
    let i18n = use_i18n();
    let t = p.data_type;
    let key = t.text_key();
    let count = |n: i64| i18n.integer(n);
    let counts = match p.counts {
        Some(c) => view! {
            <td class="num">{count(c.active)}</td>
            <td class="num">{count(c.archive)}</td>
            <td class="num" data-eligible=c.eligible.to_string()>{count(c.eligible)}</td>
            <td>{c.oldest_local_ms.map(|ms| i18n.date(ms)).unwrap_or_else(|| "—".to_owned())}</td>
        }
        .into_any(),
        None => view! { <td colspan="4" class="muted">{i18n.t("field-retention-not-held")}</td> }.into_any(),
    };
    let purge = match t.handling() {
        Handling::Purged => view! {
            <a href=format!("/governance/retention?dry_run={}#dry-run", t.key())>{i18n.t("retention-dry-run")}</a>
        }
        .into_any(),
        Handling::Kept(because) => {
            view! { <span class="muted">{i18n.t(&format!("{}-short", because.code()))}</span> }.into_any()
        }
        Handling::NotHeld => view! { <span class="muted">"—"</span> }.into_any(),
    };
    view! {
        <tr data-type=t.key()>
            <th scope="row">
                {i18n.t(&format!("retention-type-{key}"))}
                <span class="hint">{years(i18n, t)}</span>
            </th>
            <td class="basis">
                <p><abbr title=i18n.t("country-fr")>"FR"</abbr> " " {i18n.t(&format!("retention-basis-fr-{key}"))}</p>
                <p><abbr title=i18n.t("country-dz")>"DZ"</abbr> " " {i18n.t(&format!("retention-basis-dz-{key}"))}</p>
            </td>
            {counts}
            <td>{purge}</td>
        </tr>
    }
}

fn years(i18n: I18n, t: DataType) -> String {
    let key = match t.runs_from() {
        RunsFrom::YearEnd => "retention-years-from-year-end",
        RunsFrom::RecordDate => "retention-years",
    };
    i18n.t_count(key, i64::from(t.years()))
}

/// What a purge of one kind would delete now, and the confirmed purge.
#[component]
fn DryRunPanel(dry: DryRun, can_purge: bool, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let t = dry.data_type;
    let name = i18n.t(&format!("retention-type-{}", t.text_key()));
    let before = i18n.day(dry.eligible_before);
    let date = |ms: Option<i64>| ms.map(|ms| i18n.date(ms)).unwrap_or_default();
    let span = [("from", date(dry.oldest_local_ms)), ("to", date(dry.newest_local_ms))];
    let summary = i18n.t_args(
        "retention-dry-run-rows",
        &[("count", i18n.integer(dry.rows)), ("name", name.clone()), ("before", before)],
    );
    let outcome = match (&dry.refused, dry.rows, can_purge) {
        (Some(code), _, _) => {
            view! { <p class="notice" data-refused=code.clone()>{i18n.field_error(code)}</p> }.into_any()
        }
        (None, 0, _) => view! { <p class="notice notice-ok">{i18n.t("retention-nothing-to-purge")}</p> }.into_any(),
        (None, _, false) => view! { <p class="hint">{i18n.t("retention-admins-purge")}</p> }.into_any(),
        (None, rows, true) => view! { <PurgeForm data_type=t rows state /> }.into_any(),
    };
    view! {
        <section id="dry-run" class="panel" aria-labelledby="dry-run-title" data-type=t.key()
            data-rows=dry.rows.to_string()>
            <h2 id="dry-run-title">{i18n.t_args("retention-dry-run-title", &[("name", name)])}</h2>
            <p><strong>{summary}</strong></p>
            {(dry.rows > 0).then(|| view! { <p class="hint">{i18n.t_args("retention-dry-run-span", &span)}</p> })}
            {outcome}
        </section>
    }
}

#[component]
fn PurgeForm(data_type: DataType, rows: i64, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let error = state.field_error("confirm");
    let described = move || error.get().map(|_| "purge-confirm-error");
    view! {
        <form method="post" action=StartRetentionPurge::PATH class="form" novalidate>
            <input type="hidden" name="data_type" value=data_type.key() />
            <div class="field" class:field-invalid=move || error.get().is_some()>
                <label class="check">
                    <input type="checkbox" name="confirm" value="on"
                        aria-invalid=move || error.get().is_some().then_some("true") aria-describedby=described />
                    {i18n.t_count("retention-confirm", rows)}
                </label>
                {move || error.get().map(|code| view! { <p class="field-error" id="purge-confirm-error">{i18n.field_error(&code)}</p> })}
            </div>
            <button type="submit" class="danger">{i18n.t("retention-purge-now")}</button>
        </form>
    }
}

#[component]
fn Purges(purges: Vec<PurgeView>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="purges-title">
            <h2 id="purges-title">{i18n.t("retention-purges")}</h2>
            {if purges.is_empty() {
                view! { <p class="muted">{i18n.t("retention-no-purges")}</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr>
                            <th scope="col">{i18n.t("retention-started")}</th>
                            <th scope="col">{i18n.t("retention-data")}</th>
                            <th scope="col">{i18n.t("retention-by")}</th>
                            <th scope="col">{i18n.t("retention-status")}</th>
                            <th scope="col" class="num">{i18n.t("retention-deleted")}</th>
                        </tr></thead>
                        <tbody>
                            {purges.into_iter().map(|p| view! {
                                <tr data-purge=p.id.clone() data-status=p.status.as_str()>
                                    <td><a href=format!("/governance/retention/purges/{}", p.id)>{i18n.date_time(p.started_local_ms)}</a></td>
                                    <td>{i18n.t(&format!("retention-type-{}", p.data_type.text_key()))}</td>
                                    <td>{p.by.clone()}</td>
                                    <td><PurgeStatusBadge status=p.status /></td>
                                    <td class="num">{i18n.integer(p.done)} " / " {i18n.integer(p.total)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                .into_any()
            }}
        </section>
    }
}
