//! `atelier sso …`: companies' single sign-on identity providers.

use clap::Subcommand;
use domain::{Role, TenantCode};

use super::{explain, open, read_secret};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum SsoCommand {
    /// Register an identity provider for a company. The client secret is read from
    /// ATELIER_SSO_CLIENT_SECRET or the first line of standard input. Its redirect URI is
    /// <public URL>/auth/oidc/callback.
    Add {
        #[arg(long)]
        tenant: String,
        /// Shown on the login page: "Sign in with <label>".
        #[arg(long)]
        label: String,
        /// The issuer URL, exactly as the provider's discovery document states it.
        #[arg(long)]
        issuer: String,
        #[arg(long)]
        client_id: String,
    },
    /// List identity providers.
    List,
    /// Remove an identity provider (its users can no longer sign in through it).
    Remove { id: String },
    /// What happens to an identity no account is linked to yet (both off by default).
    Accounts {
        #[arg(long)]
        tenant: String,
        /// Link it to the existing member with the same, verified, e-mail address.
        #[arg(long)]
        link_by_email: bool,
        /// Create an account (a member with --role) on first sign-in.
        #[arg(long)]
        create_accounts: bool,
        #[arg(long, default_value = "technician")]
        role: String,
    },
}

pub(super) async fn run(command: SsoCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let tenant_code = |code: &str| TenantCode::parse(code).map_err(|e| format!("tenant: {e}"));
    let result = match command {
        SsoCommand::Add { tenant, label, issuer, client_id } => match (
            tenant_code(&tenant),
            read_secret("ATELIER_SSO_CLIENT_SECRET", "client secret").map(|s| s.trim().to_owned()),
        ) {
            (Ok(code), Ok(secret)) => services::sso::add_provider(&state, &code, &label, &issuer, &client_id, &secret)
                .await
                .map(|p| println!("provider {} added for {}: \"{}\" ({})", p.id, p.tenant_code, p.label, p.issuer))
                .map_err(explain),
            (Err(e), _) | (_, Err(e)) => Err(e),
        },
        SsoCommand::List => services::sso::all_providers(&state)
            .await
            .map(|providers| {
                if providers.is_empty() {
                    println!("no identity providers");
                }
                for p in providers {
                    println!("{}  {:<12} {:<20} {} (client {})", p.id, p.tenant_code, p.label, p.issuer, p.client_id);
                }
            })
            .map_err(explain),
        SsoCommand::Remove { id } => services::sso::remove_provider(&state, &id)
            .await
            .map(|()| println!("provider {id} removed"))
            .map_err(explain),
        SsoCommand::Accounts { tenant, link_by_email, create_accounts, role } => {
            match (tenant_code(&tenant), Role::parse(&role).map_err(|e| format!("role: {e}"))) {
                (Ok(code), Ok(role)) => services::sso::set_account_rules(
                    &state,
                    &code,
                    link_by_email,
                    create_accounts,
                    role,
                )
                .await
                .map(|()| {
                    println!(
                        "{tenant}: link by verified e-mail {link_by_email}, create accounts {create_accounts} ({})",
                        role.as_str()
                    )
                })
                .map_err(explain),
                (Err(e), _) | (_, Err(e)) => Err(e),
            }
        }
    };
    state.close().await;
    result
}
