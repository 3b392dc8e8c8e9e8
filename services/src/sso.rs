//! OpenID Connect single sign-on (A19–A23): authorization code flow with PKCE S256, state and
//! nonce bound to the browser session and used once, exact issuer and audience, a fixed list of
//! asymmetric signature algorithms.

mod callback;
pub mod repo;

pub use callback::finish;

use domain::{Role, TenantCode};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm as Alg, CoreProviderMetadata};
use openidconnect::{
    ClientId, ClientSecret, CsrfToken, DiscoveryError, IssuerUrl, Nonce, PkceCodeChallenge, RedirectUrl, Scope,
};
use serde::{Deserialize, Serialize};

use crate::control::repo as control_repo;
use crate::{AppError, AppResult, AppState};

/// Only asymmetric algorithms: an HS256 token "signed" with the client secret, or `none`, is
/// refused (A22).
const ALLOWED_ALGS: [Alg; 7] = [
    Alg::RsaSsaPkcs1V15Sha256,
    Alg::RsaSsaPkcs1V15Sha384,
    Alg::RsaSsaPkcs1V15Sha512,
    Alg::RsaSsaPssSha256,
    Alg::RsaSsaPssSha384,
    Alg::EcdsaP256Sha256,
    Alg::EcdsaP384Sha384,
];
/// Clock skew tolerated on `iat` (A21).
const LEEWAY_SECONDS: i64 = 60;
const FUTURE_IAT: &str = "iat is in the future";
/// A sign-in must come back from the provider within this time.
pub const PENDING_TTL_MS: i64 = 10 * 60_000;

/// What a company's login page offers.
#[derive(Clone, Debug)]
pub struct ProviderSummary {
    pub id: String,
    pub tenant_code: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
}

/// A sign-in sent to a provider and not back yet, kept in the browser's session (A19).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingSso {
    pub provider_id: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub started_at_ms: i64,
    pub next: Option<String>,
}

/// Who signed in, and into which company only.
#[derive(Clone, Debug)]
pub struct SsoLogin {
    pub user_id: String,
    pub tenant_code: String,
    pub label: String,
}

fn refused(reason: &'static str) -> AppError {
    AppError::SsoRefused(reason)
}

