//! OpenID Connect single sign-on (A19–A23): authorization code flow with PKCE S256, state and
//! nonce bound to the browser session and used once, exact issuer and audience, a fixed list of
//! asymmetric signature algorithms.

pub mod repo;

use domain::{AuditKind, Email, Role, TenantCode};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreJwsSigningAlgorithm as Alg, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken, DiscoveryError, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError, TokenResponse,
};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::audit::{self, Event, RequestMeta};
use crate::control::{self, repo as control_repo};
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

/// Finishes a sign-in that came back from the provider. `pending` is what this browser's session
/// held (already removed from it: single use); a callback without one, or whose `state` differs,
/// is refused (A19). Every refusal is audited with its reason.
pub async fn finish(
    state: &AppState,
    meta: &RequestMeta,
    pending: Option<PendingSso>,
    code: &str,
    returned_state: &str,
    redirect: &str,
) -> AppResult<SsoLogin> {
    let tenant = match &pending {
        Some(p) => repo::get(state.control.pool(), &p.provider_id).await?.map(|r| r.tenant_code),
        None => None,
    };
    let outcome = finish_inner(state, meta, pending, code, returned_state, redirect).await;
    if let Err(error) = &outcome {
        let mut event = Event::new(AuditKind::LoginFailed).detail(error.code());
        if let Some(tenant) = &tenant {
            event = event.tenant(tenant);
        }
        audit::record(state, meta, event).await?;
    }
    outcome
}

async fn finish_inner(
    state: &AppState,
    meta: &RequestMeta,
    pending: Option<PendingSso>,
    code: &str,
    returned_state: &str,
    redirect: &str,
) -> AppResult<SsoLogin> {
    let now = state.clock.now_ms();
    let pending = pending.ok_or_else(|| refused("sso-no-pending-sign-in"))?;
    if !bool::from(pending.state.as_bytes().ct_eq(returned_state.as_bytes())) {
        return Err(refused("sso-state-mismatch"));
    }
    if now.saturating_sub(pending.started_at_ms) >= PENDING_TTL_MS {
        return Err(refused("sso-too-slow"));
    }
    let provider = active_provider(state, &pending.provider_id).await?;
    let client = client(state, &provider, discover(&provider).await?, redirect)?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_owned()))
        .map_err(|_| refused("sso-provider-unreachable"))?
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
        .request_async(&http_client()?)
        .await
        .map_err(|e| {
            tracing::warn!(error = %e, "OpenID token exchange failed");
            refused("sso-token-exchange")
        })?;
    let id_token = tokens.id_token().ok_or_else(|| refused("sso-no-id-token"))?;
    let clock = state.clock.clone();
    let now_utc = move || chrono::DateTime::from_timestamp_millis(clock.now_ms()).unwrap_or_default();
    let latest_iat = now_utc() + chrono::Duration::seconds(LEEWAY_SECONDS);
    let verifier = client
        .id_token_verifier()
        .set_allowed_algs(ALLOWED_ALGS)
        .set_time_fn(now_utc)
        .set_issue_time_verifier_fn(move |iat| if iat > latest_iat { Err(FUTURE_IAT.to_owned()) } else { Ok(()) });
    let claims = id_token.claims(&verifier, &Nonce::new(pending.nonce.clone())).map_err(|e| refused(reason(&e)))?;
    let subject = claims.subject().as_str().to_owned();
    let email = claims.email().map(|e| e.as_str().to_owned());
    let verified = claims.email_verified().unwrap_or(false);
    let name = claims.name().and_then(|n| n.get(None)).map(|n| n.as_str().to_owned());
    let user_id =
        account_for(state, meta, &provider, &subject, email.as_deref().filter(|_| verified), name, now).await?;
    Ok(SsoLogin { user_id, tenant_code: provider.tenant_code, label: provider.label })
}

/// The refusal reason of a failed ID token check, one per case (A20–A22).
fn reason(error: &ClaimsVerificationError) -> &'static str {
    match error {
        ClaimsVerificationError::InvalidIssuer(_) => "sso-bad-issuer",
        ClaimsVerificationError::InvalidAudience(_) => "sso-bad-audience",
        // The `iat` check reports through `Expired` too.
        ClaimsVerificationError::Expired(message) if message.contains(FUTURE_IAT) => "sso-bad-issue-time",
        ClaimsVerificationError::Expired(_) => "sso-expired-token",
        ClaimsVerificationError::InvalidNonce(_) => "sso-bad-nonce",
        ClaimsVerificationError::SignatureVerification(sig) => match sig {
            SignatureVerificationError::NoSignature => "sso-unsigned-token",
            SignatureVerificationError::DisallowedAlg(_) | SignatureVerificationError::UnsupportedAlg(_) => {
                "sso-disallowed-algorithm"
            }
            SignatureVerificationError::NoMatchingKey | SignatureVerificationError::AmbiguousKeyId(_) => {
                "sso-unknown-key"
            }
            _ => "sso-bad-signature",
        },
        _ => "sso-invalid-token",
    }
}

/// The account of an identity of this company's provider: known by (issuer, subject), else linked
/// by verified e-mail or created, when the company allows it (both off by default).
async fn account_for(
    state: &AppState,
    meta: &RequestMeta,
    provider: &repo::ProviderRow,
    subject: &str,
    verified_email: Option<&str>,
    name: Option<String>,
    now: i64,
) -> AppResult<String> {
    let pool = state.control.pool();
    let tenant = &provider.tenant_code;
    if let Some(user_id) = repo::identity(pool, tenant, &provider.issuer, subject).await? {
        return member(state, tenant, user_id).await;
    }
    let (link, create, role) = repo::settings(pool, tenant).await?;
    let email = verified_email.and_then(|e| Email::parse(e).ok());
    let existing = match &email {
        Some(email) => control_repo::find_user_by_email(pool, email.as_str()).await?,
        None => None,
    };
    let (user_id, kind) = match (existing, email) {
        (Some(user), Some(_)) if link => (member(state, tenant, user.id).await?, AuditKind::SsoLinked),
        (None, Some(email)) if create => {
            let role = Role::parse(&role).unwrap_or(Role::Technician);
            let display = name.unwrap_or_else(|| email.as_str().to_owned());
            let user = control::create_sso_user(state, &email, &display).await?;
            let code = TenantCode::parse(tenant).map_err(|_| AppError::NotFound)?;
            control::add_membership(state, &user.id, &code, role).await?;
            (user.id, AuditKind::SsoAccountCreated)
        }
        _ => return Err(refused("sso-no-account")),
    };
    repo::link(pool, tenant, &provider.issuer, subject, &user_id, now).await?;
    let event = Event::new(kind)
        .tenant(tenant)
        .user(&user_id)
        .subject(verified_email.unwrap_or_default())
        .detail(&provider.label);
    audit::record(state, meta, event).await?;
    Ok(user_id)
}

/// The user, if still an enabled member of the provider's company (A23: never another one).
async fn member(state: &AppState, tenant: &str, user_id: String) -> AppResult<String> {
    let user = control::user(state, &user_id).await.map_err(|_| refused("sso-account-disabled"))?;
    control_repo::membership(state.control.pool(), &user.id, tenant).await?.ok_or_else(|| refused("sso-no-account"))?;
    Ok(user.id)
}
