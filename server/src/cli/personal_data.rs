//! `atelier personal-data …`: the platform operator's side of personal data (GDPR): export
//! everything held about an account in every company, erase an account (shared between
//! companies or not), erase a customer contact of a company. Each is audited as the operator's.

use clap::Subcommand;
use domain::TenantCode;
use services::AppState;
use services::governance::personal_data;

use super::{explain, open};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum PersonalDataCommand {
    /// Write everything held about an account, in every company it belongs to, as one JSON file.
    Export {
        email: String,
        /// The file to write (refused if it exists).
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Erase an account for good: name, e-mail, password, second factor, single sign-on links and
    /// sessions; its id, links and what the law keeps stay.
    Anonymise {
        email: String,
        /// Confirms that the erasure cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// Erase a customer contact of a company (see the console's Personal data page).
    AnonymiseCustomer {
        #[arg(long)]
        tenant: String,
        /// The customer's id (its page's address ends with it).
        #[arg(long)]
        customer: String,
        /// Confirms that the erasure cannot be undone.
        #[arg(long)]
        yes: bool,
    },
}

fn meta() -> services::audit::RequestMeta {
    services::audit::RequestMeta::new(None, Some("atelier command line"), None)
}

pub(super) async fn run(command: PersonalDataCommand, config: &Config) -> Result<(), String> {
    let confirmed = match &command {
        PersonalDataCommand::Export { .. } => true,
        PersonalDataCommand::Anonymise { yes, .. } | PersonalDataCommand::AnonymiseCustomer { yes, .. } => *yes,
    };
    if !confirmed {
        return Err("an erasure cannot be undone: add --yes to confirm".into());
    }
    let state = open(config).await?;
    let result = match command {
        PersonalDataCommand::Export { email, out } => export(&state, &email, &out).await,
        PersonalDataCommand::Anonymise { email, .. } => match super::user::account(&state, &email).await {
            Ok(user) => personal_data::anonymise_account(&state, &meta(), &user)
                .await
                .map(|new| println!("{email} anonymised: the account is now {new}"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        PersonalDataCommand::AnonymiseCustomer { tenant, customer, .. } => {
            anonymise_customer(&state, &tenant, &customer).await
        }
    };
    state.close().await;
    result
}

async fn export(state: &AppState, email: &str, out: &std::path::Path) -> Result<(), String> {
    let user = super::user::account(state, email).await?;
    let file = personal_data::export_account(state, &meta(), &user).await.map_err(explain)?;
    let mut target = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    std::io::Write::write_all(&mut target, &file.body).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{} bytes written to {}", file.body.len(), out.display());
    Ok(())
}

async fn anonymise_customer(state: &AppState, tenant: &str, customer: &str) -> Result<(), String> {
    let tenant = TenantCode::parse(tenant).map_err(|e| format!("tenant: {e}"))?;
    let id = domain::input::parse_id(customer).map_err(|e| format!("customer: {e}"))?;
    match personal_data::anonymise_customer_of(state, &meta(), &tenant, &id).await {
        Ok(()) => {
            println!("customer {id} of {tenant} anonymised");
            Ok(())
        }
        Err(services::AppError::NotFound) => Err(format!("no customer {id} in {tenant}")),
        Err(error) => Err(explain(error)),
    }
}
