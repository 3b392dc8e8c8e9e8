use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_i18n;

/// An area that does not exist yet says so, rather than showing invented figures; `children`:
/// what of it already exists.
#[component]
pub fn NotBuiltPage(area: &'static str, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let title = i18n.t(&format!("nav-{area}"));
    view! {
        <Title text=format!("{title} · {}", i18n.t("app-name")) />
        <h1>{title}</h1>
        <section class="panel panel-muted" data-not-built=area>
            <p>{i18n.t("not-built")}</p>
            {children.map(|c| c())}
        </section>
    }
}
