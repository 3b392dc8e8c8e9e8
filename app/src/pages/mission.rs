use domain::Money;
use domain::mission::state::{Note, Priority};
use domain::mission::views::{MissionDetails, Offer};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::flash::{Flash, take_flash};
use crate::api::missions::{
    AssignTechnician, InvoiceMission, MoveMission, UnassignTechnician, WithdrawPart, mission_view,
};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// One mission: what, for whom, where and when; the steps its reader may take now (only
/// those, from the domain's table); its technicians; the time recorded; and its timeline.
#[component]
pub fn MissionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let details = Resource::new(move || params.read().get("id").unwrap_or_default(), mission_view);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <p class="breadcrumb"><a href="/missions">{i18n.t("missions-title")}</a></p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match details.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(d) => view! {
                        <Title text=format!("{} · {} · {}", d.reference, d.title, i18n.t("app-name")) />
                        <h1>
                            <span class="code">{d.reference.clone()}</span> " " {d.title.clone()}
                        </h1>
                        <p class="mission-state">
                            <span class=format!("state state-{}", d.state.as_str()) data-state=d.state.as_str()>
                                {i18n.t(d.state.label_key())}
                            </span>
                            " " <span class="muted">{i18n.t_args("mission-state-since", &[("when", i18n.date_time(d.state_since_local_ms))])}</span>
                        </p>
                        {d.waiting_minutes.map(|minutes| view! {
                            <p class="notice notice-error" role="status" data-waiting=minutes>
                                {i18n.t_count("emergency-waiting", minutes)}
                            </p>
                        })}
                        <FormFeedback state=FormState::from_flash("mission", flash.clone()) />
                        <Steps d=d.clone() flash=flash.clone() />
                        <Invoicing d=d.clone() state=FormState::from_flash("invoice", flash.clone()) />
                        <Facts d=d.clone() />
                        <Technicians d=d.clone() state=FormState::from_flash("technicians", flash.clone()) />
                        <Time d=d.clone() />
                        <Parts d=d.clone() state=FormState::from_flash("parts", flash.clone()) />
                        <Timeline d />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// Its invoice: the link once there is one, the button that drafts it once the mission is done.
#[component]
fn Invoicing(d: MissionDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(invoice) = d.invoice_id.clone() {
        let href = if d.state == domain::mission::state::MissionState::Invoiced {
            format!("/invoices/issued/{invoice}")
        } else {
            format!("/invoices/drafts/{invoice}")
        };
        return view! { <p class="actions"><a class="button" href=href>{i18n.t("mission-open-invoice")}</a></p> }
            .into_any();
    }
    if !d.can_invoice {
        return ().into_any();
    }
    view! {
        <section class="panel" aria-labelledby="mission-invoice">
            <h2 id="mission-invoice">{i18n.t("mission-invoice-title")}</h2>
            <p class="hint">{i18n.t("mission-invoice-intro")}</p>
            <form method="post" action=InvoiceMission::PATH class="form">
                <FormFeedback state />
                <input type="hidden" name="mission" value=d.id.clone() />
                <button type="submit" class="primary big">{i18n.t("mission-invoice-create")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// The steps its reader may take: one form each, with the reason or report it asks for.
#[component]
fn Steps(d: MissionDetails, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    if d.offers.is_empty() {
        return ().into_any();
    }
    let forms = d
        .offers
        .into_iter()
        .map(|Offer { action, note }| {
            let state = FormState::from_flash(&format!("move-{}", action.as_str()), flash.clone());
            let id = format!("note-{}", action.as_str());
            let label = match note {
                Note::Report => "mission-note-report",
                _ => "mission-note-reason",
            };
            let danger = action == domain::mission::state::Action::Cancel;
            view! {
                <form method="post" action=MoveMission::PATH class="form step-form">
                    <FormFeedback state />
                    <input type="hidden" name="mission" value=d.id.clone() />
                    <input type="hidden" name="action" value=action.as_str() />
                    {(note != Note::None).then(|| view! {
                        <div class="field">
                            <label for=id.clone()>{i18n.t(label)}</label>
                            <textarea id=id.clone() name="note" rows="3" maxlength="2000">{state.typed("note")}</textarea>
                            {move || state.field_error("note").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                        </div>
                    })}
                    <button type="submit" class=if danger { "danger big" } else { "primary big" } data-action=action.as_str()>
                        {i18n.t(action.label_key())}
                    </button>
                </form>
            }
        })
        .collect_view();
    view! {
        <section class="panel steps" aria-labelledby="mission-steps">
            <h2 id="mission-steps">{i18n.t("mission-steps-title")}</h2>
            <div class="step-forms">{forms}</div>
        </section>
    }
    .into_any()
}

#[component]
fn Facts(d: MissionDetails) -> impl IntoView {
    let i18n = use_i18n();
    let address = d.address.lines().into_iter().map(|line| view! { {line} <br /> }).collect_view();
    view! {
        <section class="panel" aria-labelledby="mission-facts">
            <h2 id="mission-facts">{i18n.t("mission-facts-title")}</h2>
            <dl class="facts">
                <dt>{i18n.t("mission-customer")}</dt>
                <dd><a href=format!("/invoices/customers/{}", d.customer_id)>{d.customer.clone()}</a></dd>
                <dt>{i18n.t("mission-address")}</dt>
                <dd><address>{address}</address></dd>
                <dt>{i18n.t("mission-site")}</dt>
                <dd><a href=format!("/stock/sites/{}", d.site_id)>{d.site.clone()}</a></dd>
                <dt>{i18n.t("mission-priority")}</dt>
                <dd class:urgent=d.priority == Priority::Emergency>{i18n.t(d.priority.label_key())}</dd>
                {d.planned_local_ms.map(|ms| view! { <dt>{i18n.t("mission-planned")}</dt> <dd>{i18n.date_time(ms)}</dd> })}
                {d.planned_minutes.map(|m| view! { <dt>{i18n.t("mission-duration")}</dt> <dd>{i18n.duration(m)}</dd> })}
                {d.customer_reference.clone().map(|r| view! { <dt>{i18n.t("mission-customer-reference")}</dt> <dd class="code">{r}</dd> })}
                {d.hourly_rate_minor.map(|rate| view! {
                    <dt>{i18n.t("mission-hourly-rate")}</dt>
                    <dd>{i18n.money(Money::new(rate, d.currency))}</dd>
                })}
                {d.caller.clone().map(|c| view! {
                    <dt>{i18n.t("mission-caller")}</dt>
                    <dd>{c.name} {c.phone.map(|p| view! { " · " <a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a> })}</dd>
                })}
            </dl>
            {d.description.clone().map(|text| view! { <p class="description">{text}</p> })}
            {d.can_assign.then(|| view! {
                <p class="actions"><a class="button" href=format!("/missions/{}/edit", d.id)>{i18n.t("mission-edit")}</a></p>
            })}
        </section>
    }
}

#[component]
fn Technicians(d: MissionDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let can_assign = d.can_assign;
    let removable = can_assign
        && matches!(
            d.state,
            domain::mission::state::MissionState::New | domain::mission::state::MissionState::Published
        );
    let people = d
        .technicians
        .iter()
        .map(|t| {
            view! {
                <li>
                    {t.name.clone()}
                    {removable.then(|| view! {
                        <form method="post" action=UnassignTechnician::PATH class="inline-form">
                            <input type="hidden" name="mission" value=d.id.clone() />
                            <input type="hidden" name="technician" value=t.id.clone() />
                            <button type="submit" class="link">{i18n.t("mission-unassign")}</button>
                        </form>
                    })}
                </li>
            }
        })
        .collect_view();
    let add = (can_assign && !d.assignable.is_empty()).then(|| {
        let options =
            d.assignable.iter().map(|t| view! { <option value=t.id.clone()>{t.name.clone()}</option> }).collect_view();
        view! {
            <form method="post" action=AssignTechnician::PATH class="form form-inline">
                <input type="hidden" name="mission" value=d.id.clone() />
                <div class="field">
                    <label for="assign-technician">{i18n.t("mission-assign")}</label>
                    <select id="assign-technician" name="technician">{options}</select>
                </div>
                <button type="submit">{i18n.t("mission-assign-submit")}</button>
            </form>
        }
    });
    view! {
        <section class="panel" aria-labelledby="mission-technicians">
            <h2 id="mission-technicians">{i18n.t("mission-technicians")}</h2>
            <FormFeedback state />
            {if d.technicians.is_empty() {
                view! { <p class="empty">{i18n.t("mission-no-technician")}</p> }.into_any()
            } else {
                view! { <ul class="people">{people}</ul> }.into_any()
            }}
            {add}
        </section>
    }
}

#[component]
fn Time(d: MissionDetails) -> impl IntoView {
    let i18n = use_i18n();
    let rows = d
        .time
        .iter()
        .map(|e| {
            let span = i18n.span(e.start_local_ms, e.end_local_ms);
            view! {
                <tr>
                    <td>{i18n.day(e.date)}</td>
                    <td>{e.technician.clone()}</td>
                    <td>{span}</td>
                    <td class="number">{i18n.duration(e.minutes)}</td>
                    <td>{i18n.t(e.status.label_key())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="mission-time">
            <h2 id="mission-time">{i18n.t("mission-time-title")}</h2>
            {d.can_record_time.then(|| view! {
                <p><a class="button primary big" href=format!("/missions/time?mission={}", d.id)>{i18n.t("time-record-title")}</a></p>
            })}
            {if d.time.is_empty() {
                view! { <p class="empty">{i18n.t("mission-time-empty")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{i18n.t("time-date")}</th>
                                <th scope="col">{i18n.t("mission-technician")}</th>
                                <th scope="col">{i18n.t("time-span")}</th>
                                <th scope="col" class="number">{i18n.t("time-worked")}</th>
                                <th scope="col">{i18n.t("time-status")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                            <tfoot><tr>
                                <th scope="row" colspan="3">{i18n.t("time-total")}</th>
                                <td class="number">{i18n.duration(d.time_minutes)}</td>
                                <td></td>
                            </tr></tfoot>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

/// The parts used, with their cost; the mission's technicians withdraw more from its site.
#[component]
fn Parts(d: MissionDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let rows = d
        .parts
        .iter()
        .map(|p| {
            view! {
                <tr data-part=p.code.clone()>
                    <td class="code"><a href=format!("/stock/articles/{}", p.article_id)>{p.code.clone()}</a></td>
                    <td>{p.designation.clone()}</td>
                    <td class="number">{i18n.quantity(p.quantity_milli)} " " {p.unit.clone()}</td>
                    <td class="number">{i18n.money(Money::new(p.cost_minor, d.currency))}</td>
                </tr>
            }
        })
        .collect_view();
    let form = d.can_withdraw.then(|| {
        view! {
            <form method="post" action=WithdrawPart::PATH class="form form-inline">
                <FormFeedback state />
                <input type="hidden" name="mission" value=d.id.clone() />
                <TextField name="article" id="part" label="part-article" value=state.typed("article").unwrap_or_default() maxlength=32 error=state.field_error("article") />
                <TextField name="quantity" id="part" label="part-quantity" value=state.typed("quantity").unwrap_or_default() maxlength=20 error=state.field_error("quantity") />
                <button type="submit" class="primary big">{i18n.t("part-withdraw")}</button>
            </form>
        }
    });
    view! {
        <section class="panel" aria-labelledby="mission-parts">
            <h2 id="mission-parts">{i18n.t("mission-parts-title")}</h2>
            {form}
            {if d.parts.is_empty() {
                view! { <p class="empty">{i18n.t("mission-parts-empty")}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data">
                            <thead><tr>
                                <th scope="col">{i18n.t("part-article")}</th>
                                <th scope="col">{i18n.t("part-designation")}</th>
                                <th scope="col" class="number">{i18n.t("part-quantity")}</th>
                                <th scope="col" class="number">{i18n.t("part-cost")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                            <tfoot><tr>
                                <th scope="row" colspan="3">{i18n.t("time-total")}</th>
                                <td class="number">{i18n.money(Money::new(d.parts_cost_minor, d.currency))}</td>
                            </tr></tfoot>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Timeline(d: MissionDetails) -> impl IntoView {
    let i18n = use_i18n();
    let steps = d
        .timeline
        .into_iter()
        .rev()
        .map(|s| {
            let what = match s.from {
                None => i18n.t_args("timeline-created", &[("state", i18n.t(s.to.label_key()))]),
                Some(from) => i18n
                    .t_args("timeline-moved", &[("from", i18n.t(from.label_key())), ("to", i18n.t(s.to.label_key()))]),
            };
            view! {
                <li>
                    <time>{i18n.date_time(s.at_local_ms)}</time>
                    " · " <strong>{what}</strong> " · " {s.actor}
                    {s.note.map(|n| view! { <blockquote>{n}</blockquote> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="mission-timeline">
            <h2 id="mission-timeline">{i18n.t("mission-timeline-title")}</h2>
            <ol class="timeline" reversed>{steps}</ol>
        </section>
    }
}
