//! `atelier bench --sign-ins N`: N wrong sign-ins at once against a fresh server, and its
//! resident memory before, just after, and ten seconds after (A25: password hashing is bounded
//! and its work memory reused, so the burst must neither queue without end nor leave memory up).

use std::time::{Duration, Instant};

use super::{Place, rss_kib, start_server};

pub async fn run(place: &Place, count: usize) -> Result<(), String> {
    let server = start_server(place).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let pid = server.child.id();
    let mib = |k: Option<u64>| k.map_or("?".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
    println!("\nserver memory (RSS) before: {}", mib(rss_kib(pid)));
    let client = reqwest::Client::builder().pool_max_idle_per_host(count).build().map_err(|e| e.to_string())?;
    // Twice: the second burst shows whether memory keeps growing or stays where the first left it.
    for round in 1..=2 {
        let started = Instant::now();
        let attempts: Vec<_> = (0..count)
            .map(|i| {
                let request = client
                    .post(format!("{}/api/login", server.base))
                    .header("Accept", "application/json")
                    .form(&[("email", format!("nobody-{i}@demo.example")), ("password", "a wrong password".into())]);
                tokio::spawn(async move { request.send().await.map(|r| r.status().as_u16()) })
            })
            .collect();
        let mut statuses = std::collections::BTreeMap::<String, usize>::new();
        for attempt in attempts {
            let status = match attempt.await {
                Ok(Ok(status)) => status.to_string(),
                _ => "failed".into(),
            };
            *statuses.entry(status).or_default() += 1;
        }
        let elapsed = started.elapsed();
        let after = rss_kib(pid);
        tokio::time::sleep(Duration::from_secs(10)).await;
        println!(
            "burst {round}: {count} wrong sign-ins at once, answered in {:.1} s {statuses:?}; RSS just after {}, 10 s later {}",
            elapsed.as_secs_f64(),
            mib(after),
            mib(rss_kib(pid))
        );
    }
    Ok(())
}
