//! The per-user limit of admin actions over real HTTP: the access layer counts each admitted
//! administrative change and refuses the one past the company's limit with 429 (JSON) or sends a
//! plain form back to its page told so; other changes are not counted.

mod common;

use common::TestApp;
use domain::governance::thresholds::{SecurityThresholds, Threshold};
use services::testing::backends;

#[tokio::test]
async fn administrative_changes_past_the_limit_are_refused() {
    for backend in backends() {
        let app = TestApp::start(backend).await;
        let admin = app.env.scope("admin@demo.example", "demo").await;
        let mut form = SecurityThresholds::default().form();
        form.set(Threshold::MaxAdminActions, "2".into());
        services::governance::thresholds::save(&app.env.state, &Default::default(), &admin, &form).await.unwrap();

        app.login("admin@demo.example").await;
        let rule = [("flag", "bulk_stock_import"), ("enabled", "on"), ("rollout", "100")];
        for _ in 0..2 {
            let admitted = app.call("update_feature_flag", &rule).await;
            assert!(admitted.status().is_success() || admitted.status().is_redirection(), "{backend:?}");
        }
        let refused = app.call("update_feature_flag", &rule).await;
        assert_eq!(refused.status(), 429, "{backend:?}");
        let body: serde_json::Value = refused.json().await.unwrap();
        assert_eq!(body["code"], "too-many-admin-actions");

        let plain = app
            .client
            .post(app.url("/api/update_feature_flag"))
            .header("Accept", "text/html")
            .header("Referer", app.url("/governance/flags"))
            .form(&rule)
            .send()
            .await
            .unwrap();
        assert_eq!(plain.status(), 303);
        assert_eq!(plain.headers()["location"], "/governance/flags?refused=admin-actions");
        let page = app.client.get(app.url("/governance/flags?refused=admin-actions")).send().await.unwrap();
        let page = page.text().await.unwrap();
        assert!(page.contains("data-refused=\"admin-actions\""), "the page says the change was not saved");

        // A change that is not administration is not counted; a minute later the admin acts again.
        let site = app.call("create_site", &[("code", "LIM"), ("name", "Limite"), ("city", "")]).await;
        assert!(site.status().is_success() || site.status().is_redirection(), "{backend:?}");
        app.env.clock.advance_ms(60_001);
        let again = app.call("update_feature_flag", &rule).await;
        assert!(again.status().is_success() || again.status().is_redirection(), "{backend:?}");
        app.finish().await;
    }
}
