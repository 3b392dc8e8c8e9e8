use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::flash::take_flash;
use crate::api::sites::{RenameSite, get_site};
use crate::components::app_layout::use_session;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

#[component]
pub fn SiteDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let rename = ServerAction::<RenameSite>::new();
    let site = Resource::new(move || (id(), rename.version().get()), |(id, _)| get_site(id));
    let info = use_session();
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let site = match site.await {
                    Ok(site) => site,
                    Err(error) => return view! { <ErrorPanel error /> }.into_any(),
                };
                let can_manage = info.await.map(|s| s.can_manage_sites).unwrap_or(false);
                let flash = flash.await.ok().flatten();
                let form_id = format!("rename-{}", site.id);
                let state = FormState::new(form_id, Some("site-renamed"), rename.value().into(), Signal::stored(flash));
                let name = state.typed("name").unwrap_or_else(|| site.name.clone());
                view! {
                    <Title text=format!("{} · {}", site.name, i18n.t("app-name")) />
                    <p class="breadcrumb"><a href="/stock/sites">{i18n.t("sites-title")}</a></p>
                    <h1><span class="code">{site.code.clone()}</span> " " {site.name.clone()}</h1>
                    <dl class="facts">
                        <dt>{i18n.t("label-site-city")}</dt>
                        <dd>{site.city.clone().unwrap_or_else(|| "—".into())}</dd>
                        <dt>{i18n.t("sites-created")}</dt>
                        <dd>{i18n.date_time(site.created_at_ms)}</dd>
                        <dt>{i18n.t("sites-updated")}</dt>
                        <dd>{i18n.date_time(site.updated_at_ms)}</dd>
                    </dl>
                    {can_manage.then(|| view! {
                        <section class="panel" aria-labelledby="rename-title">
                            <h2 id="rename-title">{i18n.t("sites-rename-title")}</h2>
                            <ActionForm action=rename attr:class="form form-inline" attr:novalidate=true>
                                <FormFeedback state />
                                <input type="hidden" name="id" value=site.id.clone() />
                                <TextField name="name" id="rename-site" label="label-site-name" required=true maxlength=100
                                    value=name error=state.field_error("name") />
                                <button type="submit" class="primary" disabled=move || rename.pending().get()>
                                    {i18n.t("sites-rename-submit")}
                                </button>
                            </ActionForm>
                        </section>
                    })}
                }
                    .into_any()
            })}
        </Suspense>
    }
}
