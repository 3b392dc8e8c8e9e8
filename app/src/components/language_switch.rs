use domain::Lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::auth::SetLanguage;
use crate::i18n::use_i18n;

/// Two buttons in a plain form: the choice is stored in a cookie and the page reloads in the
/// new language, with or without JavaScript.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form method="post" action=SetLanguage::PATH class="language-switch">
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    let current = lang == i18n.lang;
                    view! {
                        <button
                            type="submit"
                            name="lang"
                            value=lang.tag()
                            lang=lang.tag()
                            aria-pressed=if current { "true" } else { "false" }
                            class:current=current
                        >
                            {i18n.t(&format!("language-{}", lang.tag()))}
                        </button>
                    }
                })
                .collect_view()}
        </form>
    }
}
