//! TOTP two-factor authentication (RFC 6238) and recovery codes (A13–A17).

pub mod repo;
mod totp;

pub use totp::matching_step;
use totp::totp;

use domain::AuditKind;
use domain::second_factor::{self as rules, SecondFactorInput};
use rand::Rng;
use sha2::{Digest, Sha256};

use crate::audit::{self, Event};
use crate::control::UserRecord;
use crate::{AppError, AppResult, AppState};

/// What the user sees while enrolling: the QR code, and the same secret as text.
#[derive(Clone, Debug)]
pub struct Enrolment {
    pub secret_base32: String,
    pub otpauth_url: String,
    /// An SVG image of `otpauth_url`.
    pub qr_svg: String,
}

#[derive(Clone, Debug)]
pub struct Status {
    pub enabled_since_ms: Option<i64>,
    pub recovery_codes_left: i64,
    pub enrolling: Option<Enrolment>,
}

/// How a sign-in's second step was passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passed {
    Totp,
    RecoveryCode,
}

fn hash_recovery_code(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..rules::RECOVERY_CODE_COUNT)
        .map(|_| {
            (0..rules::RECOVERY_LEN)
                .map(|_| char::from(rules::RECOVERY_ALPHABET[rng.gen_range(0..rules::RECOVERY_ALPHABET.len())]))
                .collect()
        })
        .collect()
}

fn enrolment(state: &AppState, user: &UserRecord, sealed: &str) -> AppResult<Enrolment> {
    let secret = state.settings.secret_key.open(&user.id, sealed)?;
    let totp = totp(secret, &user.email)?;
    let otpauth_url = totp.get_url();
    let qr = qrcode::QrCode::new(otpauth_url.as_bytes()).map_err(|e| AppError::Internal(format!("qr: {e}")))?;
    let qr_svg = qr.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build();
    Ok(Enrolment { secret_base32: totp.get_secret_base32(), otpauth_url, qr_svg })
}

pub async fn status(state: &AppState, user: &UserRecord) -> AppResult<Status> {
    let pool = state.control.pool();
    let row = repo::get(pool, &user.id).await?;
    let enrolling = match &row {
        Some(r) if r.confirmed_at_ms.is_none() => Some(enrolment(state, user, &r.secret_sealed)?),
        _ => None,
    };
    Ok(Status {
        enabled_since_ms: row.and_then(|r| r.confirmed_at_ms),
        recovery_codes_left: repo::count_unused_codes(pool, &user.id).await?,
        enrolling,
    })
}

pub async fn is_enabled(state: &AppState, user_id: &str) -> AppResult<bool> {
    Ok(repo::get(state.control.pool(), user_id).await?.is_some_and(|r| r.confirmed_at_ms.is_some()))
}

/// Whether one of the user's companies requires a second factor for the role held there.
pub async fn is_required(state: &AppState, user_id: &str) -> AppResult<bool> {
    let rows = repo::required_roles_of(state.control.pool(), user_id).await?;
    Ok(rows.iter().any(|(role, required)| domain::sign_in_rules::SignInRules::requires_second_factor(required, role)))
}

/// Draws a new secret for the user to scan. Refused while a second factor is on.
pub async fn begin(state: &AppState, user: &UserRecord) -> AppResult<Enrolment> {
    let mut secret = [0u8; rules::SECRET_BYTES];
    rand::rngs::OsRng.fill(&mut secret);
    let sealed = state.settings.secret_key.seal(&user.id, &secret)?;
    if !repo::put_pending(state.control.pool(), &user.id, &sealed, state.clock.now_ms()).await? {
        return Err(AppError::Conflict("second-factor-already-on"));
    }
    enrolment(state, user, &sealed)
}

/// Starts enrolling from a page: with the password checked again (A12, A24), unless the user
/// has just given it while signing in (`password` None).
pub async fn begin_with(
    state: &AppState,
    meta: &crate::audit::RequestMeta,
    user: &UserRecord,
    password: Option<&str>,
) -> AppResult<()> {
    if let Some(password) = password {
        super::attempts::reauthenticate(state, meta, user, password, "password").await?;
    }
    begin(state, user).await.map(|_| ())
}

