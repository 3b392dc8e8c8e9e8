use domain::site::Site;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::session_info;
use crate::api::flash::take_flash;
use crate::api::sites::{CreateSite, list_sites};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::{I18n, use_i18n};

/// Case- and accent-insensitive enough for a search box: lower-case containment on code, name
/// and city.
fn matches(site: &Site, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || [Some(&site.code), Some(&site.name), site.city.as_ref()]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(&query))
}

#[component]
pub fn SitesPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateSite>::new();
    let sites = Resource::new(move || create.version().get(), |_| list_sites());
    let info = Resource::new(|| (), |_| session_info());
    let flash = Resource::new(|| (), |_| take_flash());
    // The filter works as a GET form without JavaScript and filters as you type with it.
    let query = RwSignal::new(use_query_map().get_untracked().get("q").unwrap_or_default());
    view! {
        <Title text=format!("{} · {}", i18n.t("sites-title"), i18n.t("app-name")) />
        <h1>{i18n.t("sites-title")}</h1>
        <form method="get" class="filter" role="search">
            <label for="sites-q">{i18n.t("sites-filter")}</label>
            <input
                id="sites-q"
                name="q"
                type="search"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <button type="submit">{i18n.t("filter-submit")}</button>
        </form>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match sites.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(all) => view! { <SitesTable all query=query.into() i18n /> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense>
            {move || Suspend::new(async move {
                let can_manage = info.await.map(|s| s.can_manage_sites).unwrap_or(false);
                let flash = flash.await.ok().flatten();
                can_manage.then(|| {
                    let state = FormState::new("create-site".into(), Some("site-created"), create.value().into(), Signal::stored(flash));
                    view! {
                        <section class="panel" aria-labelledby="create-site-title">
                            <h2 id="create-site-title">{i18n.t("sites-create-title")}</h2>
                            <ActionForm action=create attr:class="form form-inline" attr:novalidate=true>
                                <FormFeedback state />
                                <TextField name="code" id="create-site" label="label-site-code" required=true maxlength=16
                                    value=state.typed("code").unwrap_or_default() error=state.field_error("code") />
                                <TextField name="name" id="create-site" label="label-site-name" required=true maxlength=100
                                    value=state.typed("name").unwrap_or_default() error=state.field_error("name") />
                                <TextField name="city" id="create-site" label="label-site-city" maxlength=80
                                    value=state.typed("city").unwrap_or_default() error=state.field_error("city") />
                                <button type="submit" class="primary" disabled=move || create.pending().get()>
                                    {i18n.t("sites-create-submit")}
                                </button>
                            </ActionForm>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn SitesTable(all: Vec<Site>, query: Signal<String>, i18n: I18n) -> impl IntoView {
    if all.is_empty() {
        return view! { <p class="empty">{i18n.t("sites-empty")}</p> }.into_any();
    }
    let all = StoredValue::new(all);
    let shown = Memo::new(move |_| {
        let q = query.get();
        all.with_value(|sites| sites.iter().filter(|s| matches(s, &q)).cloned().collect::<Vec<_>>())
    });
    view! {
        <table class="data">
            <caption class="visually-hidden">{i18n.t("sites-title")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("label-site-code")}</th>
                    <th scope="col">{i18n.t("label-site-name")}</th>
                    <th scope="col">{i18n.t("label-site-city")}</th>
                    <th scope="col">{i18n.t("sites-created")}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || shown.get() key=|s| (s.id.clone(), s.name.clone()) let:site>
                    <tr data-site=site.code.clone()>
                        <td><a href=format!("/stock/sites/{}", site.id)>{site.code.clone()}</a></td>
                        <td>{site.name.clone()}</td>
                        <td>{site.city.clone().unwrap_or_default()}</td>
                        <td>{i18n.date(site.created_at_ms)}</td>
                    </tr>
                </For>
            </tbody>
        </table>
        <p class="muted" aria-live="polite">
            {move || i18n.t_args("sites-count", &[("shown", i18n.integer(shown.get().len() as i64)), ("total", i18n.integer(all.with_value(Vec::len) as i64))])}
        </p>
    }
        .into_any()
}
