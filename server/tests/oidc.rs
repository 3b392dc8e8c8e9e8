//! Single sign-on against a small OpenID provider written here, which serves discovery, keys
//! and deliberately broken ID tokens (A19–A23). Each broken token must be refused with its own
//! reason. The end-to-end test with a real provider (npm oidc-provider) is in end2end/.

mod common;

use std::sync::{Arc, Mutex};

use axum::extract::{Form, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use common::TestApp;
use openidconnect::core::{
    CoreHmacKey, CoreIdToken, CoreIdTokenClaims, CoreJsonWebKeySet, CoreJwsSigningAlgorithm as Alg,
    CoreRsaPrivateSigningKey,
};
use openidconnect::{
    Audience, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey, StandardClaims,
    SubjectIdentifier,
};
use services::clock::Clock;
use services::db::Backend;
use services::testing::backends;
use sha2::{Digest, Sha256};

const KEY_1: &str = include_str!("fixtures/oidc-key-1.pem");
const KEY_2: &str = include_str!("fixtures/oidc-key-2.pem");
const CLIENT_ID: &str = "atelier";
const CLIENT_SECRET: &str = "a shared secret of the client";

/// What the provider's next ID token looks like.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    Good,
    WrongIssuer,
    WrongAudience,
    Expired,
    IssuedInTheFuture,
    BadSignature,
    AlgNone,
    HmacWithClientSecret,
    UnknownKey,
    WrongNonce,
}

#[derive(Default)]
struct Script {
    token: Option<Token>,
    discovery_issuer_mismatch: bool,
    /// From the authorization request the browser was sent with.
    nonce: String,
    code_challenge: String,
    subject: String,
    email: String,
    now_ms: i64,
}

#[derive(Clone)]
struct Idp {
    base: String,
    script: Arc<Mutex<Script>>,
}

async fn start_idp() -> Idp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let idp = Idp { base: base.clone(), script: Arc::default() };
    let router = Router::new()
        .route("/.well-known/openid-configuration", get(discovery))
        .route("/jwks", get(jwks))
        .route("/token", post(token))
        .with_state(idp.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    idp
}

async fn discovery(State(idp): State<Idp>) -> Json<serde_json::Value> {
    let script = idp.script.lock().unwrap();
    let issuer = if script.discovery_issuer_mismatch { format!("{}/elsewhere", idp.base) } else { idp.base.clone() };
    Json(serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{}/authorize", idp.base),
        "token_endpoint": format!("{}/token", idp.base),
        "jwks_uri": format!("{}/jwks", idp.base),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    }))
}

fn key(pem: &str, kid: &str) -> CoreRsaPrivateSigningKey {
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.into()))).unwrap()
}

async fn jwks() -> Json<CoreJsonWebKeySet> {
    Json(CoreJsonWebKeySet::new(vec![key(KEY_1, "k1").as_verification_key()]))
}

