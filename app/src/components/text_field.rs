use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A labelled text input with its error message, tied to the input for assistive technology.
#[component]
pub fn TextField(
    /// The form field name (a server-function argument).
    name: &'static str,
    /// The `id` prefix, for pages with several forms.
    #[prop(into)]
    id: String,
    /// Fluent key of the label.
    label: &'static str,
    #[prop(optional)] value: Option<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Spans the whole row of a form grid (a long address).
    #[prop(optional)]
    wide: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let input_id = format!("{id}-{name}");
    let error_id = format!("{input_id}-error");
    let described = error_id.clone();
    view! {
        <div class="field" class:wide=wide class:field-invalid=move || error.get().is_some()>
            <label for=input_id.clone()>{i18n.t(label)}</label>
            <input
                id=input_id
                name=name
                type=kind
                value=value
                required=required
                maxlength=maxlength
                autocomplete=autocomplete
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=move || error.get().map(|_| described.clone())
            />
            {move || {
                error
                    .get()
                    .map(|code| {
                        view! {
                            <p class="field-error" id=error_id.clone()>
                                {i18n.field_error(&code)}
                            </p>
                        }
                    })
            }}
        </div>
    }
}
