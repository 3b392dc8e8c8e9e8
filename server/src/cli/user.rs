//! `atelier user …`: accounts, their roles in companies, and the platform operator's actions
//! on them (disable, enable, unlock, reset a second factor).

use clap::Subcommand;
use domain::{Role, TenantCode};
use services::AppState;
use services::control::{self, NewUser};

use super::{explain, open, read_secret};
use crate::config::Config;

#[derive(Subcommand, Debug)]
pub(super) enum UserCommand {
    /// Create a user (or add a role to an existing one). The password is read from the first
    /// line of standard input, or from ATELIER_NEW_USER_PASSWORD.
    Create {
        #[arg(long)]
        email: String,
        /// Display name (for a new user).
        #[arg(long)]
        name: Option<String>,
        /// Tenant code to grant the role in.
        #[arg(long)]
        tenant: String,
        /// admin, manager, accountant, technician or auditor.
        #[arg(long)]
        role: String,
    },
    /// Disable an account everywhere; all its sessions end at once.
    Disable { email: String },
    /// Enable a disabled account again.
    Enable { email: String },
    /// Lift a lockout after repeated failed sign-ins.
    Unlock { email: String },
    /// Remove an account's second factor (the user sets up a new one).
    ResetSecondFactor { email: String },
}

/// The account an administrative command acts on.
pub(super) async fn account(state: &AppState, email: &str) -> Result<services::control::UserRecord, String> {
    let email = domain::Email::parse(email).map_err(|e| format!("email: {e}"))?;
    control::find_user_by_email(state, &email).await.map_err(explain)?.ok_or_else(|| format!("no account {email}"))
}

pub(super) async fn run(command: UserCommand, config: &Config) -> Result<(), String> {
    let state = open(config).await?;
    let meta = services::audit::RequestMeta::new(None, Some("atelier command line"), None);
    let result = match command {
        UserCommand::Create { email, name, tenant, role } => create_user(&state, email, name, tenant, role).await,
        UserCommand::Disable { email } => match account(&state, &email).await {
            Ok(user) => services::auth::account::disable(&state, &meta, &user.id)
                .await
                .map(|ended| println!("{email} disabled; {ended} session(s) ended"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        UserCommand::Enable { email } => match account(&state, &email).await {
            Ok(user) => services::auth::account::enable(&state, &user.id)
                .await
                .map(|()| println!("{email} enabled"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        UserCommand::Unlock { email } => match account(&state, &email).await {
            Ok(user) => services::members::unlock_account(&state, &meta, &user)
                .await
                .map(|()| println!("{email} unlocked"))
                .map_err(explain),
            Err(e) => Err(e),
        },
        UserCommand::ResetSecondFactor { email } => match account(&state, &email).await {
            Ok(user) => services::members::reset_account_second_factor(&state, &meta, &user)
                .await
                .map(|()| println!("{email}: second factor removed"))
                .map_err(explain),
            Err(e) => Err(e),
        },
    };
    state.close().await;
    result
}

async fn create_user(
    state: &AppState,
    email: String,
    name: Option<String>,
    tenant: String,
    role: String,
) -> Result<(), String> {
    let tenant = TenantCode::parse(&tenant).map_err(|e| format!("tenant: {e}"))?;
    let role = Role::parse(&role).map_err(|e| format!("role: {e}"))?;
    let parsed_email = domain::Email::parse(&email).map_err(|e| format!("email: {e}"))?;
    let user = match control::find_user_by_email(state, &parsed_email).await.map_err(explain)? {
        Some(existing) => existing,
        None => {
            let name = name.ok_or("name: required for a new user")?;
            let new = NewUser::parse(&email, &name, &read_secret("ATELIER_NEW_USER_PASSWORD", "password")?)
                .map_err(|e| explain(e.into()))?;
            control::create_user(state, new).await.map_err(explain)?
        }
    };
    control::add_membership(state, &user.id, &tenant, role).await.map_err(explain)?;
    println!("{} is {} in {}", user.email, role.as_str(), tenant);
    Ok(())
}
