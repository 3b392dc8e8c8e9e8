//! The REST API's tokens: created and revoked by a company's admins in the console, presented
//! by scripts as `Authorization: Bearer …`. Only a token's SHA-256 is stored, compared in
//! constant time; a token then acts as the admin who created it, resolved as a session is (a
//! disabled admin, a removed membership, a suspended company or a mode that keeps admins out
//! stops their tokens too), within the token's scope.

mod repo;

use base64::Engine;
use domain::governance::api_tokens::{
    self as rules, NewToken, TokenRefusal, TokenScope, TokenStatus, TokenView, TokensPage,
};
use domain::{AuditKind, Permission};
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::audit::{self, Event, RequestMeta};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

/// Tokens a console page lists (the newest).
const LISTED: i64 = 200;

/// A REST API call's caller: the token's company and creator, and what the token may do.
#[derive(Clone, Debug)]
pub struct Caller {
    pub scope: TenantScope,
    pub token: TokenScope,
}

impl Caller {
    /// Both the token's scope and its creator's role must allow `permission`.
    pub fn require(&self, permission: Permission) -> AppResult<()> {
        if !self.token.permits(permission) {
            return Err(AppError::TokenScope);
        }
        self.scope.require(permission)
    }
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn parse_scope(stored: &str) -> AppResult<TokenScope> {
    TokenScope::parse(stored).map_err(|_| AppError::corrupt("api_tokens.scope", stored))
}

/// The caller a request's `Authorization` header names.
pub async fn authenticate(state: &AppState, authorization: Option<&str>) -> AppResult<Caller> {
    let refused = |why| Err(AppError::TokenRefused(why));
    let Some(header) = authorization else { return refused(TokenRefusal::Missing) };
    // The scheme's name is case-insensitive (RFC 9110, 11.1).
    let presented = match header.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => "",
    };
    let Some(id) = rules::presented_id(presented) else { return refused(TokenRefusal::Invalid) };
    let Some(row) = repo::get(state.control.pool(), id).await? else { return refused(TokenRefusal::Invalid) };
    if !bool::from(hash(presented).as_bytes().ct_eq(row.secret_sha256.as_bytes())) {
        return refused(TokenRefusal::Invalid);
    }
    let now = state.clock.now_ms();
    if let Some(why) = TokenStatus::of(row.expires_at_ms, row.revoked_at_ms, now).refusal() {
        return refused(why);
    }
    let scope = match TenantScope::resolve(state, &row.created_by, &row.tenant_code).await {
        Err(AppError::Unauthenticated) => return refused(TokenRefusal::OwnerGone),
        other => other?,
    };
    if row.last_used_at_ms.is_none_or(|at| now - at >= rules::LAST_USE_GRANULARITY_MS) {
        let mut tx = state.control.begin_write().await?;
        repo::touch(&mut *tx, &row.id, now, now - rules::LAST_USE_GRANULARITY_MS).await?;
        tx.commit().await?;
    }
    Ok(Caller { token: parse_scope(&row.scope)?, scope })
}

/// The company's tokens for its console.
pub async fn page(state: &AppState, scope: &TenantScope) -> AppResult<TokensPage> {
    scope.require(Permission::GovernanceRead)?;
    let now = state.clock.now_ms();
    let rows = repo::of_tenant(state.control.pool(), &scope.tenant.code, LISTED).await?;
    let mut tokens = Vec::with_capacity(rows.len());
    for row in rows {
        tokens.push(TokenView {
            scope: parse_scope(&row.scope)?,
            status: TokenStatus::of(row.expires_at_ms, row.revoked_at_ms, now),
            created_at_local_ms: scope.local_ms(row.created_at_ms),
            expires_at_local_ms: scope.local_ms(row.expires_at_ms),
            last_used_local_ms: row.last_used_at_ms.map(|at| scope.local_ms(at)),
            revoked_at_local_ms: row.revoked_at_ms.map(|at| scope.local_ms(at)),
            id: row.id,
            name: row.name,
            created_by: row.created_by,
            revoked_by: row.revoked_by,
        });
    }
    let active = tokens.iter().filter(|t| t.status == TokenStatus::Active).count();
    Ok(TokensPage { tokens, can_manage: scope.allows(Permission::GovernanceTokens), room: active < rules::ACTIVE_MAX })
}

/// Creates a token acting as the admin creating it; the token is returned once and never kept.
pub async fn create(state: &AppState, meta: &RequestMeta, scope: &TenantScope, new: &NewToken) -> AppResult<String> {
    scope.require(Permission::GovernanceTokens)?;
    let now = state.clock.now_ms();
    let id = uuid::Uuid::new_v4().simple().to_string();
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let token = rules::compose(&id, &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret));
    let mut tx = state.control.begin_write().await?;
    if repo::count_active(&mut *tx, &scope.tenant.code, now).await? >= rules::ACTIVE_MAX as i64 {
        return Err(AppError::Conflict("api-tokens-full"));
    }
    let row = repo::NewRow {
        id: &id,
        tenant_code: &scope.tenant.code,
        name: &new.name,
        scope: new.scope.as_str(),
        secret_sha256: &hash(&token),
        created_by: &scope.user.id,
        created_at_ms: now,
        expires_at_ms: new.expires_at_ms(now),
    };
    repo::insert(&mut *tx, &row).await?;
    tx.commit().await?;
    let detail = format!("{} \"{}\" ({}, {} days)", id, new.name, new.scope.as_str(), new.days);
    let event = Event::new(AuditKind::ApiTokenCreated).tenant(&scope.tenant.code).user(&scope.user.id);
    audit::record(state, meta, event.detail(detail)).await?;
    Ok(token)
}

/// Revokes one of the company's tokens at once. Revoking a revoked token changes nothing.
pub async fn revoke(state: &AppState, meta: &RequestMeta, scope: &TenantScope, id: &str) -> AppResult<()> {
    scope.require(Permission::GovernanceTokens)?;
    let mut tx = state.control.begin_write().await?;
    let revoked = repo::revoke(&mut *tx, &scope.tenant.code, id, &scope.user.id, state.clock.now_ms()).await?;
    if !revoked && !repo::exists(&mut *tx, &scope.tenant.code, id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    if revoked {
        let event = Event::new(AuditKind::ApiTokenRevoked).tenant(&scope.tenant.code).user(&scope.user.id);
        audit::record(state, meta, event.detail(id)).await?;
    }
    Ok(())
}
