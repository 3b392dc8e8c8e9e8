use domain::governance::api_tokens::{
    LIFETIMES_DAYS, NAME_MAX, OPENAPI_PATH, TokenScope, TokenStatus, TokenView, TokensPage,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::{Flash, take_flash};
use crate::api::governance::{CreateApiToken, RevokeApiToken, TOKEN, api_tokens_page};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// The company's REST API tokens: a new one shown this once, each token's scope, creator,
/// expiry and last use, and (for admins) revoking them and creating one. Works without JavaScript.
#[component]
pub fn GovernanceTokensPage() -> impl IntoView {
    let i18n = use_i18n();
    let page = Resource::new(|| (), |_| api_tokens_page());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("governance-tokens"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/governance">{i18n.t("nav-governance")}</a></p>
        <h1>{i18n.t("governance-tokens")}</h1>
        <p class="hint">{i18n.t("tokens-intro")}</p>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match page.await {
                    Ok(page) => view! { <Tokens page flash /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
        <section class="panel panel-muted" aria-labelledby="tokens-use-title">
            <h2 id="tokens-use-title">{i18n.t("tokens-use-title")}</h2>
            <p>{i18n.t("tokens-use")}</p>
            <pre class="code-sample"><code>{i18n.t("tokens-use-sample")}</code></pre>
            <p><a href=OPENAPI_PATH>{i18n.t("tokens-openapi")}</a></p>
        </section>
    }
}

#[component]
fn Tokens(page: TokensPage, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let created = FormState::from_flash("token-new", flash.clone()).returned(TOKEN).filter(|t| !t.is_empty());
    let revoke_state = FormState::from_flash("token-revoke", flash.clone());
    let can_manage = page.can_manage;
    let table = if page.tokens.is_empty() {
        view! { <p class="empty" data-empty="">{i18n.t("tokens-empty")}</p> }.into_any()
    } else {
        let rows = page.tokens.into_iter().map(|t| view! { <Row t can_manage /> }.into_any()).collect_view();
        view! {
            <div class="table-scroll">
                <table class="data">
                    <caption class="visually-hidden">{i18n.t("governance-tokens")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("tokens-name")}</th>
                        <th scope="col">{i18n.t("tokens-scope")}</th>
                        <th scope="col">{i18n.t("tokens-created")}</th>
                        <th scope="col">{i18n.t("tokens-expires")}</th>
                        <th scope="col">{i18n.t("tokens-last-used")}</th>
                        <th scope="col">{i18n.t("tokens-status")}</th>
                        {can_manage.then(|| view! { <th scope="col"><span class="visually-hidden">{i18n.t("tokens-actions")}</span></th> })}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {created.map(|token| view! { <NewToken token /> })}
        <FormFeedback state=revoke_state />
        {table}
        {can_manage.then(|| view! { <NewTokenForm room=page.room flash /> })}
    }
}

/// A token just made, shown this once.
#[component]
fn NewToken(token: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel panel-warning" aria-labelledby="token-new-title" data-new-token="">
            <h2 id="token-new-title">{i18n.t("tokens-new-title")}</h2>
            <p>{i18n.t("tokens-new-once")}</p>
            <p><code class="secret">{token}</code></p>
        </section>
    }
}

fn status_badge(status: TokenStatus) -> &'static str {
    match status {
        TokenStatus::Active => "badge badge-ok",
        TokenStatus::Expired => "badge badge-muted",
        TokenStatus::Revoked => "badge badge-error",
    }
}

#[component]
fn Row(t: TokenView, can_manage: bool) -> impl IntoView {
    let i18n = use_i18n();
    let revoked = t
        .revoked_by
        .clone()
        .zip(t.revoked_at_local_ms)
        .map(|(who, at)| i18n.t_args("tokens-revoked-by", &[("who", who), ("when", i18n.date_time(at))]));
    let active = t.status == TokenStatus::Active;
    let label = i18n.t_args("tokens-revoke-label", &[("name", t.name.clone())]);
    view! {
        <tr data-token=t.id.clone() data-status=t.status.label_key()>
            <td>{t.name.clone()}</td>
            <td>{i18n.t(t.scope.label_key())}</td>
            <td>{i18n.date_time(t.created_at_local_ms)}<br /><span class="muted">{t.created_by}</span></td>
            <td>{i18n.date(t.expires_at_local_ms)}</td>
            <td>{t.last_used_local_ms.map_or_else(|| i18n.t("tokens-never-used"), |at| i18n.date_time(at))}</td>
            <td>
                <span class=status_badge(t.status)>{i18n.t(t.status.label_key())}</span>
                {revoked.map(|r| view! { <br /><span class="muted">{r}</span> })}
            </td>
            {can_manage.then(|| view! { <RevokeCell id=t.id.clone() active label /> })}
        </tr>
    }
    .into_any()
}

/// Revoking an active token (a plain form: it works without JavaScript).
#[component]
fn RevokeCell(id: String, active: bool, label: String) -> impl IntoView {
    let i18n = use_i18n();
    let form = active.then(|| {
        view! {
            <form method="post" action=RevokeApiToken::PATH class="inline-form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="danger" aria-label=label>{i18n.t("tokens-revoke")}</button>
            </form>
        }
    });
    view! { <td>{form}</td> }.into_any()
}

#[component]
fn NewTokenForm(room: bool, flash: Option<Flash>) -> impl IntoView {
    let i18n = use_i18n();
    let state = FormState::from_flash("token-new", flash);
    if !room {
        return view! { <p class="notice" data-tokens-full="">{i18n.t("error-api-tokens-full")}</p> }.into_any();
    }
    let name = state.typed("name").unwrap_or_default();
    let scope = state.typed("scope").unwrap_or_else(|| TokenScope::Read.as_str().to_owned());
    let days = state.typed("days").unwrap_or_else(|| "90".to_owned());
    let name_error = state.field_error("name");
    let scope_error = state.field_error("scope");
    let days_error = state.field_error("days");
    let scopes = TokenScope::ALL
        .map(|s| {
            view! { <option value=s.as_str() selected=s.as_str() == scope>{i18n.t(s.label_key())}</option> }
        })
        .collect_view();
    let lifetimes = LIFETIMES_DAYS
        .map(|d| {
            let value = d.to_string();
            let selected = value == days;
            view! { <option value=value selected=selected>{i18n.t_count("tokens-days", i64::from(d))}</option> }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="token-create-title">
            <h2 id="token-create-title">{i18n.t("tokens-create-title")}</h2>
            <form method="post" action=CreateApiToken::PATH class="form form-grid" novalidate>
                <FormFeedback state />
                <div class="field" class:field-invalid=move || name_error.get().is_some()>
                    <label for="token-name">{i18n.t("tokens-name")}</label>
                    <input id="token-name" name="name" type="text" value=name maxlength=NAME_MAX required=true
                        aria-invalid=move || name_error.get().is_some().then_some("true")
                        aria-describedby=move || name_error.get().map(|_| "token-name-error") />
                    {move || name_error.get().map(|code| view! { <p class="field-error" id="token-name-error">{i18n.field_error(&code)}</p> })}
                </div>
                <div class="field" class:field-invalid=move || scope_error.get().is_some()>
                    <label for="token-scope">{i18n.t("tokens-scope")}</label>
                    <select id="token-scope" name="scope" aria-describedby="token-scope-hint">{scopes}</select>
                    <p class="hint" id="token-scope-hint">{i18n.t("tokens-scope-hint")}</p>
                    {move || scope_error.get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <div class="field" class:field-invalid=move || days_error.get().is_some()>
                    <label for="token-days">{i18n.t("tokens-lifetime")}</label>
                    <select id="token-days" name="days">{lifetimes}</select>
                    {move || days_error.get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                </div>
                <button type="submit" class="primary">{i18n.t("tokens-create")}</button>
            </form>
        </section>
    }
    .into_any()
}
