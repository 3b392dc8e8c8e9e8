use std::time::Duration;

use leptos::prelude::*;

use domain::alerts::views::{BELL_CAP, Bell};

use crate::api::alerts::alerts_bell;
use crate::i18n::use_i18n;

/// How often an open page asks for the count again.
const REFRESH: Duration = Duration::from_secs(30);

/// The header's bell: the alerts addressed to the reader opened since they last looked at
/// them, linking to the notifications. Rendered with the page's count; an island, so that with
/// JavaScript it asks again every 30 seconds without a reload.
#[island]
pub fn AlertBell(unread: u32) -> impl IntoView {
    let i18n = use_i18n();
    let count = RwSignal::new(unread);
    let beyond_cap = move || Bell { unread: count.get() }.beyond_cap();
    Effect::new(move |_| {
        let refresh = move || {
            leptos::task::spawn_local(async move {
                if let Ok(bell) = alerts_bell().await {
                    count.set(bell.unread);
                }
            });
        };
        if let Ok(handle) = set_interval_with_handle(refresh, REFRESH) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <a class="bell" href="/alerts" data-unread=move || count.get().to_string()>
            <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
            </svg>
            <span class="visually-hidden" aria-live="polite">
                {move || match beyond_cap() {
                    true => i18n.t_count("alerts-bell-many", i64::from(BELL_CAP)),
                    false => i18n.t_count("alerts-bell", i64::from(count.get())),
                }}
            </span>
            {move || (count.get() > 0).then(|| {
                let shown = match beyond_cap() {
                    true => format!("{}+", i18n.integer(i64::from(BELL_CAP))),
                    false => i18n.integer(i64::from(count.get())),
                };
                view! { <span class="bell-count" aria-hidden="true">{shown}</span> }
            })}
        </a>
    }
}