async fn token(
    State(idp): State<Idp>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Json<serde_json::Value>, (axum::http::StatusCode, Json<serde_json::Value>)> {
    let script = idp.script.lock().unwrap();
    // PKCE S256: the verifier must hash to the challenge the browser carried.
    let verifier = form.iter().find(|(k, _)| k == "code_verifier").map(|(_, v)| v.clone()).unwrap_or_default();
    if B64.encode(Sha256::digest(verifier.as_bytes())) != script.code_challenge {
        return Err((axum::http::StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": "invalid_grant" }))));
    }
    let kind = script.token.unwrap_or(Token::Good);
    let now = chrono::DateTime::from_timestamp_millis(script.now_ms).unwrap();
    let (iat, exp) = match kind {
        Token::Expired => (now - chrono::Duration::hours(2), now - chrono::Duration::hours(1)),
        Token::IssuedInTheFuture => (now + chrono::Duration::minutes(10), now + chrono::Duration::minutes(20)),
        _ => (now, now + chrono::Duration::minutes(5)),
    };
    let issuer = if kind == Token::WrongIssuer { format!("{}/other", idp.base) } else { idp.base.clone() };
    let audience = if kind == Token::WrongAudience { "someone-else" } else { CLIENT_ID };
    let nonce = if kind == Token::WrongNonce { "another-nonce".to_owned() } else { script.nonce.clone() };
    let claims = CoreIdTokenClaims::new(
        IssuerUrl::new(issuer).unwrap(),
        vec![Audience::new(audience.into())],
        exp,
        iat,
        StandardClaims::new(SubjectIdentifier::new(script.subject.clone()))
            .set_email(Some(EndUserEmail::new(script.email.clone())))
            .set_email_verified(Some(true)),
        EmptyAdditionalClaims {},
    )
    .set_nonce(Some(Nonce::new(nonce)));
    let id_token = match kind {
        Token::BadSignature => sign(&claims, &key(KEY_2, "k1")),
        Token::UnknownKey => sign(&claims, &key(KEY_2, "k2")),
        Token::HmacWithClientSecret => {
            let token =
                CoreIdToken::new(claims, &CoreHmacKey::new(CLIENT_SECRET), Alg::HmacSha256, None, None).unwrap();
            serde_json::to_value(token).unwrap().as_str().unwrap().to_owned()
        }
        Token::AlgNone => {
            let header = B64.encode(br#"{"alg":"none","typ":"JWT"}"#);
            format!("{header}.{}.", B64.encode(serde_json::to_vec(&claims).unwrap()))
        }
        _ => sign(&claims, &key(KEY_1, "k1")),
    };
    Ok(Json(
        serde_json::json!({ "access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": id_token }),
    ))
}

fn sign(claims: &CoreIdTokenClaims, key: &CoreRsaPrivateSigningKey) -> String {
    let token = CoreIdToken::new(claims.clone(), key, Alg::RsaSsaPkcs1V15Sha256, None, None).unwrap();
    serde_json::to_value(token).unwrap().as_str().unwrap().to_owned()
}

fn query_param(url: &str, name: &str) -> String {
    let url = reqwest::Url::parse(url).unwrap();
    url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned()).unwrap_or_default()
}

/// The browser's first leg: returns the `state` the provider would send back.
async fn go_to_provider(app: &TestApp, browser: &reqwest::Client, idp: &Idp, provider: &str) -> String {
    let response = browser.post(app.url("/auth/oidc/start")).form(&[("provider", provider)]).send().await.unwrap();
    assert_eq!(response.status(), 303, "start redirects to the provider");
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&format!("{}/authorize?", idp.base)), "{location}");
    assert_eq!(query_param(&location, "code_challenge_method"), "S256");
    let mut script = idp.script.lock().unwrap();
    script.nonce = query_param(&location, "nonce");
    script.code_challenge = query_param(&location, "code_challenge");
    assert!(script.nonce.len() >= 16 && script.code_challenge.len() == 43);
    query_param(&location, "state")
}

/// The browser's second leg: Ok(()) when signed in, Err(reason) with the refusal's code.
async fn come_back(app: &TestApp, browser: &reqwest::Client, state: &str) -> Result<(), String> {
    let response =
        browser.get(app.url(&format!("/auth/oidc/callback?code=the-code&state={state}"))).send().await.unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap();
    match location.strip_prefix("/login?sso_error=") {
        Some(reason) => Err(reason.to_owned()),
        None => Ok(()),
    }
}

struct Setup {
    app: TestApp,
    idp: Idp,
    demo_provider: String,
    acme_provider: String,
}

async fn setup(backend: Backend) -> Setup {
    let app = TestApp::start(backend).await;
    let idp = start_idp().await;
    let state = &app.env.state;
    let demo = domain::TenantCode::parse("demo").unwrap();
    let acme = domain::TenantCode::parse("acme").unwrap();
    let add = |tenant| services::sso::add_provider(state, tenant, "Test IdP", &idp.base, CLIENT_ID, CLIENT_SECRET);
    let demo_provider = add(&demo).await.unwrap().id;
    let acme_provider = add(&acme).await.unwrap().id;
    services::sso::set_account_rules(state, &demo, true, false, domain::Role::Technician).await.unwrap();
    {
        let mut script = idp.script.lock().unwrap();
        script.subject = "idp-user-1".into();
        script.email = "consultant@atelier.example".into();
        script.now_ms = app.env.clock.now_ms();
    }
    Setup { app, idp, demo_provider, acme_provider }
}

#[tokio::test]
async fn a20_a21_a22_every_broken_token_is_refused_with_its_own_reason() {
    let Setup { app, idp, demo_provider, .. } = setup(Backend::Sqlite).await;
    let cases = [
        (Token::WrongIssuer, "sso-bad-issuer"),
        (Token::WrongAudience, "sso-bad-audience"),
        (Token::Expired, "sso-expired-token"),
        (Token::IssuedInTheFuture, "sso-bad-issue-time"),
        (Token::BadSignature, "sso-bad-signature"),
        (Token::AlgNone, "sso-unsigned-token"),
        (Token::HmacWithClientSecret, "sso-disallowed-algorithm"),
        (Token::UnknownKey, "sso-unknown-key"),
        (Token::WrongNonce, "sso-bad-nonce"),
    ];
    for (token, reason) in cases {
        let browser = app.other_browser();
        let state = go_to_provider(&app, &browser, &idp, &demo_provider).await;
        idp.script.lock().unwrap().token = Some(token);
        assert_eq!(come_back(&app, &browser, &state).await, Err(reason.to_owned()), "{token:?}");
        assert_eq!(app.call_with(&browser, "list_sites", &[]).await.status(), 401, "{token:?}: not signed in");
    }
    // A20: the discovery document must name exactly the configured issuer.
    idp.script.lock().unwrap().discovery_issuer_mismatch = true;
    let browser = app.other_browser();
    let refused =
        browser.post(app.url("/auth/oidc/start")).form(&[("provider", demo_provider.as_str())]).send().await.unwrap();
    assert_eq!(refused.headers()["location"], "/login?sso_error=sso-issuer-mismatch");
    // Every refusal is in the audit log with its reason.
    let admin =
        services::control::find_user_by_email(&app.env.state, &domain::Email::parse("admin@demo.example").unwrap())
            .await
            .unwrap()
            .unwrap();
    let scope = services::tenancy::TenantScope::resolve(&app.env.state, &admin.id, "demo").await.unwrap();
    let filter = domain::audit::AuditQuery { kind: Some(domain::AuditKind::LoginFailed), ..Default::default() };
    let log = services::audit::page(&app.env.state, &scope, &filter).await.unwrap().entries;
    for (_, reason) in cases {
        assert!(log.iter().any(|e| e.detail.as_deref() == Some(reason)), "{reason} audited");
    }
    app.finish().await;
}

#[tokio::test]
async fn a19_a23_state_is_bound_to_the_browser_used_once_and_an_identity_stays_in_its_company() {
    for backend in backends() {
        let Setup { app, idp, demo_provider, acme_provider } = setup(backend).await;
        // A19: a callback finished in another browser fails, and does not spend the first one's.
        let first = app.other_browser();
        let state = go_to_provider(&app, &first, &idp, &demo_provider).await;
        let other = app.other_browser();
        assert_eq!(come_back(&app, &other, &state).await, Err("sso-no-pending-sign-in".into()));
        let forged = app.other_browser();
        go_to_provider(&app, &forged, &idp, &demo_provider).await;
        assert_eq!(come_back(&app, &forged, "not-the-state").await, Err("sso-state-mismatch".into()));

        // The good path: linked by verified e-mail (allowed in demo), signed in to demo only.
        let state = go_to_provider(&app, &first, &idp, &demo_provider).await;
        assert_eq!(come_back(&app, &first, &state).await, Ok(()));
        let info: serde_json::Value = app.call_with(&first, "session_info", &[]).await.json().await.unwrap();
        assert_eq!(info["tenant_code"], "demo");
        // Used once: the same answer replayed is refused.
        assert_eq!(come_back(&app, &first, &state).await, Err("sso-no-pending-sign-in".into()));

        // A23: the consultant is also a member of acme, but this identity came through demo's
        // provider: acme stays closed, and acme's provider does not know the identity.
        let choices: serde_json::Value = app.call_with(&first, "tenant_choices", &[]).await.json().await.unwrap();
        assert_eq!(choices.as_array().unwrap().len(), 1);
        let switch = app.call_with(&first, "select_tenant", &[("tenant", "acme")]).await;
        assert_eq!(switch.status(), 403);
        let browser = app.other_browser();
        let state = go_to_provider(&app, &browser, &idp, &acme_provider).await;
        assert_eq!(come_back(&app, &browser, &state).await, Err("sso-no-account".into()));

        // Keyed by (issuer, subject): the same e-mail under another subject is not this account
        // once linking is off.
        services::sso::set_account_rules(
            &app.env.state,
            &domain::TenantCode::parse("demo").unwrap(),
            false,
            false,
            domain::Role::Technician,
        )
        .await
        .unwrap();
        idp.script.lock().unwrap().subject = "idp-user-2".into();
        let browser = app.other_browser();
        let state = go_to_provider(&app, &browser, &idp, &demo_provider).await;
        assert_eq!(come_back(&app, &browser, &state).await, Err("sso-no-account".into()));
        // …while the linked subject still signs in, whatever e-mail it now claims.
        {
            let mut script = idp.script.lock().unwrap();
            script.subject = "idp-user-1".into();
            script.email = "someone-else@example.com".into();
        }
        let browser = app.other_browser();
        let state = go_to_provider(&app, &browser, &idp, &demo_provider).await;
        assert_eq!(come_back(&app, &browser, &state).await, Ok(()));
        app.finish().await;
    }
}

#[tokio::test]
async fn accounts_are_created_on_first_sign_in_only_when_the_company_allows_it() {
    let Setup { app, idp, demo_provider, .. } = setup(Backend::Sqlite).await;
    let demo = domain::TenantCode::parse("demo").unwrap();
    {
        let mut script = idp.script.lock().unwrap();
        script.subject = "new-person".into();
        script.email = "new.person@demo.example".into();
    }
    let browser = app.other_browser();
    let state = go_to_provider(&app, &browser, &idp, &demo_provider).await;
    assert_eq!(come_back(&app, &browser, &state).await, Err("sso-no-account".into()));

    services::sso::set_account_rules(&app.env.state, &demo, false, true, domain::Role::Accountant).await.unwrap();
    let state = go_to_provider(&app, &browser, &idp, &demo_provider).await;
    assert_eq!(come_back(&app, &browser, &state).await, Ok(()));
    let info: serde_json::Value = app.call_with(&browser, "session_info", &[]).await.json().await.unwrap();
    assert_eq!(info["email"], "new.person@demo.example");
    assert_eq!(info["role"], "Accountant");
    // The account has no password: it signs in only through the provider.
    let attempt =
        app.call_with(&app.other_browser(), "login", &[("email", "new.person@demo.example"), ("password", "")]).await;
    assert_eq!(attempt.status(), 401);
    app.finish().await;
}
