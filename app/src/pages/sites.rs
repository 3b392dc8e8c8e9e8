use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::flash::take_flash;
use crate::api::sites::{CreateSite, list_sites};
use crate::components::app_layout::use_session;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::site_browser::SiteBrowser;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

#[component]
pub fn SitesPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = ServerAction::<CreateSite>::new();
    let sites = Resource::new(move || create.version().get(), |_| list_sites());
    let info = use_session();
    let flash = Resource::new(|| (), |_| take_flash());
    let query = use_query_map().get_untracked().get("q").unwrap_or_default();
    view! {
        <Title text=format!("{} · {}", i18n.t("sites-title"), i18n.t("app-name")) />
        <h1>{i18n.t("sites-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                match sites.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(sites) => view! { <SiteBrowser sites query /> }.into_any(),
                }
            })}}
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
