use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::assets::Assets;
use crate::components::app_layout::AppLayout;
use crate::i18n::{self, use_i18n};
use crate::pages::alert_rules::AlertRulesPage;
use crate::pages::alerts::AlertsPage;
use crate::pages::dashboard::DashboardPage;
use crate::pages::events::EventsPage;
use crate::pages::governance::GovernancePage;
use crate::pages::governance_flags::GovernanceFlagsPage;
use crate::pages::governance_integrity::{GovernanceIntegrityPage, IntegrityRunPage};
use crate::pages::governance_mode::GovernanceModePage;
use crate::pages::governance_personal_data::GovernancePersonalDataPage;
use crate::pages::governance_purge::GovernancePurgePage;
use crate::pages::governance_retention::GovernanceRetentionPage;
use crate::pages::governance_security::GovernanceSecurityPage;
use crate::pages::governance_tokens::GovernanceTokensPage;
use crate::pages::status::StatusPage;
use crate::pages::webhook::WebhookPage;
use crate::pages::webhooks::WebhooksPage;
use crate::pages::{
    article::ArticlePage, audit_log::AuditLogPage, company_profile::CompanyProfilePage, enrol::EnrolPage,
    home::HomePage, login::LoginPage, members::MembersPage, not_found::NotFoundPage, second_factor::SecondFactorPage,
    security::SecurityPage, select_tenant::SelectTenantPage, settings::SettingsPage, site_detail::SiteDetailPage,
    sites::SitesPage, stock::StockPage, stock_list::StockListPage,
};
use crate::pages::{
    article_form::{ArticleEditPage, ArticleNewPage},
    expiring_lots::ExpiringLotsPage,
    lot_trace::LotTracePage,
    reorder::ReorderPage,
    stock_alerts::StockAlertsPage,
    stock_anomalies::AnomaliesPage,
    stock_import::{ImportPage, ImportProgressPage},
    stock_valuation::ValuationPage,
};
use crate::pages::{
    customer::CustomerPage,
    customer_form::CustomerNewPage,
    customer_import::CustomerImportPage,
    customers::CustomersPage,
    draft::DraftPage,
    drafts::DraftsPage,
    invoice::InvoicePage,
    invoices::InvoicesPage,
    ledger::LedgerPage,
    receipt::ReceiptPage,
    statement::StatementPage,
    verify::{VerifyCodePage, VerifyPage},
};
use crate::pages::{
    mission::MissionPage,
    mission_new::{EmergencyPage, MissionEditPage, MissionNewPage},
    missions::MissionsPage,
    planning::PlanningPage,
    team_time::TeamTimePage,
    time::MyTimePage,
};

