use super::*;

const ID: &str = "0123456789abcdef0123456789abcdef";
const SECRET: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-_01234";

#[test]
fn a_token_reads_back_its_id_and_nothing_else_passes() {
    assert_eq!(SECRET.len(), SECRET_LEN);
    let token = compose(ID, SECRET);
    assert_eq!(presented_id(&token), Some(ID));
    for bad in [
        "",
        "atl_",
        &format!("atl_{ID}"),
        &format!("xtl_{ID}_{SECRET}"),
        &format!("atl_{}_{SECRET}", ID.to_uppercase()),
        &format!("atl_{}_{SECRET}", &ID[1..]),
        &format!("atl_{ID}_{}", &SECRET[1..]),
        &format!("atl_{ID}_{}=", &SECRET[1..]),
        &format!("atl_{ID}_{SECRET} "),
        &format!("atl_{ID}_{}é", &SECRET[2..]),
    ] {
        assert_eq!(presented_id(bad), None, "{bad:?}");
    }
}

#[test]
fn a_read_token_reads_and_an_admin_token_governs_nothing_else() {
    assert!(TokenScope::Read.permits(Permission::GovernanceRead));
    assert!(!TokenScope::Read.permits(Permission::GovernanceModeSet));
    for p in [
        Permission::GovernanceRead,
        Permission::GovernanceModeSet,
        Permission::GovernanceFlags,
        Permission::GovernanceSecurity,
        Permission::GovernanceRetention,
    ] {
        assert!(TokenScope::Admin.permits(p), "{p:?}");
    }
    for p in [Permission::StockMove, Permission::UsersManage, Permission::AuditRead, Permission::GovernanceTokens] {
        assert!(!TokenScope::Admin.permits(p), "{p:?}");
        assert!(!TokenScope::Read.permits(p), "{p:?}");
    }
}

#[test]
fn status_is_revoked_then_expired_then_active() {
    assert_eq!(TokenStatus::of(1_000, None, 999), TokenStatus::Active);
    assert_eq!(TokenStatus::of(1_000, None, 1_000), TokenStatus::Expired);
    assert_eq!(TokenStatus::of(1_000, Some(5), 999), TokenStatus::Revoked);
    assert_eq!(TokenStatus::of(1_000, Some(5), 2_000), TokenStatus::Revoked);
    assert_eq!(TokenStatus::Revoked.refusal(), Some(TokenRefusal::Revoked));
    assert_eq!(TokenStatus::Active.refusal(), None);
}

#[test]
fn the_form_takes_a_name_a_scope_and_one_of_the_lifetimes() {
    let form = TokenForm { name: "  Monitoring ".into(), scope: "read".into(), days: "90".into() };
    let token = form.parse().unwrap();
    assert_eq!(token, NewToken { name: "Monitoring".into(), scope: TokenScope::Read, days: 90 });
    assert_eq!(token.expires_at_ms(0), 90 * 86_400_000);

    let bad = TokenForm { name: " ".into(), scope: "root".into(), days: "7".into() };
    let errors = bad.parse().unwrap_err();
    let fields: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(fields, [("name", "required"), ("scope", "invalid-choice"), ("days", "invalid-choice")]);
    let long = TokenForm { name: "x".repeat(NAME_MAX + 1), scope: "admin".into(), days: "365".into() };
    assert!(long.parse().is_err());
}
