//! Signing in: the password check, the second step, and entering (A4, A5, A7, A16). Failed
//! attempts and the lockout they lead to are counted in `attempts`.

use domain::{AuditKind, Email, lockout};

use super::password::Password;
use super::second_factor::{self, Passed};
use super::{attempts, session};
use crate::audit::{self, Event, RequestMeta};
use crate::control::{MembershipRecord, UserRecord, repo};
use crate::governance::mode;
use crate::{AppError, AppResult, AppState};

#[derive(Clone, Debug)]
pub struct Authenticated {
    pub user: UserRecord,
    pub memberships: Vec<MembershipRecord>,
}

/// What a user whose password was right must do before entering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    Enter,
    /// Give a code of their second factor.
    SecondFactor,
    /// Set up a second factor: one of their companies requires it for their role.
    Enrol,
}

/// Checks an e-mail and password. An unknown e-mail, a malformed one and a wrong password all
/// give `InvalidCredentials` after the same amount of hashing work (A5). Only once the password
/// is proven does the answer say more (locked or disabled account, suspended tenant).
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    state: &AppState,
    meta: &RequestMeta,
    email: &str,
    password: &str,
) -> AppResult<Authenticated> {
    if meta.throttled {
        return Err(AppError::TooManyAttempts);
    }
    let user = match Email::parse(email) {
        Ok(email) => repo::find_user_by_email(state.control.pool(), email.as_str()).await?,
        Err(_) => None,
    };
    // Demo accounts only exist, as far as login is concerned, in demo mode.
    let user = user.filter(|u| !u.is_demo || state.settings.demo);
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let valid = state.hashing.verify(Password::attempt(password), stored).await?;
    let now = state.clock.now_ms();
    let failed = Event::new(AuditKind::LoginFailed).subject(email.trim());
    let user = match user {
        Some(user) if valid => user,
        Some(user) => {
            audit::record(state, meta, failed.user(&user.id).detail("password")).await?;
            attempts::record_failure(state, meta, &user, now).await?;
            return Err(AppError::InvalidCredentials);
        }
        None => {
            audit::record(state, meta, failed.detail("unknown-account")).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    // A4: a locked account says so only to whoever knows its password; failures keep counting.
    if lockout::is_locked(user.locked_until_ms, now) {
        audit::record(state, meta, failed.user(&user.id).detail("locked")).await?;
        return Err(AppError::AccountLocked);
    }
    if user.disabled_at_ms.is_some() {
        audit::record(state, meta, failed.user(&user.id).detail("disabled")).await?;
        return Err(AppError::AccountDisabled);
    }
    let memberships = repo::memberships_of(state.control.pool(), &user.id).await?;
    if !memberships.iter().any(is_open) {
        audit::record(state, meta, failed.user(&user.id).detail("no-active-company")).await?;
        return Err(match memberships.iter().find(|m| m.tenant_status == domain::TenantStatus::Active.as_str()) {
            // Active, but an emergency mode keeps this member's role out: they are told why.
            Some(m) => match mode::of_membership(m)?.closed_to(membership_role(m)?) {
                Some(closed) => mode::closed(closed),
                None => AppError::Internal("an open membership was not found open".into()),
            },
            None => match memberships.first() {
                Some(m) => AppError::TenantSuspended { reason: m.suspended_reason.clone() },
                None => AppError::Forbidden,
            },
        });
    }
    Ok(Authenticated { user, memberships })
}

/// After the password: a code if the user has a second factor, enrolment if one of their
/// companies requires one, else nothing.
pub async fn next_step(state: &AppState, user_id: &str) -> AppResult<NextStep> {
    if second_factor::is_enabled(state, user_id).await? {
        Ok(NextStep::SecondFactor)
    } else if second_factor::is_required(state, user_id).await? {
        Ok(NextStep::Enrol)
    } else {
        Ok(NextStep::Enter)
    }
}

/// The second step: a TOTP or recovery code. Wrong codes count towards the lockout (A16).
pub async fn second_step(state: &AppState, meta: &RequestMeta, user_id: &str, code: &str) -> AppResult<Passed> {
    if meta.throttled {
        return Err(AppError::TooManyAttempts);
    }
    let now = state.clock.now_ms();
    let user = repo::get_user(state.control.pool(), user_id).await?.ok_or(AppError::Unauthenticated)?;
    if lockout::is_locked(user.locked_until_ms, now) {
        return Err(AppError::AccountLocked);
    }
    match second_factor::verify(state, user_id, code).await {
        Ok(passed) => {
            if passed == Passed::RecoveryCode {
                audit::record(state, meta, Event::new(AuditKind::RecoveryCodeUsed).user(user_id)).await?;
            } else {
                audit::record(state, meta, Event::new(AuditKind::SecondFactorUsed).user(user_id)).await?;
            }
            Ok(passed)
        }
        Err(AppError::SecondFactorInvalid) => {
            audit::record(state, meta, Event::new(AuditKind::SecondFactorFailed).user(user_id)).await?;
            attempts::record_failure(state, meta, &user, now).await?;
            Err(AppError::SecondFactorInvalid)
        }
        Err(other) => Err(other),
    }
}

/// The user is in: failures are forgotten and the login recorded.
async fn succeeded(state: &AppState, meta: &RequestMeta, user_id: &str, how: &str) -> AppResult<()> {
    let now = state.clock.now_ms();
    repo::clear_login_failures(state.control.pool(), user_id).await?;
    repo::set_last_login(state.control.pool(), user_id, now).await?;
    audit::record(state, meta, Event::new(AuditKind::LoginSucceeded).user(user_id).detail(how)).await
}

/// Whether the member may enter this company now: it is active, and no emergency mode keeps
/// their role out (a stored value that breaks its rules counts as closed).
pub fn is_open(m: &MembershipRecord) -> bool {
    m.tenant_status == domain::TenantStatus::Active.as_str()
        && matches!((mode::of_membership(m), membership_role(m)), (Ok(modes), Ok(role)) if modes.closed_to(role).is_none())
}

fn membership_role(m: &MembershipRecord) -> AppResult<domain::Role> {
    domain::Role::parse(&m.role).map_err(|_| AppError::corrupt("memberships.role", &m.role))
}

/// The memberships of a signed-in user, for the tenant picker.
pub async fn memberships(state: &AppState, user_id: &str) -> AppResult<Vec<MembershipRecord>> {
    Ok(repo::memberships_of(state.control.pool(), user_id).await?)
}

/// The tenant to enter right after login: the only active membership, if there is one.
/// With several, the user picks.
pub fn default_tenant(memberships: &[MembershipRecord]) -> Option<&str> {
    let mut active = memberships.iter().filter(|m| is_open(m));
    match (active.next(), active.next()) {
        (Some(only), None) => Some(&only.tenant_code),
        _ => None,
    }
}

/// How a sign-in chooses the company to enter.
#[derive(Clone, Copy, Debug)]
pub enum Entry<'a> {
    /// With a password (and a second factor): the user's only active company, or the picker.
    Password,
    /// Through a company's identity provider: that company, and no other for this session (A23).
    Provider { tenant: &'a str },
}

/// Lets a user in once every step of signing in is passed, whichever way they signed in: a new
/// session id (A7), past failures forgotten, the sign-in audited with `how`, and a company
/// entered. Returns where the browser goes next: `next` (when safe), home, or the picker.
pub async fn enter(
    state: &AppState,
    meta: &RequestMeta,
    session: &tower_sessions::Session,
    (user_id, how): (&str, &str),
    entry: Entry<'_>,
    next: Option<&str>,
) -> AppResult<String> {
    session::sign_in(session, user_id, state.clock.now_ms(), meta).await?;
    succeeded(state, meta, user_id, how).await?;
    let tenant = match entry {
        Entry::Provider { tenant } => {
            session::set_provider_tenant(session, tenant).await?;
            Some(tenant.to_owned())
        }
        Entry::Password => default_tenant(&memberships(state, user_id).await?).map(str::to_owned),
    };
    match tenant {
        Some(tenant) => {
            session::set_tenant(session, &tenant).await?;
            Ok(domain::nav::safe_next(next).unwrap_or_else(|| "/".to_owned()))
        }
        None => Ok("/select-tenant".to_owned()),
    }
}

/// After a right password: straight in, or to the second step the user owes (a new session id
/// holding only that, A7, A11). Returns where the browser goes.
pub async fn after_password(
    state: &AppState,
    meta: &RequestMeta,
    session: &tower_sessions::Session,
    user_id: &str,
    next: Option<&str>,
) -> AppResult<String> {
    use super::current::{PendingStep, begin_pending};
    match next_step(state, user_id).await? {
        NextStep::Enter => enter(state, meta, session, (user_id, "password"), Entry::Password, next).await,
        NextStep::SecondFactor => {
            begin_pending(state, session, user_id, PendingStep::Code, next).await?;
            Ok("/login/second-factor".to_owned())
        }
        NextStep::Enrol => {
            begin_pending(state, session, user_id, PendingStep::Enrol, next).await?;
            Ok("/login/enrol".to_owned())
        }
    }
}

/// The second step of a session that owes a code: a right one lets the user in. Returns where
/// the browser goes.
pub async fn after_second_factor(
    state: &AppState,
    meta: &RequestMeta,
    session: &tower_sessions::Session,
    code: &str,
) -> AppResult<String> {
    use super::current::{PendingStep, pending};
    let pending = pending(state, session).await?.filter(|p| p.step == PendingStep::Code);
    let pending = pending.ok_or(AppError::Unauthenticated)?;
    let how = match second_step(state, meta, &pending.user_id, code).await? {
        Passed::RecoveryCode => "password+recovery-code",
        Passed::Totp => "password+totp",
    };
    enter(state, meta, session, (&pending.user_id, how), Entry::Password, pending.next.as_deref()).await
}

/// Turns a second factor on with its first right code, audited; during a sign-in that owed the
/// enrolment this also lets the user in. Returns the recovery codes, shown once.
pub async fn enrol(
    state: &AppState,
    meta: &RequestMeta,
    session: &tower_sessions::Session,
    user: &UserRecord,
    code: &str,
    at_login: bool,
) -> AppResult<Vec<String>> {
    let codes = second_factor::confirm(state, user, code).await?;
    audit::record(state, meta, Event::new(AuditKind::SecondFactorEnrolled).user(&user.id)).await?;
    if at_login {
        let next = super::current::pending(state, session).await?.and_then(|p| p.next);
        let how = "password+enrolment";
        enter(state, meta, session, (&user.id, how), Entry::Password, next.as_deref()).await?;
    }
    Ok(codes)
}
