//! What each server function requires, declared in one table. The HTTP layer refuses any call
//! to an undeclared function and checks the declared need before the function runs; a test
//! fails if a registered function is missing here. The functions check again themselves (for
//! calls made while rendering a page, which do not pass through the HTTP layer).

use domain::Permission;
use leptos::server_fn::ServerFn;

use super::{
    alerts, audit, auth, company, customers, dashboards, drafts, events, flash, home, invoices, ledger, members,
    missions, second_factor, security, sites, status, stock, stock_articles, stock_import, stock_reports, time, verify,
    webhooks,
};

/// Who may call a server function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone: signing in, the language, leaving.
    Public,
    /// A session between password and second factor (A11): only the second step.
    Pending,
    /// A signed-in user, or one who must set up a second factor before entering.
    Enrolment,
    /// A signed-in user acting on their own account, whether or not a company is chosen.
    Account,
    /// A member of the session's company whose role holds the permission.
    Tenant(Permission),
    /// The platform operator (plain routes only): a client on the machine itself, or, when
    /// `ATELIER_METRICS_TOKEN` is set, whoever presents it as a bearer token.
    Operator,
}

/// Every server function by its path (`/api/<name>`, from the function itself).
pub const ENDPOINTS: &[(&str, Access)] = &[
    (auth::LoginContext::PATH, Access::Public),
    (auth::Login::PATH, Access::Public),
    (auth::Logout::PATH, Access::Public),
    (auth::SetLanguage::PATH, Access::Public),
    (flash::TakeFlash::PATH, Access::Public),
    (second_factor::SecondFactor::PATH, Access::Pending),
    (second_factor::SecondFactorSetup::PATH, Access::Enrolment),
    (second_factor::BeginSecondFactor::PATH, Access::Enrolment),
    (second_factor::ConfirmSecondFactor::PATH, Access::Enrolment),
    (auth::TenantChoices::PATH, Access::Account),
    (auth::SelectTenant::PATH, Access::Account),
    (security::SecurityOverview::PATH, Access::Account),
    (security::ChangePassword::PATH, Access::Account),
    (security::EndSession::PATH, Access::Account),
    (security::DisableSecondFactor::PATH, Access::Account),
    (security::RegenerateRecoveryCodes::PATH, Access::Account),
    (auth::SessionInfo::PATH, Access::Tenant(Permission::TenantRead)),
    (home::HomeView::PATH, Access::Tenant(Permission::TenantRead)),
    (sites::ListSites::PATH, Access::Tenant(Permission::TenantRead)),
    (sites::GetSite::PATH, Access::Tenant(Permission::TenantRead)),
    (sites::CreateSite::PATH, Access::Tenant(Permission::SitesManage)),
    (sites::RenameSite::PATH, Access::Tenant(Permission::SitesManage)),
    (stock::StockArticles::PATH, Access::Tenant(Permission::StockRead)),
    (stock::ArticleView::PATH, Access::Tenant(Permission::StockRead)),
    (stock::ReceiveStock::PATH, Access::Tenant(Permission::StockMove)),
    (stock::WithdrawStock::PATH, Access::Tenant(Permission::StockIssue)),
    (stock::TransferStock::PATH, Access::Tenant(Permission::StockMove)),
    (stock::AdjustStock::PATH, Access::Tenant(Permission::StockMove)),
    (stock::ReverseOperation::PATH, Access::Tenant(Permission::StockMove)),
    (stock_articles::ArticleFields::PATH, Access::Tenant(Permission::StockMove)),
    (stock_articles::CreateArticle::PATH, Access::Tenant(Permission::StockMove)),
    (stock_articles::UpdateArticle::PATH, Access::Tenant(Permission::StockMove)),
    (stock_reports::StockHub::PATH, Access::Tenant(Permission::StockRead)),
    (stock_reports::StockAlerts::PATH, Access::Tenant(Permission::StockRead)),
    (stock_reports::ReorderSuggestions::PATH, Access::Tenant(Permission::StockRead)),
    (stock_reports::StockValuation::PATH, Access::Tenant(Permission::StockRead)),
    (stock_reports::LotTrace::PATH, Access::Tenant(Permission::StockRead)),
    (stock_reports::ExpiringLots::PATH, Access::Tenant(Permission::StockRead)),
    (stock_reports::StockAnomalies::PATH, Access::Tenant(Permission::StockRead)),
    (stock_import::ImportOverview::PATH, Access::Tenant(Permission::StockRead)),
    (stock_import::ImportProgress::PATH, Access::Tenant(Permission::StockRead)),
    (members::MembersOverview::PATH, Access::Tenant(Permission::UsersManage)),
    (members::UnlockMember::PATH, Access::Tenant(Permission::UsersManage)),
    (members::ResetMemberSecondFactor::PATH, Access::Tenant(Permission::UsersManage)),
    (members::SetSignInRules::PATH, Access::Tenant(Permission::UsersManage)),
    (audit::AuditEvents::PATH, Access::Tenant(Permission::AuditRead)),
    (company::CompanySettings::PATH, Access::Tenant(Permission::CompanyManage)),
    (company::SaveCompanyProfile::PATH, Access::Tenant(Permission::CompanyManage)),
    (company::RemoveCompanyLogo::PATH, Access::Tenant(Permission::CompanyManage)),
    (missions::MissionsList::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::MissionView::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::PlanningBoard::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::MissionFormChoices::PATH, Access::Tenant(Permission::MissionsManage)),
    (missions::CreateMission::PATH, Access::Tenant(Permission::MissionsManage)),
    (missions::RecordEmergency::PATH, Access::Tenant(Permission::MissionsManage)),
    (missions::UpdateMission::PATH, Access::Tenant(Permission::MissionsManage)),
    (events::EventsList::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AlertsBell::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AlertsList::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AcknowledgeAlert::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AlertRules::PATH, Access::Tenant(Permission::AlertsManage)),
    (alerts::UpdateAlertRule::PATH, Access::Tenant(Permission::AlertsManage)),
    (webhooks::WebhooksList::PATH, Access::Tenant(Permission::WebhooksRead)),
    (webhooks::WebhookOverview::PATH, Access::Tenant(Permission::WebhooksRead)),
    (webhooks::CreateWebhook::PATH, Access::Tenant(Permission::WebhooksManage)),
    (webhooks::UpdateWebhook::PATH, Access::Tenant(Permission::WebhooksManage)),
    (webhooks::RotateWebhookSecret::PATH, Access::Tenant(Permission::WebhooksManage)),
    (webhooks::ReplayWebhookDelivery::PATH, Access::Tenant(Permission::WebhooksManage)),
    (dashboards::Dashboard::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::MoveMission::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::InvoiceMission::PATH, Access::Tenant(Permission::MissionsInvoice)),
    (missions::WithdrawPart::PATH, Access::Tenant(Permission::StockIssue)),
    (missions::AssignTechnician::PATH, Access::Tenant(Permission::MissionsManage)),
    (missions::UnassignTechnician::PATH, Access::Tenant(Permission::MissionsManage)),
    (time::MyTime::PATH, Access::Tenant(Permission::TimeRecord)),
    (time::TeamTime::PATH, Access::Tenant(Permission::TimeRead)),
    (time::RecordTime::PATH, Access::Tenant(Permission::TimeRecord)),
    (time::DeleteTime::PATH, Access::Tenant(Permission::TimeRecord)),
    (time::ApproveTime::PATH, Access::Tenant(Permission::TimeApprove)),
    (time::ApproveWeek::PATH, Access::Tenant(Permission::TimeApprove)),
    (time::ReturnTime::PATH, Access::Tenant(Permission::TimeApprove)),
    (customers::CustomersList::PATH, Access::Tenant(Permission::InvoiceRead)),
    (customers::CustomerView::PATH, Access::Tenant(Permission::InvoiceRead)),
    (customers::NewCustomerCountry::PATH, Access::Tenant(Permission::CustomersManage)),
    (customers::CreateCustomer::PATH, Access::Tenant(Permission::CustomersManage)),
    (customers::UpdateCustomer::PATH, Access::Tenant(Permission::CustomersManage)),
    (customers::DeleteCustomer::PATH, Access::Tenant(Permission::CustomersManage)),
    (drafts::DraftsList::PATH, Access::Tenant(Permission::InvoiceRead)),
    (drafts::DraftDetails::PATH, Access::Tenant(Permission::InvoiceRead)),
    (drafts::DraftLinePrefill::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (drafts::CreateDraft::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (drafts::UpdateDraft::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (drafts::DeleteDraft::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (drafts::AddDraftLine::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (drafts::RemoveDraftLine::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (invoices::InvoicesList::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::InvoiceDetails::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::IssueDraft::PATH, Access::Tenant(Permission::InvoiceIssue)),
    (invoices::PaymentReceipt::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::CustomerStatement::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::RecordPayment::PATH, Access::Tenant(Permission::InvoicePay)),
    (invoices::IssueCreditNote::PATH, Access::Tenant(Permission::InvoiceIssue)),
    (ledger::LedgerPage::PATH, Access::Tenant(Permission::LedgerRead)),
    (ledger::ClosePeriod::PATH, Access::Tenant(Permission::LedgerClose)),
    (ledger::SaveAccounts::PATH, Access::Tenant(Permission::AccountingManage)),
    (verify::VerifyById::PATH, Access::Public),
    (status::PlatformStatus::PATH, Access::Public),
    (verify::VerifyByHash::PATH, Access::Public),
];

/// The server functions that check a password or a second-factor code. Each call spends the
/// client address's budget of sign-in attempts, like a sign-in (A24).
pub const CHECKS_SECRETS: &[&str] = &[
    auth::Login::PATH,
    second_factor::SecondFactor::PATH,
    second_factor::BeginSecondFactor::PATH,
    security::ChangePassword::PATH,
    security::DisableSecondFactor::PATH,
    security::RegenerateRecoveryCodes::PATH,
];

/// The declared need of a server function's path, if the function is declared.
pub fn of_path(path: &str) -> Option<Access> {
    ENDPOINTS.iter().find(|(p, _)| *p == path).map(|(_, access)| *access)
}
