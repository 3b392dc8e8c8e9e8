//! Periodic jobs that several server processes share: each period of a job (a minute, an hour)
//! is claimed in the control database by one statement that succeeds for one process only
//! (migration control/0007). The claim is not a lease that expires: a process that dies
//! mid-run loses that period, and the next period runs as usual.

mod repo;

use crate::{AppResult, AppState};

/// A job and how long its periods are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    pub name: &'static str,
    pub period_ms: i64,
}

impl Job {
    /// The period `now_ms` falls in (minutes or hours since 1970).
    pub fn period(self, now_ms: i64) -> i64 {
        now_ms.div_euclid(self.period_ms)
    }
}

/// A period of a job claimed by this process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub job: Job,
    pub period: i64,
    pub holder: String,
}

/// Claims the current period of `job` for `holder`; None when another process (or this one)
/// already has.
pub async fn claim(state: &AppState, job: Job, holder: &str, now_ms: i64) -> AppResult<Option<Claim>> {
    let period = job.period(now_ms);
    let claimed = repo::claim(state.control.pool(), job.name, period, holder, now_ms).await?;
    Ok(claimed.then(|| Claim { job, period, holder: holder.to_owned() }))
}

/// Records how the run of a claimed period ended (a summary, or the error).
pub async fn finish(state: &AppState, claim: &Claim, outcome: &str, now_ms: i64) -> AppResult<()> {
    let outcome: String = outcome.chars().take(2000).collect();
    let row = repo::Finished { job: claim.job.name, period: claim.period, holder: &claim.holder, outcome: &outcome };
    Ok(repo::finish(state.control.pool(), &row, now_ms).await?)
}

/// The last run of a job: who claimed it, when it started and ended, what it said.
pub use repo::LastRun;

pub async fn last_run(state: &AppState, job: Job) -> AppResult<Option<LastRun>> {
    Ok(repo::last_run(state.control.pool(), job.name).await?)
}
