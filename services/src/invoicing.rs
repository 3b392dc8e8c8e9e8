//! Invoicing: customers, invoices, credit notes and payments.

pub mod accounting;
pub mod archive;
mod balances;
pub mod closures;
pub mod credits;
pub mod customers;
pub mod drafts;
pub(crate) mod figures;
pub mod invoices;
pub mod issuing;
pub mod ledger;
pub mod payments;
pub mod statements;
pub mod verification;
pub mod volume;

use domain::Flag;

use crate::AppResult;
use crate::governance;
use crate::tenancy::TenantScope;

/// Refuses any write while the company has turned invoicing off (reading still works).
pub(crate) async fn require_writable(scope: &TenantScope) -> AppResult<()> {
    governance::flags::require(scope, Flag::Invoicing).await
}
