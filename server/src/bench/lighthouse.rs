//! `atelier bench --lighthouse`: Lighthouse (npm, pinned in end2end/package.json, with Debian's
//! Chromium) on its default mobile settings (slow 4G, 4× CPU slowdown) on the pages phones and
//! slow links use most, signed in as who uses them, on the demo data.

use std::process::Command;

use serde_json::Value;

use super::{Place, session_cookie, start_server};

/// The page, its path, and who is signed in (nobody for the sign-in page).
const PAGES: [(&str, &str, Option<&str>); 4] = [
    ("sign-in page", "/login", None),
    ("stock list", "/stock/articles", Some("manager@demo.example")),
    ("invoice list", "/invoices", Some("accountant@demo.example")),
    ("technician's missions", "/missions", Some("technician@demo.example")),
];

/// What the report says of one page.
struct Scores {
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    lcp_ms: f64,
    bytes: f64,
}

pub async fn run(place: &Place) -> Result<(), String> {
    let server = start_server(place).await?;
    println!("\nLighthouse, mobile (simulated slow 4G, 4× CPU slowdown); goals: performance ≥ 95, LCP ≤ 2.0 s,");
    println!("accessibility and best practices 100\n");
    println!(
        "{:<24} {:>11} {:>13} {:>14} {:>8} {:>11}",
        "page", "performance", "accessibility", "best practices", "LCP s", "transfer"
    );
    for (label, path, user) in PAGES {
        let cookie = match user {
            Some(email) => Some(session_cookie(&server.base, email).await?),
            None => None,
        };
        let s = score(&format!("{}{path}", server.base), cookie.as_deref())?;
        println!(
            "{label:<24} {:>11.0} {:>13.0} {:>14.0} {:>8.2} {:>8.0} KB",
            s.performance,
            s.accessibility,
            s.best_practices,
            s.lcp_ms / 1000.0,
            s.bytes / 1024.0
        );
    }
    Ok(())
}

fn score(url: &str, cookie: Option<&str>) -> Result<Scores, String> {
    let mut command = Command::new("lighthouse");
    command.args([
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]);
    if let Some(cookie) = cookie {
        command.arg(format!("--extra-headers={}", serde_json::json!({ "Cookie": cookie })));
    }
    if std::env::var_os("CHROME_PATH").is_none() {
        command.env("CHROME_PATH", "/usr/bin/chromium");
    }
    let output = command.output().map_err(|e| {
        format!("cannot run lighthouse ({e}): run scripts/setup.sh --browser and `source scripts/env.sh`")
    })?;
    if !output.status.success() {
        return Err(format!("lighthouse on {url}: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| format!("lighthouse's report: {e}"))?;
    if let Some(error) = report["runtimeError"]["message"].as_str() {
        return Err(format!("lighthouse on {url}: {error}"));
    }
    let category = |name: &str| report["categories"][name]["score"].as_f64().map_or(f64::NAN, |s| s * 100.0);
    let audit = |name: &str| report["audits"][name]["numericValue"].as_f64().unwrap_or(f64::NAN);
    Ok(Scores {
        performance: category("performance"),
        accessibility: category("accessibility"),
        best_practices: category("best-practices"),
        lcp_ms: audit("largest-contentful-paint"),
        bytes: audit("total-byte-weight"),
    })
}
