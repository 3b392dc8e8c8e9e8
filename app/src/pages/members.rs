use domain::Role;
use domain::identity::views::{MemberView, MembersView};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::flash::take_flash;
use crate::api::members::{ResetMemberSecondFactor, SetSignInRules, UnlockMember, members_overview};
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::components::text_field::TextField;
use crate::i18n::use_i18n;

/// For the company's admins: who is locked out or has no second factor, and the sign-in rules.
#[component]
pub fn MembersPage() -> impl IntoView {
    let i18n = use_i18n();
    let overview = Resource::new(|| (), |_| members_overview());
    let flash = Resource::new(|| (), |_| take_flash());
    view! {
        <Title text=format!("{} · {}", i18n.t("members-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/settings">{i18n.t("nav-settings")}</a></p>
        <h1>{i18n.t("members-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match overview.await {
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                    Ok(view) => view! {
                        <MembersTable members=view.members.clone() required=view.second_factor_roles.clone() state=FormState::from_flash("members", flash.clone()) />
                        <RulesForm view state=FormState::from_flash("sign-in-rules", flash) />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn MembersTable(members: Vec<MemberView>, required: Vec<Role>, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let action = |path: &'static str, user_id: String, label: String| {
        view! {
            <form method="post" action=path>
                <input type="hidden" name="user_id" value=user_id />
                <button type="submit">{label}</button>
            </form>
        }
    };
    let rows = members
        .into_iter()
        .map(|m| {
            let locked = m.locked_until_local_ms.map(|until| i18n.t_args("member-locked-until", &[("time", i18n.date_time(until))]));
            view! {
                <tr data-member=m.email.clone()>
                    <td><strong>{m.name.clone()}</strong><br /><span class="muted">{m.email.clone()}</span></td>
                    <td>{i18n.t(m.role.label_key())}</td>
                    <td>
                        {if m.second_factor {
                            i18n.t("member-second-factor-on")
                        } else if required.contains(&m.role) {
                            i18n.t("member-second-factor-due")
                        } else {
                            i18n.t("member-second-factor-off")
                        }}
                    </td>
                    <td>
                        {m.disabled.then(|| view! { <span class="badge badge-muted">{i18n.t("member-disabled")}</span> })}
                        {locked.clone().map(|l| view! { <span class="badge badge-error">{l}</span> })}
                        {(!m.disabled && locked.is_none()).then(|| i18n.t("member-active"))}
                    </td>
                    <td>{m.last_login_local_ms.map(|t| i18n.date_time(t)).unwrap_or_else(|| "—".into())}</td>
                    <td>
                        {if m.shared && (locked.is_some() || m.second_factor) {
                            view! { <p class="muted">{i18n.t("member-shared-account")}</p> }.into_any()
                        } else {
                            view! {
                                <div class="actions">
                                    {locked.is_some().then(|| action(UnlockMember::PATH, m.id.clone(), i18n.t("member-unlock")))}
                                    {m.second_factor.then(|| action(ResetMemberSecondFactor::PATH, m.id.clone(), i18n.t("member-reset-second-factor")))}
                                </div>
                            }
                            .into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="members-list-title">
            <h2 id="members-list-title">{i18n.t("members-list-title")}</h2>
            <FormFeedback state />
            <table class="data">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("member-name")}</th>
                        <th scope="col">{i18n.t("member-role")}</th>
                        <th scope="col">{i18n.t("member-second-factor")}</th>
                        <th scope="col">{i18n.t("member-status")}</th>
                        <th scope="col">{i18n.t("member-last-login")}</th>
                        <th scope="col"><span class="visually-hidden">{i18n.t("session-actions")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn RulesForm(view: MembersView, state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    let threshold = state.typed("lockout_threshold").unwrap_or_else(|| view.lockout_threshold.to_string());
    let minutes = state.typed("lockout_minutes").unwrap_or_else(|| view.lockout_minutes.to_string());
    let boxes = Role::ALL
        .into_iter()
        .map(|role| {
            view! {
                <label class="check">
                    <input type="checkbox" name=format!("mfa_{}", role.as_str()) value="on"
                        checked=view.second_factor_roles.contains(&role) />
                    {i18n.t(role.label_key())}
                </label>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="rules-title">
            <h2 id="rules-title">{i18n.t("rules-title")}</h2>
            <form method="post" action=SetSignInRules::PATH class="form" novalidate>
                <FormFeedback state />
                <fieldset>
                    <legend>{i18n.t("rules-second-factor-roles")}</legend>
                    <div class="checks">{boxes}</div>
                </fieldset>
                <div class="form-inline">
                    <TextField name="lockout_threshold" id="rules" label="label-lockout-threshold" kind="number"
                        value=threshold error=state.field_error("lockout_threshold") />
                    <TextField name="lockout_minutes" id="rules" label="label-lockout-minutes" kind="number"
                        value=minutes error=state.field_error("lockout_minutes") />
                </div>
                <button type="submit" class="primary">{i18n.t("rules-submit")}</button>
            </form>
        </section>
    }
}
