use domain::Lang;
use domain::mission::commands::MissionForm;
use domain::mission::state::Priority;
use domain::mission::views::{MissionChoices, MissionDetails, Person};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::flash::take_flash;
use crate::api::missions::{CreateMission, RecordEmergency, UpdateMission, mission_form_choices, mission_view};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// A planned mission: for whom, what, where (the customer's address unless another is given),
/// from which site, when and for how long, and whom.
#[component]
pub fn MissionNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = Resource::new(|| (), |_| take_flash());
    let choices = Resource::new(|| (), |_| mission_form_choices());
    let query = use_query_map();
    view! {
        <Title text=format!("{} · {}", i18n.t("mission-new-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/missions">{i18n.t("missions-title")}</a></p>
        <h1>{i18n.t("mission-new-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("mission", flash.await.ok().flatten());
                let preselected = query.get_untracked().get("customer").unwrap_or_default();
                match choices.await {
                    Ok(c) => view! { <PlannedForm c state preselected /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An urgent request, recorded while the customer is on the phone: published at once, at the
/// top of every manager's home page until a technician accepts it.
#[component]
pub fn EmergencyPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = Resource::new(|| (), |_| take_flash());
    let choices = Resource::new(|| (), |_| mission_form_choices());
    view! {
        <Title text=format!("{} · {}", i18n.t("emergency-new-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/missions">{i18n.t("missions-title")}</a></p>
        <h1>{i18n.t("emergency-new-title")}</h1>
        <p class="hint">{i18n.t("emergency-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("emergency", flash.await.ok().flatten());
                match choices.await {
                    Ok(c) => view! { <EmergencyForm c state /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A mission's edit: what, where, when, on which terms (its customer and site stay; its
/// technicians are changed on its page). Until it is done.
#[component]
pub fn MissionEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let details = Resource::new(move || params.read().get("id").unwrap_or_default(), mission_view);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("mission", flash.await.ok().flatten());
                match details.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(d) => view! {
                        <Title text=format!("{} · {} · {}", i18n.t("mission-edit-title"), d.reference, i18n.t("app-name")) />
                        <p class="breadcrumb">
                            <a href="/missions">{i18n.t("missions-title")}</a> " › "
                            <a href=format!("/missions/{}", d.id)>{d.reference.clone()}</a>
                        </p>
                        <h1>{i18n.t("mission-edit-title")} " " <span class="code">{d.reference.clone()}</span></h1>
                        <EditForm d state />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditForm(d: MissionDetails, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    if !d.can_assign {
        return view! {
            <p class="notice notice-error" role="alert">{i18n.t("error-mission-closed")}</p>
            <p><a href=format!("/missions/{}", d.id)>{i18n.t("mission-back")}</a></p>
        }
        .into_any();
    }
    let point = if i18n.lang == Lang::Fr { ',' } else { '.' };
    let shown = Shown(Some(MissionForm::of(&d, point)));
    let field = {
        let shown = shown.clone();
        move |name: &'static str, label: &'static str, kind: &'static str, max: usize, required: bool| {
            view! { <TextField name id="mission" label kind value=shown.get(state, name) required maxlength=max error=state.field_error(name) /> }
        }
    };
    let priority = shown.get(state, "priority");
    // An emergency stays one (it names its caller); the form offers the planned priorities.
    let priorities = (d.priority != Priority::Emergency).then(|| {
        let options = Priority::PLANNED
            .map(
                |p| view! { <option value=p.as_str() selected=priority == p.as_str()>{i18n.t(p.label_key())}</option> },
            )
            .collect_view();
        view! {
            <div class="field">
                <label for="mission-priority">{i18n.t("mission-priority")}</label>
                <select id="mission-priority" name="priority">{options}</select>
            </div>
        }
    });
    view! {
        <section class="panel">
            <form method="post" action=UpdateMission::PATH class="form" novalidate>
                <FormFeedback state />
                <input type="hidden" name="id" value=d.id.clone() />
                <fieldset class="form-grid">
                    <legend>{i18n.t("mission-section-what")}</legend>
                    <dl class="facts wide">
                        <dt>{i18n.t("mission-customer")}</dt> <dd>{d.customer.clone()}</dd>
                        <dt>{i18n.t("mission-site")}</dt> <dd>{d.site.clone()}</dd>
                    </dl>
                    {field("title", "mission-title", "text", 120, true)}
                    <Description state shown=shown.clone() />
                    {field("customer_reference", "mission-customer-reference", "text", 64, false)}
                    {priorities}
                </fieldset>
                <AddressFields state shown=shown.clone() />
                <fieldset class="form-grid">
                    <legend>{i18n.t("mission-section-schedule")}</legend>
                    {field("planned_date", "mission-planned-date", "date", 10, false)}
                    {field("planned_time", "mission-planned-time", "time", 5, false)}
                    {field("planned_duration", "mission-duration", "text", 6, false)}
                    <p class="hint">{i18n.t("mission-duration-hint")}</p>
                    {field("hourly_rate", "mission-hourly-rate", "text", 16, false)}
                    <p class="hint">{i18n.t_args("mission-hourly-rate-hint", &[("currency", d.currency.code().to_owned())])}</p>
                </fieldset>
                <button type="submit" class="primary">{i18n.t("mission-save")}</button>
                " " <a href=format!("/missions/{}", d.id)>{i18n.t("mission-back")}</a>
            </form>
        </section>
    }
    .into_any()
}

/// A select of people (customers, sites, technicians), with its label and error.
#[component]
fn Choice(
    name: &'static str,
    label: &'static str,
    options: Vec<Person>,
    selected: String,
    state: FormState,
    #[prop(optional)] blank: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("mission-{name}");
    let options = options
        .into_iter()
        .map(|p| view! { <option value=p.id.clone() selected=p.id == selected>{p.name}</option> })
        .collect_view();
    view! {
        <div class="field" class:field-invalid=move || state.field_error(name).get().is_some()>
            <label for=id.clone()>{i18n.t(label)}</label>
            <select id=id name=name>
                {blank.map(|key| view! { <option value="">{i18n.t(key)}</option> })}
                {options}
            </select>
            {move || state.field_error(name).get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
        </div>
    }
}

/// What a field shows: the value typed before a refusal, else the mission's own (an edit).
#[derive(Clone, Default)]
struct Shown(Option<MissionForm>);

impl Shown {
    fn get(&self, state: FormState, name: &str) -> String {
        state
            .typed(name)
            .or_else(|| {
                let stored = self.0.as_ref()?;
                stored.values().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_owned())
            })
            .unwrap_or_default()
    }
}

/// The address fields: left empty, the customer's own address is used.
#[component]
fn AddressFields(state: FormState, #[prop(optional)] shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |name: &'static str, label: &'static str, max: usize| {
        view! { <TextField name id="mission" label value=shown.get(state, name) maxlength=max error=state.field_error(name) /> }
    };
    view! {
        <fieldset class="form-grid">
            <legend>{i18n.t("mission-address")}</legend>
            <p class="hint">{i18n.t("mission-address-hint")}</p>
            {field("street", "label-street", 120)}
            {field("street2", "label-street2", 120)}
            {field("postcode", "label-postcode", 10)}
            {field("city", "label-city", 80)}
        </fieldset>
    }
}

#[component]
fn Description(state: FormState, #[prop(optional)] shown: Shown) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field wide">
            <label for="mission-description">{i18n.t("mission-description")}</label>
            <textarea id="mission-description" name="description" rows="4" maxlength="4000">{shown.get(state, "description")}</textarea>
            {move || state.field_error("description").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
        </div>
    }
}

#[component]
fn PlannedForm(c: MissionChoices, state: FormState, preselected: String) -> impl IntoView {
    let i18n = use_i18n();
    let typed = move |name: &str| state.typed(name).unwrap_or_default();
    let field = move |name: &'static str, label: &'static str, kind: &'static str, max: usize, required: bool| {
        view! { <TextField name id="mission" label kind value=typed(name) required maxlength=max error=state.field_error(name) /> }
    };
    let customer = state.typed("customer").unwrap_or(preselected);
    let priority = state.typed("priority").unwrap_or_else(|| Priority::Normal.as_str().to_owned());
    let priorities = Priority::PLANNED
        .map(|p| view! { <option value=p.as_str() selected=priority == p.as_str()>{i18n.t(p.label_key())}</option> })
        .collect_view();
    view! {
        <section class="panel">
            <form method="post" action=CreateMission::PATH class="form" novalidate>
                <FormFeedback state />
                <fieldset class="form-grid">
                    <legend>{i18n.t("mission-section-what")}</legend>
                    <Choice name="customer" label="mission-customer" options=c.customers selected=customer state blank="choose" />
                    {field("title", "mission-title", "text", 120, true)}
                    <Description state />
                    {field("customer_reference", "mission-customer-reference", "text", 64, false)}
                    <div class="field">
                        <label for="mission-priority">{i18n.t("mission-priority")}</label>
                        <select id="mission-priority" name="priority">{priorities}</select>
                    </div>
                </fieldset>
                <AddressFields state />
                <fieldset class="form-grid">
                    <legend>{i18n.t("mission-section-when")}</legend>
                    {field("planned_date", "mission-planned-date", "date", 10, false)}
                    {field("planned_time", "mission-planned-time", "time", 5, false)}
                    {field("planned_duration", "mission-duration", "text", 6, false)}
                    <p class="hint">{i18n.t("mission-duration-hint")}</p>
                    <Choice name="site" label="mission-site" options=c.sites selected=typed("site") state />
                    <Choice name="technician" label="mission-technician" options=c.technicians selected=typed("technician") state blank="mission-no-technician-yet" />
                    {field("hourly_rate", "mission-hourly-rate", "text", 16, false)}
                    <p class="hint">{i18n.t_args("mission-hourly-rate-hint", &[("currency", c.currency.code().to_owned())])}</p>
                </fieldset>
                <button type="submit" class="primary">{i18n.t("mission-create")}</button>
            </form>
        </section>
    }
}

#[component]
fn EmergencyForm(c: MissionChoices, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let typed = move |name: &str| state.typed(name).unwrap_or_default();
    let field = move |name: &'static str, label: &'static str, kind: &'static str, max: usize, required: bool| {
        view! { <TextField name id="mission" label kind value=typed(name) required maxlength=max error=state.field_error(name) /> }
    };
    view! {
        <section class="panel panel-warning">
            <form method="post" action=RecordEmergency::PATH class="form" novalidate>
                <FormFeedback state />
                <fieldset class="form-grid">
                    <legend>{i18n.t("emergency-section-call")}</legend>
                    <Choice name="customer" label="mission-customer" options=c.customers selected=typed("customer") state blank="choose" />
                    {field("caller_name", "mission-caller", "text", 120, true)}
                    {field("caller_phone", "mission-caller-phone", "tel", 30, false)}
                    {field("title", "emergency-what", "text", 120, true)}
                    <Description state />
                </fieldset>
                <AddressFields state />
                <fieldset class="form-grid">
                    <legend>{i18n.t("emergency-section-who")}</legend>
                    <Choice name="site" label="mission-site" options=c.sites selected=typed("site") state />
                    <Choice name="technician" label="mission-technician" options=c.technicians selected=typed("technician") state blank="emergency-any-technician" />
                </fieldset>
                <button type="submit" class="danger big">{i18n.t("emergency-record")}</button>
            </form>
        </section>
    }
}
