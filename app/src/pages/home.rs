use domain::mission::views::Emergency;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::home::home_view;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| home_view());
    view! {
        <Title text=format!("{} · {}", i18n.t("home-title"), i18n.t("app-name")) />
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(h) => {
                        let last_login = match h.previous_login_local_ms {
                            Some(ms) => i18n.t_args("home-last-login", &[("when", i18n.date_time(ms))]),
                            None => i18n.t("home-first-login"),
                        };
                        view! {
                            <Emergencies list=h.emergencies.clone() />
                            <h1>{h.legal_name.clone().unwrap_or_else(|| i18n.t("home-title"))}</h1>
                            <p class="muted">{i18n.t_args("home-today", &[("date", i18n.date(h.today_local_ms))])} " · " {last_login}</p>
                            <div class="figures">
                                <a class="figure" href="/stock/sites">
                                    <span class="figure-value" data-figure="sites">{i18n.integer(h.sites)}</span>
                                    <span class="figure-label">{i18n.t("home-sites")}</span>
                                </a>
                                <div class="figure">
                                    <span class="figure-value" data-figure="members">{i18n.integer(h.members)}</span>
                                    <span class="figure-label">{i18n.t("home-members")}</span>
                                </div>
                            </div>
                            <section class="panel company" aria-labelledby="company-title">
                                <h2 id="company-title">{i18n.t("company-title")}</h2>
                                <p>
                                    {h.legal_form.clone().unwrap_or_default()}
                                    <br />
                                    {h.address.clone().unwrap_or_default()}
                                </p>
                                <dl class="facts">
                                    {h
                                        .identifiers
                                        .iter()
                                        .map(|(key, value)| {
                                            view! {
                                                <dt>{i18n.t(key)}</dt>
                                                <dd data-identifier=key.clone()>{value.clone()}</dd>
                                            }
                                        })
                                        .collect_view()}
                                </dl>
                            </section>
                            {(!h.dashboards.is_empty()).then(|| view! {
                                <section class="panel" aria-labelledby="dashboards-title">
                                    <h2 id="dashboards-title">{i18n.t("home-dashboards")}</h2>
                                    <p class="hint">{i18n.t("dashboards-intro")}</p>
                                    <ul class="cards">
                                        {h.dashboards.iter().map(|b| view! {
                                            <li><a href=b.href() data-dashboard=b.slug()>{i18n.t(b.title_key())}</a></li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })}
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// Emergency requests no technician has accepted yet, oldest first, with how long each has
/// waited: first on the page of those who run missions.
#[component]
fn Emergencies(list: Vec<Emergency>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return ().into_any();
    }
    let items = list
        .into_iter()
        .map(|e| {
            view! {
                <li data-emergency=e.reference.clone()>
                    <a href=format!("/missions/{}", e.id)><strong>{e.reference.clone()}</strong> " " {e.title.clone()}</a>
                    " · " {e.customer.clone()} " (" {e.city.clone()} ")"
                    {e.caller.clone().map(|c| view! { " · " {c.name} {c.phone.map(|p| format!(" {p}"))} })}
                    " · " <strong class="waiting" data-waiting=e.waiting_minutes>{i18n.t_count("emergency-waiting", e.waiting_minutes)}</strong>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel panel-error emergencies" aria-labelledby="emergencies-title" role="region">
            <h2 id="emergencies-title">{i18n.t("emergencies-title")}</h2>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}
