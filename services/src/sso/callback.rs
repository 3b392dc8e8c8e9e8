//! The browser back from the provider: the state and nonce bound to its session, the code
//! exchanged with PKCE, the ID token checked (A19–A22), and the company's account found, linked
//! or created (A23).

use domain::{AuditKind, Email, Role, TenantCode};
use openidconnect::{
    AuthorizationCode, ClaimsVerificationError, Nonce, PkceCodeVerifier, SignatureVerificationError, TokenResponse,
};
use subtle::ConstantTimeEq;

use super::{
    ALLOWED_ALGS, FUTURE_IAT, LEEWAY_SECONDS, PENDING_TTL_MS, PendingSso, SsoLogin, active_provider, client, discover,
    http_client, refused, repo,
};
use crate::audit::{self, Event, RequestMeta};
use crate::control::{self, repo as control_repo};
use crate::{AppError, AppResult, AppState};

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
            let role = Role::parse(&role).map_err(|_| AppError::corrupt("sso_settings.role", &role))?;
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