/// Turns the second factor on once the user proves their app shows the right code; returns
/// the recovery codes, which are shown this once and stored only hashed.
pub async fn confirm(state: &AppState, user: &UserRecord, code: &str) -> AppResult<Vec<String>> {
    let Ok(SecondFactorInput::Totp(code)) = SecondFactorInput::parse(code) else {
        return Err(AppError::field("code", "invalid-code"));
    };
    let now = state.clock.now_ms();
    let row = repo::get(state.control.pool(), &user.id).await?;
    let Some(row) = row.filter(|r| r.confirmed_at_ms.is_none()) else {
        return Err(AppError::Conflict("second-factor-not-enrolling"));
    };
    let secret = state.settings.secret_key.open(&user.id, &row.secret_sealed)?;
    let step = matching_step(&secret, &code, now, None).ok_or_else(|| AppError::field("code", "wrong-code"))?;
    let mut tx = state.control.begin_write().await?;
    if !repo::confirm(&mut *tx, &user.id, step, now).await? {
        return Err(AppError::Conflict("second-factor-already-on"));
    }
    let codes = store_new_recovery_codes(&mut tx, &user.id).await?;
    tx.commit().await?;
    Ok(codes)
}

async fn store_new_recovery_codes(tx: &mut crate::db::WriteTx, user_id: &str) -> AppResult<Vec<String>> {
    repo::delete_recovery_codes(&mut **tx, user_id).await?;
    let codes = new_recovery_codes();
    for code in &codes {
        repo::insert_recovery_code(&mut **tx, user_id, &hash_recovery_code(code)).await?;
    }
    Ok(codes.iter().map(|c| rules::display_recovery_code(c)).collect())
}

/// Checks a code or a recovery code for a user whose second factor is on. A wrong one is
/// `SecondFactorInvalid`; the caller counts it towards the lockout (A16).
pub async fn verify(state: &AppState, user_id: &str, raw: &str) -> AppResult<Passed> {
    let now = state.clock.now_ms();
    let pool = state.control.pool();
    let input = SecondFactorInput::parse(raw).map_err(|_| AppError::SecondFactorInvalid)?;
    let row = repo::get(pool, user_id).await?.filter(|r| r.confirmed_at_ms.is_some());
    let Some(row) = row else { return Err(AppError::SecondFactorInvalid) };
    match input {
        SecondFactorInput::Totp(code) => {
            let secret = state.settings.secret_key.open(user_id, &row.secret_sealed)?;
            let step = matching_step(&secret, &code, now, row.last_step).ok_or(AppError::SecondFactorInvalid)?;
            // A concurrent request may have used this step (or a later one) in the meantime.
            if repo::advance_step(pool, user_id, step).await? {
                Ok(Passed::Totp)
            } else {
                Err(AppError::SecondFactorInvalid)
            }
        }
        SecondFactorInput::Recovery(code) => {
            if repo::use_recovery_code(pool, user_id, &hash_recovery_code(&code), now).await? {
                Ok(Passed::RecoveryCode)
            } else {
                Err(AppError::SecondFactorInvalid)
            }
        }
    }
}

/// Turns the second factor off: needs the password and a current code (or a recovery code);
/// wrong ones count towards the lockout like at sign-in (A24).
pub async fn disable(
    state: &AppState,
    meta: &crate::audit::RequestMeta,
    user: &UserRecord,
    password: &str,
    code: &str,
) -> AppResult<()> {
    super::attempts::reauthenticate(state, meta, user, password, "password").await?;
    match verify(state, &user.id, code).await {
        Ok(_) => {
            remove(state, &user.id).await?;
            audit::record(state, meta, Event::new(AuditKind::SecondFactorDisabled).user(&user.id)).await
        }
        Err(AppError::SecondFactorInvalid) => {
            super::attempts::wrong_code(state, meta, user).await?;
            Err(AppError::field("code", "wrong-code"))
        }
        Err(other) => Err(other),
    }
}

/// An admin's reset, or the end of `disable`: the user enrols again from scratch.
pub async fn remove(state: &AppState, user_id: &str) -> AppResult<()> {
    let mut tx = state.control.begin_write().await?;
    repo::delete(&mut *tx, user_id).await?;
    repo::delete_recovery_codes(&mut *tx, user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// A new set of recovery codes; the old set stops working (A17).
pub async fn regenerate_recovery_codes(
    state: &AppState,
    meta: &crate::audit::RequestMeta,
    user: &UserRecord,
    password: &str,
) -> AppResult<Vec<String>> {
    super::attempts::reauthenticate(state, meta, user, password, "password").await?;
    if !is_enabled(state, &user.id).await? {
        return Err(AppError::Conflict("second-factor-off"));
    }
    let mut tx = state.control.begin_write().await?;
    let codes = store_new_recovery_codes(&mut tx, &user.id).await?;
    tx.commit().await?;
    audit::record(state, meta, Event::new(AuditKind::RecoveryCodesRegenerated).user(&user.id)).await?;
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a17_recovery_codes_are_ten_distinct_and_well_formed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        for code in &codes {
            assert_eq!(
                SecondFactorInput::parse(&rules::display_recovery_code(code)),
                Ok(SecondFactorInput::Recovery(code.clone()))
            );
        }
    }
}
