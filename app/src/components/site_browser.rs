use domain::site::Site;
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Case-insensitive containment on code, name and city.
fn matches(site: &Site, query: &str) -> bool {
    let query = query.trim().to_lowercase();
    query.is_empty()
        || [Some(&site.code), Some(&site.name), site.city.as_ref()]
            .into_iter()
            .flatten()
            .any(|field| field.to_lowercase().contains(&query))
}

/// The list of sites with its search box: a GET form without JavaScript, a live filter with it.
/// An island: the only part of the page that the browser bundle hydrates.
#[island]
pub fn SiteBrowser(sites: Vec<Site>, query: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(query);
    let total = sites.len();
    let sites = StoredValue::new(sites);
    let shown = Memo::new(move |_| {
        let q = query.get();
        sites.with_value(|all| all.iter().filter(|s| matches(s, &q)).cloned().collect::<Vec<_>>())
    });
    view! {
        <form method="get" class="filter" role="search">
            <label for="sites-q">{i18n.t("sites-filter")}</label>
            <input
                id="sites-q"
                name="q"
                type="search"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <button type="submit">{i18n.t("filter-submit")}</button>
        </form>
        {if total == 0 {
            view! { <p class="empty">{i18n.t("sites-empty")}</p> }.into_any()
        } else {
            view! {
                <table class="data">
                    <caption class="visually-hidden">{i18n.t("sites-title")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{i18n.t("label-site-code")}</th>
                            <th scope="col">{i18n.t("label-site-name")}</th>
                            <th scope="col">{i18n.t("label-site-city")}</th>
                            <th scope="col">{i18n.t("sites-created")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|s| s.id.clone() let:site>
                            <tr data-site=site.code.clone()>
                                <td>
                                    <a href=format!("/stock/sites/{}", site.id)>{site.code.clone()}</a>
                                </td>
                                <td>{site.name.clone()}</td>
                                <td>{site.city.clone().unwrap_or_default()}</td>
                                <td>{i18n.date(site.created_at_ms)}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
                <p class="muted" aria-live="polite">
                    {move || {
                        let count = |n: usize| i18n.integer(i64::try_from(n).unwrap_or(i64::MAX));
                        i18n.t_args("sites-count", &[("shown", count(shown.get().len())), ("total", count(total))])
                    }}
                </p>
            }
                .into_any()
        }}
    }
}
