use app::api::access::Access;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::FromRef;
use axum::routing::{MethodRouter, get, post};
use domain::Permission;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use services::AppState;
use services::auth::session_store::ControlSessionStore;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use super::client::SignInBudget;
use super::{
    access, assets, audit_files, body_limit, client, company_logo, compression, cross_site, customer_files,
    dashboard_files, health, invoice_files, ledger_files, metrics, page_guard, personal_data_files, request_id, rest,
    security_headers, sso, stock_files,
};
use crate::config::Config;

/// The state axum hands to handlers: the application's, and Leptos' rendering options.
#[derive(Clone, FromRef)]
pub struct RouterState {
    pub app: AppState,
    pub leptos_options: LeptosOptions,
}

pub fn session_cookie_name(config: &Config) -> &'static str {
    // The __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and for
    // the whole site (A8).
    if config.secure_cookies() { "__Host-atelier_session" } else { "atelier_session" }
}

/// A CSV file and the form around it.
const IMPORT_BODY_LIMIT: usize = services::stock::import::MAX_FILE_BYTES + 64 * 1024;
const LOGO_BODY_LIMIT: usize = domain::company::logo::MAX_UPLOAD_BYTES + 64 * 1024;
const CUSTOMER_IMPORT_BODY_LIMIT: usize = domain::customer::import::MAX_FILE_BYTES + 64 * 1024;
const VERIFY_BODY_LIMIT: usize = domain::invoicing::issued::VERIFY_MAX_BYTES + 64 * 1024;

/// The largest request body of a server function (a form, or its JSON): larger ones get 413.
const FORM_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The REST routes beside the pages and server functions, each with what it requires.
pub fn rest_routes() -> Vec<(&'static str, Access, MethodRouter<RouterState>)> {
    vec![
        ("/health", Access::Public, get(health::health).layer(axum::Extension(health::Liveness::default()))),
        ("/status.json", Access::Public, get(health::status)),
        // For the platform operator's monitoring: from the machine itself, or with its token.
        ("/metrics", Access::Operator, get(metrics::render)),
        // Signing in through a company's identity provider; the callback is protected by the
        // state bound to the browser's session.
        ("/auth/oidc/start", Access::Public, post(sso::start)),
        (sso::CALLBACK, Access::Public, get(sso::callback)),
        // Stock files, for the company's members whose role allows it (the import service
        // also checks the company's flag).
        ("/stock/articles.csv", Access::Tenant(Permission::StockRead), get(stock_files::stock_csv)),
        ("/stock/reorder.csv", Access::Tenant(Permission::StockRead), get(stock_files::reorder_csv)),
        (
            "/stock/import/upload",
            Access::TenantWrite(Permission::StockImport),
            post(stock_files::upload).layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT)),
        ),
        // The company's logo: every member sees it, its admins change it.
        ("/settings/company/logo.png", Access::Tenant(Permission::TenantRead), get(company_logo::logo)),
        (
            "/settings/company/logo",
            Access::TenantWrite(Permission::CompanyManage),
            post(company_logo::upload).layer(DefaultBodyLimit::max(LOGO_BODY_LIMIT)),
        ),
        // Customer files (the import service also checks the company's invoicing flag).
        ("/invoices/customers.csv", Access::Tenant(Permission::InvoiceRead), get(customer_files::export)),
        (
            "/invoices/customers/import",
            Access::TenantWrite(Permission::CustomersManage),
            post(customer_files::import).layer(DefaultBodyLimit::max(CUSTOMER_IMPORT_BODY_LIMIT)),
        ),
        // Issued invoices' files, as stored; and the public verification's upload.
        // KPI exports of the dashboards (the service checks the board's permission).
        ("/dashboards/{board}/kpis.csv", Access::Tenant(Permission::TenantRead), get(dashboard_files::kpis_csv)),
        ("/invoices/issued/{id}/pdf", Access::Tenant(Permission::InvoiceRead), get(invoice_files::pdf)),
        ("/invoices/print.pdf", Access::Tenant(Permission::InvoiceRead), get(invoice_files::print_selection)),
        ("/verify", Access::Public, post(invoice_files::verify_upload).layer(DefaultBodyLimit::max(VERIFY_BODY_LIMIT))),
        // The ledger's archive and accounting exports, for accountants and auditors.
        ("/invoices/ledger/archive.tar", Access::Tenant(Permission::LedgerRead), get(ledger_files::archive_tar)),
        ("/invoices/ledger/fec", Access::Tenant(Permission::LedgerRead), get(ledger_files::fec)),
        ("/invoices/ledger/journal.csv", Access::Tenant(Permission::LedgerRead), get(ledger_files::journal)),
        // The audit log's chain as a file, for admins and auditors.
        ("/settings/audit/export.csv", Access::Tenant(Permission::AuditRead), get(audit_files::csv)),
        ("/settings/audit/export.jsonl", Access::Tenant(Permission::AuditRead), get(audit_files::json_lines)),
        // What the company holds about one of its members (GDPR), for its admins.
        (
            domain::governance::personal_data::MEMBER_EXPORT_PATH,
            Access::Tenant(Permission::GovernancePersonalData),
            get(personal_data_files::member_export),
        ),
    ]
}

