use domain::stock::views::ArticleFieldsView;
use domain::{Lang, format};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::ApiError;
use crate::api::flash::take_flash;
use crate::api::stock_articles::{CreateArticle, UpdateArticle, article_fields};
use crate::api::stock_reports::stock_hub;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// A new article: its code, designation, classification, prices, VAT and stock bounds.
#[component]
pub fn ArticleNewPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = Resource::new(|| (), |_| take_flash());
    let hub = Resource::new(|| (), |_| stock_hub());
    view! {
        <Title text=format!("{} · {}", i18n.t("article-new-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/stock">{i18n.t("nav-stock")}</a></p>
        <h1>{i18n.t("article-new-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("article", flash.await.ok().flatten());
                match hub.await {
                    Ok(hub) if hub.can_create => view! { <ArticleForm fields=None state /> }.into_any(),
                    Ok(_) => view! { <ErrorPanel error=ApiError::new("forbidden") /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Changing an article: everything but its code, and whether it is still in use.
#[component]
pub fn ArticleEditPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let fields = Resource::new(move || params.read().get("id").unwrap_or_default(), article_fields);
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let state = FormState::from_flash("article", flash.await.ok().flatten());
                match fields.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(fields) => view! {
                        <Title text=format!("{} · {}", fields.code, i18n.t("app-name")) />
                        <p class="breadcrumb"><a href=format!("/stock/articles/{}", fields.id)>{fields.code.clone()}</a></p>
                        <h1>{i18n.t("article-edit-title")} " " <span class="code">{fields.code.clone()}</span></h1>
                        <ArticleForm fields=Some(fields) state />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// What a field shows: the value typed before a refusal, else the stored one.
fn shown(state: &FormState, name: &str, stored: impl FnOnce() -> Option<String>) -> String {
    state.typed(name).or_else(stored).unwrap_or_default()
}

#[component]
fn ArticleForm(fields: Option<ArticleFieldsView>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let point = if i18n.lang == Lang::Fr { ',' } else { '.' };
    let money = move |minor: Option<i64>| minor.map(|m| format::plain_decimal(m, 2, point, false));
    let qty = move |milli: Option<i64>| milli.map(|m| format::plain_decimal(m, 3, point, true));
    let f = fields.clone().unwrap_or_default();
    let editing = fields.is_some();
    let (action, submit) =
        if editing { (UpdateArticle::PATH, "article-save") } else { (CreateArticle::PATH, "article-create") };
    view! {
        <section class="panel">
            <form method="post" action=action class="form form-grid" novalidate>
                <FormFeedback state />
                {editing.then(|| view! { <input type="hidden" name="id" value=f.id.clone() /> })}
                {if editing {
                    view! { <input type="hidden" name="code" value=f.code.clone() /> }.into_any()
                } else {
                    view! {
                        <TextField name="code" id="article" label="label-article-code" required=true maxlength=32
                            value=shown(&state, "code", || None) error=state.field_error("code") />
                    }.into_any()
                }}
                <TextField name="designation" id="article" label="label-designation" required=true maxlength=200
                    value=shown(&state, "designation", || Some(f.designation.clone())) error=state.field_error("designation") />
                <TextField name="category" id="article" label="label-category" maxlength=80
                    value=shown(&state, "category", || f.category.clone()) error=state.field_error("category") />
                <TextField name="family" id="article" label="label-family" maxlength=80
                    value=shown(&state, "family", || f.family.clone()) error=state.field_error("family") />
                <TextField name="unit" id="article" label="label-unit" maxlength=12
                    value=shown(&state, "unit", || Some(f.unit.clone()).filter(|u| !u.is_empty())) error=state.field_error("unit") />
                <TextField name="purchase_price" id="article" label="label-purchase-price" maxlength=20
                    value=shown(&state, "purchase_price", || money(f.purchase_price_minor)) error=state.field_error("purchase_price") />
                <TextField name="sale_price" id="article" label="label-sale-price" maxlength=20
                    value=shown(&state, "sale_price", || money(f.sale_price_minor)) error=state.field_error("sale_price") />
                <TextField name="vat_rate" id="article" label="label-vat-rate" maxlength=8
                    value=shown(&state, "vat_rate", || editing.then(|| format::plain_decimal(f.vat_rate_bp, 2, point, true))) error=state.field_error("vat_rate") />
                <TextField name="min_stock" id="article" label="label-min-stock" maxlength=20
                    value=shown(&state, "min_stock", || editing.then(|| qty(Some(f.min_milli))).flatten()) error=state.field_error("min_stock") />
                <TextField name="max_stock" id="article" label="label-max-stock" maxlength=20
                    value=shown(&state, "max_stock", || qty(f.max_milli)) error=state.field_error("max_stock") />
                {editing.then(|| view! {
                    <label class="check">
                        <input type="checkbox" name="active" value="on" checked=f.active />
                        {i18n.t("label-article-active")}
                    </label>
                })}
                <p class="hint">{i18n.t("article-form-hint")}</p>
                <button type="submit" class="primary">{i18n.t(submit)}</button>
            </form>
        </section>
    }
}
