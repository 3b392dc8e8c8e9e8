use leptos::prelude::*;

use super::form_state::FormState;
use crate::i18n::use_i18n;

/// The success or error message of a form, announced to screen readers.
#[component]
pub fn FormFeedback(state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {move || {
            state
                .error
                .get()
                .map(|e| {
                    let message = if e.code == "validation" {
                        i18n.t("error-validation")
                    } else {
                        i18n.error(&e)
                    };
                    view! {
                        <p class="notice notice-error" role="alert" data-error=e.code.clone()>
                            {message}
                        </p>
                    }
                })
        }}
        {move || {
            state
                .ok
                .get()
                .map(|key| {
                    view! {
                        <p class="notice notice-ok" role="status">
                            {i18n.t(&key)}
                        </p>
                    }
                })
        }}
    }
}
