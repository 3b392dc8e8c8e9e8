use domain::governance::personal_data::{CustomerLine, MemberLine, PersonalDataPage, member_export_url};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::flash::{Flash, take_flash};
use crate::api::governance::{
    AnonymiseCustomer, AnonymiseMember, ERASE_FORM, PERSONAL_DATA_PATH, personal_data_overview,
};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// Personal data (GDPR): each member's export and erasure, and a customer search with the
/// erasure of a customer contact. Plain forms and links: it works without JavaScript.
#[component]
pub fn GovernancePersonalDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q"));
    let page = Resource::new(search, personal_data_overview);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-personal-data"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-personal-data")}</h1>
        <p class="hint">{i18n.t("personal-data-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match page.await {
                    Ok(page) => view! { <PersonalData page flash /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PersonalData(page: PersonalDataPage, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash(ERASE_FORM, flash);
    let confirm_error = state.field_error("confirm");
    let can_manage = page.can_manage;
    view! {
        <FormFeedback state />
        {move || confirm_error.get().map(|code| view! { <p class="field-error" role="alert">{i18n.field_error(&code)}</p> })}
        <Members members=page.members can_manage />
        <Customers customers=page.customers search=page.search more=page.more_customers can_manage />
        <section class="panel panel-muted" aria-labelledby="personal-data-kept-title">
            <h2 id="personal-data-kept-title">{i18n.t("personal-data-kept-title")}</h2>
            <p>{i18n.t("personal-data-kept")}</p>
        </section>
    }
    .into_any()
}

#[component]
fn Members(members: Vec<MemberLine>, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rows = members.into_iter().map(|m| view! { <MemberRow m can_manage /> }.into_any()).collect_view();
    view! {
        <section class="panel" aria-labelledby="personal-data-members-title">
            <h2 id="personal-data-members-title">{i18n.t("personal-data-members")}</h2>
            <p class="hint">{i18n.t("personal-data-members-hint")}</p>
            <div class="table-scroll">
                <table class="data">
                    <caption class="visually-hidden">{i18n.t("personal-data-members")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("personal-data-name")}</th>
                        <th scope="col">{i18n.t("personal-data-email")}</th>
                        <th scope="col">{i18n.t("personal-data-role")}</th>
                        <th scope="col">{i18n.t("personal-data-status")}</th>
                        {can_manage.then(|| view! { <th scope="col">{i18n.t("personal-data-actions")}</th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn member_status(m: &MemberLine) -> (&'static str, &'static str) {
    if m.anonymised {
        ("badge badge-muted", "personal-data-anonymised")
    } else if m.disabled {
        ("badge badge-warning", "personal-data-disabled")
    } else {
        ("badge badge-ok", "personal-data-active")
    }
}

#[component]
fn MemberRow(m: MemberLine, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (badge, status) = member_status(&m);
    let actions = can_manage.then(|| {
        let export_label = i18n.t_args("personal-data-export-label", &[("name", m.name.clone())]);
        let export = (!m.anonymised).then(|| {
            view! { <a class="button" href=member_export_url(&m.id) download="" aria-label=export_label>{i18n.t("personal-data-export")}</a> }
        });
        let erase = match m.not_erasable {
            None => view! { <Erase action=AnonymiseMember::PATH id=m.id.clone() name=m.name.clone() search=None /> }.into_any(),
            Some(why) if !m.anonymised => view! { <p class="erase-why">{i18n.t(why.why_key())}</p> }.into_any(),
            Some(_) => ().into_any(),
        };
        view! { <td>{export}{erase}</td> }
    });
    view! {
        <tr data-member=m.id.clone() data-anonymised=m.anonymised.then_some("")>
            <td>{m.name.clone()}</td>
            <td>{m.email.clone()}</td>
            <td>{i18n.t(m.role.label_key())}</td>
            <td><span class=badge>{i18n.t(status)}</span></td>
            {actions}
        </tr>
    }
    .into_any()
}

/// An erasure, behind a disclosure that says what it does and asks for confirmation.
#[component]
fn Erase(action: &'static str, id: String, name: String, search: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let box_id = format!("erase-confirm-{id}");
    let label_for = box_id.clone();
    let summary = i18n.t_args("personal-data-erase-label", &[("name", name.clone())]);
    view! {
        <details class="erase">
            <summary aria-label=summary>{i18n.t("personal-data-erase")}</summary>
            <form method="post" action=action class="form" novalidate>
                <input type="hidden" name="id" value=id />
                {search.map(|q| view! { <input type="hidden" name="q" value=q /> })}
                <p>{i18n.t_args("personal-data-erase-warning", &[("name", name)])}</p>
                <label class="checkbox" for=label_for>
                    <input type="checkbox" id=box_id name="confirm" value="on" required=true />
                    {i18n.t("personal-data-erase-confirm")}
                </label>
                <button type="submit" class="danger">{i18n.t("personal-data-erase-now")}</button>
            </form>
        </details>
    }
}

#[component]
fn Customers(customers: Vec<CustomerLine>, search: Option<String>, more: bool, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let typed = search.clone().unwrap_or_default();
    let results = match &search {
        None => ().into_any(),
        Some(_) if customers.is_empty() => {
            view! { <p class="empty" data-empty="">{i18n.t("personal-data-no-customer")}</p> }.into_any()
        }
        Some(q) => {
            let rows = customers
                .into_iter()
                .map(|c| view! { <CustomerRow c search=q.clone() can_manage /> }.into_any())
                .collect_view();
            view! {
                <div class="table-scroll">
                    <table class="data">
                        <caption class="visually-hidden">{i18n.t("personal-data-customers")}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("personal-data-name")}</th>
                            <th scope="col">{i18n.t("personal-data-kind")}</th>
                            <th scope="col">{i18n.t("personal-data-city")}</th>
                            <th scope="col">{i18n.t("personal-data-email")}</th>
                            {can_manage.then(|| view! { <th scope="col">{i18n.t("personal-data-actions")}</th> })}
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {more.then(|| view! { <p class="hint">{i18n.t("personal-data-more-customers")}</p> })}
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="personal-data-customers-title">
            <h2 id="personal-data-customers-title">{i18n.t("personal-data-customers")}</h2>
            <p class="hint">{i18n.t("personal-data-customers-hint")}</p>
            <form method="get" action=PERSONAL_DATA_PATH class="filter" role="search">
                <span class="pair">
                    <label for="personal-data-q">{i18n.t("personal-data-search")}</label>
                    <input id="personal-data-q" name="q" type="search" value=typed maxlength=domain::input::MAX_FILTER />
                </span>
                <button type="submit">{i18n.t("personal-data-search-go")}</button>
            </form>
            {results}
        </section>
    }
}

#[component]
fn CustomerRow(c: CustomerLine, search: String, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let actions = can_manage.then(|| {
        let erase = if c.anonymised && c.email.is_none() {
            view! { <span class="badge badge-muted">{i18n.t("personal-data-anonymised")}</span> }.into_any()
        } else {
            view! { <Erase action=AnonymiseCustomer::PATH id=c.id.clone() name=c.name.clone() search=Some(search) /> }
                .into_any()
        };
        view! { <td>{erase}</td> }
    });
    view! {
        <tr data-customer=c.id.clone() data-anonymised=c.anonymised.then_some("")>
            <td><a href=format!("/invoices/customers/{}", c.id)>{c.name.clone()}</a></td>
            <td>{i18n.t(c.kind.label_key())}</td>
            <td>{c.city.clone()}</td>
            <td>{c.email.clone().unwrap_or_else(|| "—".to_owned())}</td>
            {actions}
        </tr>
    }
    .into_any()
}
