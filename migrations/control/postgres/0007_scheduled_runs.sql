-- The server's scheduled jobs (the alert checks): one row per job naming the last period it was
-- claimed for. Claiming a period is one statement that moves the row forward only if nobody has
-- claimed that period yet, so that with several server processes on one database each period's
-- job runs once. A process that dies mid-run loses that period; the next one runs as usual.
CREATE TABLE scheduled_runs (
    job             TEXT PRIMARY KEY CHECK (length(job) BETWEEN 1 AND 64),
    -- minutes or hours since 1970 (the job's period), claimed once
    period          BIGINT NOT NULL CHECK (period >= 0),
    holder          TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    started_at_ms   BIGINT NOT NULL,
    finished_at_ms  BIGINT,
    -- what the run found, or why it failed
    outcome         TEXT CHECK (outcome IS NULL OR length(outcome) <= 2000)
);
