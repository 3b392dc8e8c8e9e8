use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Freshly made recovery codes, shown this once.
#[component]
pub fn RecoveryCodes(codes: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel panel-warning" aria-labelledby="recovery-codes-title" data-recovery-codes="">
            <h2 id="recovery-codes-title">{i18n.t("recovery-codes-title")}</h2>
            <p>{i18n.t("recovery-codes-once")}</p>
            <ol class="recovery-codes">
                {codes.split_whitespace().map(|c| view! { <li><code>{c.to_owned()}</code></li> }).collect_view()}
            </ol>
        </section>
    }
}
