use domain::ErrorDetail;
use domain::customer::import::COLUMNS;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::customers::new_customer_country;
use crate::api::flash::take_flash;
use crate::components::error_panel::ErrorPanel;
use crate::components::form_feedback::FormFeedback;
use crate::components::form_state::FormState;
use crate::i18n::use_i18n;

/// Importing customers from a CSV file: the columns it may have, the upload, and when a file
/// is refused, every problem with its line.
#[component]
pub fn CustomerImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let flash = Resource::new(|| (), |_| take_flash());
    let allowed = Resource::new(|| (), |_| new_customer_country());
    view! {
        <Title text=format!("{} · {}", i18n.t("customer-import-title"), i18n.t("app-name")) />
        <p class="breadcrumb"><a href="/invoices/customers">{i18n.t("customers-title")}</a></p>
        <h1>{i18n.t("customer-import-title")}</h1>
        <Suspense fallback=move || view! { <p class="loading">{i18n.t("loading")}</p> }>
            {move || Suspend::new(async move {
                if let Err(error) = allowed.await {
                    return view! { <ErrorPanel error /> }.into_any();
                }
                let state = FormState::from_flash("customer-import", flash.await.ok().flatten());
                let heading = COLUMNS.iter().map(|c| c.name).collect::<Vec<_>>().join(";");
                let required = COLUMNS.iter().filter(|c| c.required).map(|c| c.name).collect::<Vec<_>>().join(", ");
                view! {
                    <section class="panel">
                        <p>{i18n.t("customer-import-intro")}</p>
                        <p class="hint">{i18n.t("import-hint")}</p>
                        <dl class="facts">
                            <dt>{i18n.t("customer-import-columns")}</dt>
                            <dd><code class="wrap">{heading}</code></dd>
                            <dt>{i18n.t("customer-import-required")}</dt>
                            <dd><code>{required}</code></dd>
                        </dl>
                        <form method="post" action="/invoices/customers/import" enctype="multipart/form-data" class="form">
                            <FormFeedback state />
                            <div class="field" class:field-invalid=move || state.field_error("file").get().is_some()>
                                <label for="customer-import-file">{i18n.t("import-file")}</label>
                                <input id="customer-import-file" type="file" name="file" accept=".csv,text/csv,text/plain" required />
                                {move || state.field_error("file").get().map(|code| view! { <p class="field-error">{i18n.field_error(&code)}</p> })}
                            </div>
                            <button type="submit" class="primary">{i18n.t("customer-import-submit")}</button>
                        </form>
                    </section>
                    <Problems state />
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The lines of a refused file.
#[component]
fn Problems(state: FormState) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Some(ErrorDetail::Rows { errors, total }) = state.error.get().and_then(|e| e.detail) else {
            return None;
        };
        let more = total.saturating_sub(errors.len()) as i64;
        let rows = errors
            .into_iter()
            .map(|e| {
                view! {
                    <tr><td>{e.line}</td><td><code>{e.column}</code></td><td>{i18n.field_error(&e.code)}</td></tr>
                }
            })
            .collect_view();
        Some(view! {
            <section class="panel" aria-labelledby="import-problems">
                <h2 id="import-problems">{i18n.t("import-problems")}</h2>
                <table class="data">
                    <thead><tr>
                        <th scope="col">{i18n.t("import-line")}</th>
                        <th scope="col">{i18n.t("import-column")}</th>
                        <th scope="col">{i18n.t("import-problem")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {(more > 0).then(|| view! { <p class="muted">{i18n.t_count("import-more-errors", more)}</p> })}
            </section>
        })
    }
}