/// The HTML document around the app; `<html lang>` follows the request's language.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = i18n::request_lang();
    let stylesheet = use_context::<Assets>().unwrap_or_default().stylesheet;
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=stylesheet />
                <link rel="icon" href="/favicon.ico" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    i18n::provide_i18n(i18n::request_lang());
    let i18n = use_i18n();
    // Every page waits for its data before the first byte (SsrMode::Async), so the HTML is
    // complete without JavaScript.
    let ssr = SsrMode::Async;
    view! {
        <Title text=i18n.t("app-name") />
        <Router>
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/login") view=LoginPage ssr=ssr.clone() />
                <Route path=path!("/login/second-factor") view=SecondFactorPage ssr=ssr.clone() />
                <Route path=path!("/login/enrol") view=EnrolPage ssr=ssr.clone() />
                <Route path=path!("/select-tenant") view=SelectTenantPage ssr=ssr.clone() />
                <Route path=path!("/verify") view=VerifyPage ssr=ssr.clone() />
                <Route path=path!("/status") view=StatusPage ssr=ssr.clone() />
                <Route path=path!("/verify/:id") view=VerifyCodePage ssr=ssr.clone() />
                <ParentRoute path=path!("") view=AppLayout ssr=ssr.clone()>
                    <Route path=path!("") view=HomePage ssr=ssr.clone() />
                    <Route path=path!("/stock") view=StockPage ssr=ssr.clone() />
                    <Route path=path!("/stock/sites") view=SitesPage ssr=ssr.clone() />
                    <Route path=path!("/stock/articles") view=StockListPage ssr=ssr.clone() />
                    <Route path=path!("/stock/articles/:id") view=ArticlePage ssr=ssr.clone() />
                    <Route path=path!("/stock/articles/:id/edit") view=ArticleEditPage ssr=ssr.clone() />
                    <Route path=path!("/stock/new-article") view=ArticleNewPage ssr=ssr.clone() />
                    <Route path=path!("/stock/alerts") view=StockAlertsPage ssr=ssr.clone() />
                    <Route path=path!("/stock/valuation") view=ValuationPage ssr=ssr.clone() />
                    <Route path=path!("/stock/lots") view=LotTracePage ssr=ssr.clone() />
                    <Route path=path!("/stock/expiring") view=ExpiringLotsPage ssr=ssr.clone() />
                    <Route path=path!("/stock/anomalies") view=AnomaliesPage ssr=ssr.clone() />
                    <Route path=path!("/stock/reorder") view=ReorderPage ssr=ssr.clone() />
                    <Route path=path!("/stock/import") view=ImportPage ssr=ssr.clone() />
                    <Route path=path!("/stock/import/:id") view=ImportProgressPage ssr=ssr.clone() />
                    <Route path=path!("/stock/sites/:id") view=SiteDetailPage ssr=ssr.clone() />
                    <Route path=path!("/invoices") view=InvoicesPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/customers") view=CustomersPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/customers/new") view=CustomerNewPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/customers/import") view=CustomerImportPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/customers/:id") view=CustomerPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/customers/:id/statement") view=StatementPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/drafts") view=DraftsPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/drafts/:id") view=DraftPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/issued/:id") view=InvoicePage ssr=ssr.clone() />
                    <Route path=path!("/invoices/ledger") view=LedgerPage ssr=ssr.clone() />
                    <Route path=path!("/invoices/issued/:id/payments/:payment") view=ReceiptPage ssr=ssr.clone() />
                    <Route path=path!("/missions") view=MissionsPage ssr=ssr.clone() />
                    <Route path=path!("/missions/new") view=MissionNewPage ssr=ssr.clone() />
                    <Route path=path!("/missions/emergency") view=EmergencyPage ssr=ssr.clone() />
                    <Route path=path!("/missions/time") view=MyTimePage ssr=ssr.clone() />
                    <Route path=path!("/missions/planning") view=PlanningPage ssr=ssr.clone() />
                    <Route path=path!("/missions/time/team") view=TeamTimePage ssr=ssr.clone() />
                    <Route path=path!("/missions/:id") view=MissionPage ssr=ssr.clone() />
                    <Route path=path!("/missions/:id/edit") view=MissionEditPage ssr=ssr.clone() />
                    <Route path=path!("/alerts") view=AlertsPage ssr=ssr.clone() />
                    <Route path=path!("/alerts/events") view=EventsPage ssr=ssr.clone() />
                    <Route path=path!("/alerts/rules") view=AlertRulesPage ssr=ssr.clone() />
                    <Route path=path!("/alerts/webhooks") view=WebhooksPage ssr=ssr.clone() />
                    <Route path=path!("/alerts/webhooks/:id") view=WebhookPage ssr=ssr.clone() />
                    <Route path=path!("/dashboards/:board") view=DashboardPage ssr=ssr.clone() />
                    <Route path=path!("/governance") view=GovernancePage ssr=ssr.clone() />
                    <Route path=path!("/governance/mode") view=GovernanceModePage ssr=ssr.clone() />
                    <Route path=path!("/governance/flags") view=GovernanceFlagsPage ssr=ssr.clone() />
                    <Route path=path!("/governance/security") view=GovernanceSecurityPage ssr=ssr.clone() />
                    <Route path=path!("/governance/retention") view=GovernanceRetentionPage ssr=ssr.clone() />
                    <Route path=path!("/governance/retention/purges/:id") view=GovernancePurgePage ssr=ssr.clone() />
                    <Route path=path!("/governance/integrity") view=GovernanceIntegrityPage ssr=ssr.clone() />
                    <Route path=path!("/governance/integrity/runs/:id") view=IntegrityRunPage ssr=ssr.clone() />
                    <Route path=path!("/governance/tokens") view=GovernanceTokensPage ssr=ssr.clone() />
                    <Route path=path!("/governance/personal-data") view=GovernancePersonalDataPage ssr=ssr.clone() />
                    <Route path=path!("/settings") view=SettingsPage ssr=ssr.clone() />
                    <Route path=path!("/settings/security") view=SecurityPage ssr=ssr.clone() />
                    <Route path=path!("/settings/users") view=MembersPage ssr=ssr.clone() />
                    <Route path=path!("/settings/company") view=CompanyProfilePage ssr=ssr.clone() />
                    <Route path=path!("/settings/audit") view=AuditLogPage ssr=ssr.clone() />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
