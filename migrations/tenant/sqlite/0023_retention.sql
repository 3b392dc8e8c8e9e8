-- Retention (issue 16, domain::governance::retention).
--
-- retention_purges: each purge a company's admin started, its progress written by each batch,
-- so that its page shows it from any server process, and one whose server stopped mid-way is
-- seen as interrupted (its heartbeat stops). One runs at a time.
CREATE TABLE retention_purges (
    id              TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    data_type       TEXT NOT NULL CHECK (data_type IN ('session_tokens', 'security_logs')),
    status          TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    eligible_before TEXT NOT NULL CHECK (eligible_before GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    total           BIGINT NOT NULL CHECK (total >= 0),
    done            BIGINT NOT NULL DEFAULT 0 CHECK (done >= 0),
    started_by      TEXT NOT NULL CHECK (length(started_by) BETWEEN 1 AND 64),
    started_at_ms   BIGINT NOT NULL,
    heartbeat_ms    BIGINT NOT NULL,
    finished_at_ms  BIGINT,
    error           TEXT CHECK (error IS NULL OR length(error) BETWEEN 1 AND 200),
    CHECK ((status = 'running') = (finished_at_ms IS NULL))
);
CREATE INDEX retention_purges_by_start ON retention_purges (started_at_ms);
CREATE UNIQUE INDEX retention_purges_one_running ON retention_purges (status) WHERE status = 'running';

-- Security events are kept five years: the database refuses to delete a younger one (1825
-- days; the purge itself only takes those more than five calendar years and a day old).
CREATE TRIGGER security_events_kept_five_years BEFORE DELETE ON security_events
WHEN OLD.at_ms > CAST(strftime('%s', 'now') AS INTEGER) * 1000 - 1825 * 86400000
BEGIN
    SELECT RAISE(ABORT, 'retention: a security event is kept five years');
END;

-- A purge is a bulk operation the per-user limit counts (SQLite cannot change a CHECK: the
-- table is rebuilt with its rows).
CREATE TABLE rate_limited_actions_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms       BIGINT NOT NULL,
    user_id     TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    kind        TEXT NOT NULL CHECK (kind IN ('admin-action', 'stock-import', 'customers-import', 'stock-export',
                                              'reorder-export', 'customers-export', 'sales-journal', 'kpis-export',
                                              'retention-purge'))
);
INSERT INTO rate_limited_actions_new (id, at_ms, user_id, kind) SELECT id, at_ms, user_id, kind FROM rate_limited_actions;
DROP TABLE rate_limited_actions;
ALTER TABLE rate_limited_actions_new RENAME TO rate_limited_actions;
CREATE INDEX rate_limited_actions_by_user ON rate_limited_actions (user_id, at_ms);
