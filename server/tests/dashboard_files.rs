//! KPI exports over HTTP, through the real router: a member's file in their language, a refused
//! period sent back to the dashboard's form, another role's board and no session refused.

mod common;

use common::TestApp;
use services::db::Backend;

#[tokio::test]
async fn kpi_exports_need_the_boards_role_and_send_a_refused_period_back_to_the_form() {
    let app = TestApp::start(Backend::Sqlite).await;
    let anonymous = app.client.get(app.url("/dashboards/finance/kpis.csv")).send().await.unwrap();
    assert!(anonymous.status().is_redirection());
    assert!(anonymous.headers()["location"].to_str().unwrap().starts_with("/login"));

    app.login("accountant@demo.example").await;
    let response = app
        .client
        .get(app.url("/dashboards/finance/kpis.csv?from=2026-10&to=2026-11"))
        .header("Accept-Language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("atelier-finance-2026-10-2026-11.csv"), "{disposition}");
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}month;invoices_issued;invoiced_net;credit_notes;collected;receivable_at_end;overdue_at_end"
    );
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[2].starts_with("2026-11;"), "{text}");

    let refused = app.client.get(app.url("/dashboards/finance/kpis.csv?from=2026-13&to=<b>")).send().await.unwrap();
    assert!(refused.status().is_redirection(), "{}", refused.status());
    assert_eq!(refused.headers()["location"], "/dashboards/finance?from=2026-13&to=%3Cb%3E#export");
    let other_board = app.client.get(app.url("/dashboards/platform/kpis.csv")).send().await.unwrap();
    assert_eq!(other_board.status(), 403);
    let unknown = app.client.get(app.url("/dashboards/sales/kpis.csv")).send().await.unwrap();
    assert_eq!(unknown.status(), 404);
    app.finish().await;
}