/// Registers a provider for a company (admin command line).
pub async fn add_provider(
    state: &AppState,
    tenant: &TenantCode,
    label: &str,
    issuer: &str,
    client_id: &str,
    client_secret: &str,
) -> AppResult<ProviderSummary> {
    let mut errors = domain::ValidationErrors::new();
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 60 {
        errors.add("label", if label.is_empty() { "required" } else { "too-long" });
    }
    let issuer_ok = IssuerUrl::new(issuer.trim().to_owned())
        .ok()
        .filter(|u| u.url().scheme() == "https" || matches!(u.url().host_str(), Some("127.0.0.1" | "localhost")));
    if issuer_ok.is_none() {
        errors.add("issuer", "invalid-issuer");
    }
    if client_id.trim().is_empty() {
        errors.add("client_id", "required");
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    control_repo::get_tenant(state.control.pool(), tenant).await?.ok_or(AppError::NotFound)?;
    let id = uuid::Uuid::new_v4().to_string();
    let row = repo::ProviderRow {
        client_secret_sealed: state.settings.secret_key.seal(&id, client_secret.as_bytes())?,
        id,
        tenant_code: tenant.as_str().to_owned(),
        label: label.to_owned(),
        issuer: issuer.trim().to_owned(),
        client_id: client_id.trim().to_owned(),
        created_at_ms: state.clock.now_ms(),
    };
    repo::insert(state.control.pool(), &row).await?;
    Ok(summary(row))
}

fn summary(row: repo::ProviderRow) -> ProviderSummary {
    ProviderSummary {
        id: row.id,
        tenant_code: row.tenant_code,
        label: row.label,
        issuer: row.issuer,
        client_id: row.client_id,
    }
}

pub async fn providers_of(state: &AppState, tenant: &str) -> AppResult<Vec<ProviderSummary>> {
    Ok(repo::of_tenant(state.control.pool(), tenant).await?.into_iter().map(summary).collect())
}

pub async fn all_providers(state: &AppState) -> AppResult<Vec<ProviderSummary>> {
    Ok(repo::all(state.control.pool()).await?.into_iter().map(summary).collect())
}

pub async fn remove_provider(state: &AppState, id: &str) -> AppResult<()> {
    if repo::delete(state.control.pool(), id).await? == 0 { Err(AppError::NotFound) } else { Ok(()) }
}

/// Whether unknown identities may be linked by verified e-mail, or get an account (with `role`).
pub async fn set_account_rules(
    state: &AppState,
    tenant: &TenantCode,
    link: bool,
    create: bool,
    role: Role,
) -> AppResult<()> {
    control_repo::get_tenant(state.control.pool(), tenant).await?.ok_or(AppError::NotFound)?;
    Ok(repo::set_settings(state.control.pool(), tenant.as_str(), link, create, role.as_str()).await?)
}

fn http_client() -> AppResult<openidconnect::reqwest::Client> {
    // Never follow redirects: a provider could point us anywhere (SSRF).
    openidconnect::reqwest::Client::builder()
        .redirect(openidconnect::reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .map_err(|e| AppError::Internal(format!("http client: {e}")))
}

/// The provider's discovery document, whose `issuer` must be exactly the configured one (A20).
async fn discover(provider: &repo::ProviderRow) -> AppResult<CoreProviderMetadata> {
    let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(|_| refused("sso-provider-unreachable"))?;
    CoreProviderMetadata::discover_async(issuer, &http_client()?).await.map_err(|e| match e {
        DiscoveryError::Validation(_) => refused("sso-issuer-mismatch"),
        other => {
            tracing::warn!(error = %other, issuer = provider.issuer, "OpenID discovery failed");
            refused("sso-provider-unreachable")
        }
    })
}

async fn active_provider(state: &AppState, provider_id: &str) -> AppResult<repo::ProviderRow> {
    let provider = repo::get(state.control.pool(), provider_id).await?.ok_or(AppError::NotFound)?;
    let code = TenantCode::parse(&provider.tenant_code).map_err(|_| AppError::NotFound)?;
    let tenant = control_repo::get_tenant(state.control.pool(), &code).await?.ok_or(AppError::NotFound)?;
    if !tenant.is_active() {
        return Err(AppError::TenantSuspended { reason: tenant.suspended_reason });
    }
    Ok(provider)
}

fn client(
    state: &AppState,
    provider: &repo::ProviderRow,
    metadata: CoreProviderMetadata,
    redirect: &str,
) -> AppResult<
    CoreClient<
        openidconnect::EndpointSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointNotSet,
        openidconnect::EndpointMaybeSet,
        openidconnect::EndpointMaybeSet,
    >,
> {
    let secret = String::from_utf8(state.settings.secret_key.open(&provider.id, &provider.client_secret_sealed)?)
        .map_err(|_| AppError::Internal("client secret is not text".into()))?;
    let redirect =
        RedirectUrl::new(redirect.to_owned()).map_err(|e| AppError::Internal(format!("redirect URL: {e}")))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(secret)),
    )
    .set_redirect_uri(redirect))
}

/// Where to send the browser, and what its session must remember until it comes back.
pub async fn start(
    state: &AppState,
    provider_id: &str,
    redirect: &str,
    next: Option<String>,
) -> AppResult<(String, PendingSso)> {
    let provider = active_provider(state, provider_id).await?;
    let client = client(state, &provider, discover(&provider).await?, redirect)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = PendingSso {
        provider_id: provider.id,
        state: csrf.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
        started_at_ms: state.clock.now_ms(),
        next,
    };
    Ok((url.to_string(), pending))
}
