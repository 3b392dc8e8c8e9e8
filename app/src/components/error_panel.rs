use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::use_i18n;

/// A page-level error: not found, forbidden, signed out, or a failure.
#[component]
pub fn ErrorPanel(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let signed_out = error.code == "unauthenticated";
    view! {
        <section class="panel panel-error" role="alert" data-error=error.code.clone()>
            <p>{i18n.error(&error)}</p>
            {signed_out.then(|| view! { <a href="/login">{i18n.t("login-link")}</a> })}
        </section>
    }
}
