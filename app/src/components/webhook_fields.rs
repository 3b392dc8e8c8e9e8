use domain::events::EventKind;
use domain::webhooks::commands::WebhookForm;
use leptos::prelude::*;

use super::form_state::FormState;
use super::text_field::TextField;
use crate::i18n::use_i18n;

/// The form a refused post typed, to show it again; None when nothing was refused.
pub fn typed_form(state: &FormState) -> Option<WebhookForm> {
    Some(WebhookForm {
        id: String::new(),
        url: state.typed("url")?,
        description: state.typed("description").unwrap_or_default(),
        enabled: state.typed("enabled").filter(|v| !v.is_empty()),
        kinds: state.typed_all("kinds").into_iter().map(|k| (k, "on".to_owned())).collect(),
    })
}

/// The fields of a webhook's form, new or stored: its address, a description, the kinds of
/// events it is sent (a checkbox each, `kinds[<kind>]`), and whether it is on.
#[component]
pub fn WebhookFields(
    /// The `id` prefix of the fields.
    id: &'static str,
    form: WebhookForm,
    state: FormState,
) -> impl IntoView {
    let i18n = use_i18n();
    let kinds_error = state.field_error("kinds");
    let kinds = EventKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("kinds[{}]", kind.as_str()) value="on"
                        checked=form.kind_checked(kind) />
                    {i18n.t(kind.label_key())}
                </label>
            }
        })
        .collect_view();
    view! {
        <TextField name="url" id label="webhook-url" kind="url" value=form.url.clone() error=state.field_error("url")
            required=true maxlength=2000 wide=true />
        <TextField name="description" id label="webhook-description" value=form.description.clone()
            error=state.field_error("description") maxlength=200 />
        <p class="hint">{i18n.t("webhook-url-hint")}</p>
        <fieldset class="wide" class:field-invalid=move || kinds_error.get().is_some()>
            <legend>{i18n.t("webhook-kinds")}</legend>
            <div class="checks">{kinds}</div>
            {move || kinds_error.get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
        </fieldset>
        <label class="check">
            <input type="checkbox" name="enabled" value="on" checked=form.enabled.is_some() />
            {i18n.t("webhook-enabled")}
        </label>
    }
}