pub fn build(state: AppState, config: &Config, mut leptos_options: LeptosOptions) -> Router {
    metrics::recorder();
    let pkg_dir = std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
    let bundle = assets::read(&pkg_dir);
    // Leptos names the hydration script's files after the output name.
    leptos_options.output_name = bundle.bundle.clone();
    let store = ControlSessionStore::new(state.control.pool().clone());
    let idle =
        tower_sessions::cookie::time::Duration::seconds(config.session_idle.as_secs().try_into().unwrap_or(1800));
    let sessions = SessionManagerLayer::new(store)
        .with_name(session_cookie_name(config))
        .with_secure(config.secure_cookies())
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(idle));

    let router_state = RouterState { app: state.clone(), leptos_options };
    let context = {
        let state = state.clone();
        let bundle = bundle.clone();
        move || {
            provide_context(state.clone());
            provide_context(bundle.clone());
            security_headers::provide_nonce();
        }
    };
    let shell_options = router_state.leptos_options.clone();
    let pages = Router::new()
        .leptos_routes_with_context(&router_state, generate_route_list(app::App), context.clone(), move || {
            app::shell(shell_options.clone())
        })
        .layer(axum::middleware::from_fn_with_state(FORM_BODY_LIMIT, body_limit::limit));
    let mut routes = Router::new();
    for (path, need, route) in rest_routes() {
        let guarded = route.layer(axum::middleware::from_fn_with_state((state.clone(), need), access::route_guard));
        routes = routes.route(path, guarded);
    }
    // The governance API authenticates each request by its bearer token (`rest::api`).
    for (path, route) in rest::routes() {
        routes = routes.route(path, route);
    }
    pages
        .merge(routes)
        .merge(assets::routes(&pkg_dir, &bundle))
        .fallback(leptos_axum::file_and_error_handler_with_context::<RouterState, _>(context, app::shell))
        .layer(axum::Extension(sso::PublicUrl(config.public_url.clone())))
        .layer(axum::Extension(access::OperatorToken(config.metrics_token.clone().map(Into::into))))
        .layer(axum::middleware::from_fn_with_state(state.clone(), page_guard::guard))
        .layer(axum::Extension(bundle))
        .layer(axum::middleware::from_fn_with_state(state.clone(), access::guard))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            SignInBudget { state: state.clone(), per_minute: config.login_attempts_per_minute.max(1) },
            client::describe,
        ))
        // Before the session is even loaded: a forged request touches nothing.
        .layer(axum::middleware::from_fn(cross_site::guard))
        .layer(compression::layer())
        .layer(axum::middleware::from_fn_with_state(
            security_headers::Https(config.secure_cookies()),
            security_headers::add,
        ))
        .layer(axum::middleware::from_fn_with_state(state.clone(), metrics::track))
        .layer(request_id::propagate())
        .layer(request_id::trace())
        .layer(request_id::set())
        .layer(axum::middleware::from_fn(request_id::only_well_formed))
        .with_state(router_state)
}
