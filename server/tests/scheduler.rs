//! Two `atelier` processes on one database: each period of the scheduled alert checks is run
//! by one of them only (the claim in the control database), on SQLite and PostgreSQL.

use services::testing::{TestEnv, backends};

/// Starts `atelier alerts run --scheduled` on the environment's databases.
fn scheduled_run(env: &TestEnv) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_atelier"))
        .args(["alerts", "run", "--scheduled"])
        .env("ATELIER_DATA_DIR", &env.state.settings.data_dir)
        .env("DATABASE_URL", &env.state.settings.database_url)
        .env("ATELIER_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start atelier")
}

#[tokio::test]
async fn two_processes_run_each_period_of_the_alert_checks_once() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        // Started together, within the same minute (the harness retries a pair that straddles
        // a minute's end, which would rightly let both run).
        let mut outputs = None;
        for _ in 0..3 {
            let started = chrono::Utc::now().timestamp_millis() / 60_000;
            let (first, second) = (scheduled_run(&env), scheduled_run(&env));
            let (first, second) = (first.wait_with_output().unwrap(), second.wait_with_output().unwrap());
            if chrono::Utc::now().timestamp_millis() / 60_000 == started {
                outputs = Some((first, second));
                break;
            }
        }
        let (first, second) = outputs.expect("a pair of runs within one minute");
        for output in [&first, &second] {
            assert!(output.status.success(), "{backend:?}: {}", String::from_utf8_lossy(&output.stderr));
        }
        let text = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();
        let (a, b) = (text(&first), text(&second));
        for job in ["alerts-every-minute", "alerts-hourly"] {
            let ran = [&a, &b].iter().filter(|out| out.contains(&format!("{job}: ran"))).count();
            let skipped = [&a, &b].iter().filter(|out| out.contains(&format!("{job}: already claimed"))).count();
            // The hourly job may have been claimed by an earlier pair of this loop's retries.
            assert!(ran <= 1 && ran + skipped == 2, "{backend:?} {job}:\n{a}\n{b}");
        }
        assert!(
            [&a, &b].iter().filter(|out| out.contains("alerts-every-minute: ran")).count() == 1,
            "{backend:?}: one of them ran this minute's checks:\n{a}\n{b}"
        );
        env.finish().await;
    }
}
