//! What each server function requires, declared in one table. The HTTP layer refuses any call
//! to an undeclared function and checks the declared need before the function runs; a test
//! fails if a registered function is missing here. The functions check again themselves (for
//! calls made while rendering a page, which do not pass through the HTTP layer).

use domain::Permission;
use leptos::server_fn::ServerFn;

use super::{
    alerts, audit, auth, company, customers, dashboards, drafts, events, flash, governance, home, invoices, ledger,
    members, missions, second_factor, security, sites, status, stock, stock_articles, stock_import, stock_reports,
    time, verify, webhooks,
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
    /// A member of the session's company whose role holds the permission, reading.
    Tenant(Permission),
    /// The same, changing something: refused while an emergency mode stops the member's
    /// changes (READ_ONLY for everyone; LOCKDOWN and MAINTENANCE for all but admins).
    TenantWrite(Permission),
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
    (sites::CreateSite::PATH, Access::TenantWrite(Permission::SitesManage)),
    (sites::RenameSite::PATH, Access::TenantWrite(Permission::SitesManage)),
    (stock::StockArticles::PATH, Access::Tenant(Permission::StockRead)),
    (stock::ArticleView::PATH, Access::Tenant(Permission::StockRead)),
    (stock::ReceiveStock::PATH, Access::TenantWrite(Permission::StockMove)),
    (stock::WithdrawStock::PATH, Access::TenantWrite(Permission::StockIssue)),
    (stock::TransferStock::PATH, Access::TenantWrite(Permission::StockMove)),
    (stock::AdjustStock::PATH, Access::TenantWrite(Permission::StockMove)),
    (stock::ReverseOperation::PATH, Access::TenantWrite(Permission::StockMove)),
    (stock_articles::ArticleFields::PATH, Access::Tenant(Permission::StockMove)),
    (stock_articles::CreateArticle::PATH, Access::TenantWrite(Permission::StockMove)),
    (stock_articles::UpdateArticle::PATH, Access::TenantWrite(Permission::StockMove)),
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
    (members::UnlockMember::PATH, Access::TenantWrite(Permission::UsersManage)),
    (members::ResetMemberSecondFactor::PATH, Access::TenantWrite(Permission::UsersManage)),
    (members::SetSignInRules::PATH, Access::TenantWrite(Permission::UsersManage)),
    (audit::AuditEvents::PATH, Access::Tenant(Permission::AuditRead)),
    (audit::AuditChain::PATH, Access::Tenant(Permission::AuditRead)),
    (company::CompanySettings::PATH, Access::Tenant(Permission::CompanyManage)),
    (company::SaveCompanyProfile::PATH, Access::TenantWrite(Permission::CompanyManage)),
    (company::RemoveCompanyLogo::PATH, Access::TenantWrite(Permission::CompanyManage)),
    (missions::MissionsList::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::MissionView::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::PlanningBoard::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::MissionFormChoices::PATH, Access::Tenant(Permission::MissionsManage)),
    (missions::CreateMission::PATH, Access::TenantWrite(Permission::MissionsManage)),
    (missions::RecordEmergency::PATH, Access::TenantWrite(Permission::MissionsManage)),
    (missions::UpdateMission::PATH, Access::TenantWrite(Permission::MissionsManage)),
    (events::EventsList::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AlertsBell::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AlertsList::PATH, Access::Tenant(Permission::TenantRead)),
    (alerts::AcknowledgeAlert::PATH, Access::TenantWrite(Permission::TenantRead)),
    (alerts::AlertRules::PATH, Access::Tenant(Permission::AlertsManage)),
    (alerts::UpdateAlertRule::PATH, Access::TenantWrite(Permission::AlertsManage)),
    (webhooks::WebhooksList::PATH, Access::Tenant(Permission::WebhooksRead)),
    (webhooks::WebhookOverview::PATH, Access::Tenant(Permission::WebhooksRead)),
    (webhooks::CreateWebhook::PATH, Access::TenantWrite(Permission::WebhooksManage)),
    (webhooks::UpdateWebhook::PATH, Access::TenantWrite(Permission::WebhooksManage)),
    (webhooks::RotateWebhookSecret::PATH, Access::TenantWrite(Permission::WebhooksManage)),
    (webhooks::ReplayWebhookDelivery::PATH, Access::TenantWrite(Permission::WebhooksManage)),
    (governance::EmergencyMode::PATH, Access::Tenant(Permission::GovernanceRead)),
    // The one change a mode never stops: an admin must be able to lift it.
    (governance::SetEmergencyMode::PATH, Access::Tenant(Permission::GovernanceModeSet)),
    (governance::FeatureFlags::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::UpdateFeatureFlag::PATH, Access::TenantWrite(Permission::GovernanceFlags)),
    // A kill switch is an emergency control too: no mode stops an admin from throwing it.
    (governance::KillFeature::PATH, Access::Tenant(Permission::GovernanceFlags)),
    (governance::GovernanceSecurity::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::SaveSecurityThresholds::PATH, Access::TenantWrite(Permission::GovernanceSecurity)),
    (governance::GovernanceRetention::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::StartRetentionPurge::PATH, Access::TenantWrite(Permission::GovernanceRetention)),
    (governance::RetentionPurge::PATH, Access::Tenant(Permission::GovernanceRead)),
    // The check only reads the company's data (its run is recorded beside it): every mode lets
    // admins and auditors run it, during an incident most of all.
    (governance::GovernanceIntegrity::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::StartIntegrityCheck::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::IntegrityRun::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::ApiTokensPage::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::CreateApiToken::PATH, Access::TenantWrite(Permission::GovernanceTokens)),
    // Revoking closes a door: no mode stops it.
    (governance::RevokeApiToken::PATH, Access::Tenant(Permission::GovernanceTokens)),
    (governance::PersonalDataOverview::PATH, Access::Tenant(Permission::GovernanceRead)),
    (governance::AnonymiseMember::PATH, Access::TenantWrite(Permission::GovernancePersonalData)),
    (governance::AnonymiseCustomer::PATH, Access::TenantWrite(Permission::GovernancePersonalData)),
    (dashboards::Dashboard::PATH, Access::Tenant(Permission::TenantRead)),
    (missions::MoveMission::PATH, Access::TenantWrite(Permission::TenantRead)),
    (missions::InvoiceMission::PATH, Access::TenantWrite(Permission::MissionsInvoice)),
    (missions::WithdrawPart::PATH, Access::TenantWrite(Permission::StockIssue)),
    (missions::AssignTechnician::PATH, Access::TenantWrite(Permission::MissionsManage)),
    (missions::UnassignTechnician::PATH, Access::TenantWrite(Permission::MissionsManage)),
    (time::MyTime::PATH, Access::Tenant(Permission::TimeRecord)),
    (time::TeamTime::PATH, Access::Tenant(Permission::TimeRead)),
    (time::RecordTime::PATH, Access::TenantWrite(Permission::TimeRecord)),
    (time::DeleteTime::PATH, Access::TenantWrite(Permission::TimeRecord)),
    (time::ApproveTime::PATH, Access::TenantWrite(Permission::TimeApprove)),
    (time::ApproveWeek::PATH, Access::TenantWrite(Permission::TimeApprove)),
    (time::ReturnTime::PATH, Access::TenantWrite(Permission::TimeApprove)),
    (customers::CustomersList::PATH, Access::Tenant(Permission::InvoiceRead)),
    (customers::CustomerView::PATH, Access::Tenant(Permission::InvoiceRead)),
    (customers::NewCustomerCountry::PATH, Access::Tenant(Permission::CustomersManage)),
    (customers::CreateCustomer::PATH, Access::TenantWrite(Permission::CustomersManage)),
    (customers::UpdateCustomer::PATH, Access::TenantWrite(Permission::CustomersManage)),
    (customers::DeleteCustomer::PATH, Access::TenantWrite(Permission::CustomersManage)),
    (drafts::DraftsList::PATH, Access::Tenant(Permission::InvoiceRead)),
    (drafts::DraftDetails::PATH, Access::Tenant(Permission::InvoiceRead)),
    (drafts::DraftLinePrefill::PATH, Access::Tenant(Permission::InvoiceDraft)),
    (drafts::CreateDraft::PATH, Access::TenantWrite(Permission::InvoiceDraft)),
    (drafts::UpdateDraft::PATH, Access::TenantWrite(Permission::InvoiceDraft)),
    (drafts::DeleteDraft::PATH, Access::TenantWrite(Permission::InvoiceDraft)),
    (drafts::AddDraftLine::PATH, Access::TenantWrite(Permission::InvoiceDraft)),
    (drafts::RemoveDraftLine::PATH, Access::TenantWrite(Permission::InvoiceDraft)),
    (invoices::InvoicesList::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::InvoiceDetails::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::IssueDraft::PATH, Access::TenantWrite(Permission::InvoiceIssue)),
    (invoices::PaymentReceipt::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::CustomerStatement::PATH, Access::Tenant(Permission::InvoiceRead)),
    (invoices::RecordPayment::PATH, Access::TenantWrite(Permission::InvoicePay)),
    (invoices::IssueCreditNote::PATH, Access::TenantWrite(Permission::InvoiceIssue)),
    (ledger::LedgerPage::PATH, Access::Tenant(Permission::LedgerRead)),
    (ledger::ClosePeriod::PATH, Access::TenantWrite(Permission::LedgerClose)),
    (ledger::SaveAccounts::PATH, Access::TenantWrite(Permission::AccountingManage)),
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

impl Access {
    /// The permission a member needs, for a company's endpoint.
    pub fn permission(self) -> Option<Permission> {
        match self {
            Self::Tenant(p) | Self::TenantWrite(p) => Some(p),
            _ => None,
        }
    }
}

/// The declared need of a server function's path, if the function is declared.
pub fn of_path(path: &str) -> Option<Access> {
    ENDPOINTS.iter().find(|(p, _)| *p == path).map(|(_, access)| *access)
}
