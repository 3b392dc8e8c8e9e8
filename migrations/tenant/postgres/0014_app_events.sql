-- The business event log (domain::events): what matters to the company, appended by the
-- transaction of the change that causes it, newest read first, never changed or deleted.
-- Kinds are checked when read (an unknown one is reported as corruption), not listed here, so
-- that a new kind needs no change of the table.

CREATE TABLE app_events (
    id          BIGSERIAL PRIMARY KEY,
    at_ms       BIGINT NOT NULL,
    kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    severity    TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    entity_id   TEXT NOT NULL CHECK (length(entity_id) BETWEEN 1 AND 64),
    subject     TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    user_id     TEXT
);
CREATE INDEX app_events_by_kind ON app_events (kind, id);
CREATE INDEX app_events_by_severity ON app_events (severity, id);
CREATE INDEX app_events_by_time ON app_events (at_ms, id);

CREATE TRIGGER app_events_never_changed BEFORE UPDATE ON app_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER app_events_never_deleted BEFORE DELETE ON app_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER app_events_never_truncated BEFORE TRUNCATE ON app_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
