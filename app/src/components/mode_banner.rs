use domain::governance::{ModeScope, Modes};
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Every signed-in page says which emergency mode holds and why, the platform's first; a change
/// posted without JavaScript and refused by the mode comes back here (`refused`) told so.
#[component]
pub fn ModeBanner(modes: Modes, refused: bool) -> impl IntoView {
    let i18n = use_i18n();
    let banners = modes.banners();
    let shown = !banners.is_empty();
    let lines = banners
        .into_iter()
        .map(|(scope, state)| {
            let key = match scope {
                ModeScope::Platform => "mode-banner-platform",
                ModeScope::Company => "mode-banner-company",
            };
            let text = i18n
                .t_args(key, &[("mode", i18n.t(state.mode.label_key())), ("reason", state.reason.unwrap_or_default())]);
            view! {
                <p data-banner-mode=state.mode.as_str()>
                    <strong>{text}</strong> " " {i18n.t(&format!("{}-effect", state.mode.label_key()))}
                </p>
            }
        })
        .collect_view();
    shown.then(|| {
        view! {
            <div class="mode-banner" role="status" data-mode-banner="">
                {lines}
                {refused.then(|| view! { <p role="alert" data-refused="mode">{i18n.t("mode-refused-not-saved")}</p> })}
            </div>
        }
    })
}
