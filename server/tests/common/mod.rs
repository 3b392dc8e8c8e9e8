//! The real router on a random port, over real HTTP, for the integration tests.
#![allow(dead_code)]

use std::time::Duration;

use server::config::Config;
use server::http::router;
use services::db::Backend;
use services::testing::TestEnv;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub env: TestEnv,
    pub server: tokio::task::JoinHandle<()>,
}

pub fn config(env: &TestEnv) -> Config {
    Config {
        data_dir: env.state.settings.data_dir.clone(),
        database_url: Some(env.state.settings.database_url.clone()),
        demo: true,
        addr: "127.0.0.1:0".parse().unwrap(),
        public_url: None,
        session_idle: Duration::from_secs(1800),
        session_absolute: Duration::from_secs(12 * 3600),
        secret_key: None,
        policy_file: None,
        login_attempts_per_minute: 1000,
        log: "warn".into(),
        metrics_token: None,
        header_timeout: Duration::from_secs(15),
        max_connections: 64,
        smtp: None,
        webhooks_allow_loopback: false,
        trusted_proxies: Default::default(),
    }
}

/// Serves the real router for this environment on a random port: (base URL, server task).
pub async fn serve(env: &TestEnv) -> (String, tokio::task::JoinHandle<()>) {
    serve_with(env, &config(env)).await
}

pub async fn serve_with(env: &TestEnv, config: &Config) -> (String, tokio::task::JoinHandle<()>) {
    serve_state(&env.state, config).await
}

/// Serves the real router for a state of its own: a second app server on the same databases.
pub async fn serve_state(state: &services::AppState, config: &Config) -> (String, tokio::task::JoinHandle<()>) {
    let options = leptos::config::LeptosOptions::builder().output_name("atelier").build();
    let app = router::build(state.clone(), config, options);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let limits = config.limits();
    let server = tokio::spawn(server::http::listener::serve(listener, app, limits, std::future::pending()));
    (base, server)
}

impl TestApp {
    pub async fn start(backend: Backend) -> Self {
        let env = TestEnv::with_demo(backend).await;
        let (base, server) = serve(&env).await;
        let client =
            reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Self { base, client, env, server }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Calls a server function the way the hydrated page does (JSON answer).
    pub async fn call(&self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{name}")))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str) {
        let response = self.call("login", &[("email", email), ("password", services::demo::DEMO_PASSWORD)]).await;
        assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
    }

    pub async fn finish(self) {
        self.server.abort();
        self.env.finish().await;
    }
}

/// Lists sites from a fresh client carrying only the given session id; returns the status.
pub async fn list_sites_with(base: &str, session_id: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{base}/api/list_sites"))
        .header("Accept", "application/json")
        .header("Cookie", format!("atelier_session={session_id}"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

pub fn cookie(response: &reqwest::Response) -> Option<String> {
    response.headers().get_all("set-cookie").iter().find_map(|v| {
        let v = v.to_str().ok()?;
        v.strip_prefix("atelier_session=").map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
    })
}

impl TestApp {
    /// A second browser on the same server, with its own cookies.
    pub fn other_browser(&self) -> reqwest::Client {
        reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    pub async fn call_with(&self, client: &reqwest::Client, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{name}")))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap()
    }
}
