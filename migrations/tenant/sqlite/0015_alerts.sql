-- Alert rules and the alerts they raise (domain::alerts). Each company starts with the rules of
-- domain::alerts::rules::RuleSettings::default_for (a services test compares them). An alert is
-- opened by a check for a condition with no open alert of its rule, and closed by the check that
-- finds the condition gone: the unique index keeps one open alert per condition. What an alert
-- says never changes; it is closed once and acknowledged once, and never deleted.

CREATE TABLE alert_rules (
    kind            TEXT PRIMARY KEY CHECK (length(kind) BETWEEN 1 AND 64),
    enabled         BIGINT NOT NULL CHECK (enabled IN (0, 1)),
    -- minutes or days as the kind counts them (one week of minutes at most); none for stock
    threshold       BIGINT CHECK (threshold IS NULL OR threshold BETWEEN 1 AND 10080),
    severity        TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    -- ',admin,manager,': never empty
    roles           TEXT NOT NULL CHECK (roles LIKE ',_%,'),
    updated_by      TEXT,
    updated_at_ms   BIGINT NOT NULL,
    CHECK ((kind = 'stock-critical') = (threshold IS NULL))
);
INSERT INTO alert_rules (kind, enabled, threshold, severity, roles, updated_at_ms) VALUES
    ('emergency-pending', 1, 5, 'CRITICAL', ',admin,manager,', 0),
    ('invoice-overdue', 1, 7, 'WARNING', ',admin,accountant,', 0),
    ('invoice-long-overdue', 1, 30, 'CRITICAL', ',admin,accountant,', 0),
    ('stock-critical', 1, NULL, 'CRITICAL', ',admin,manager,', 0),
    ('mission-blocked', 1, 60, 'WARNING', ',admin,manager,', 0),
    ('timesheets-unapproved', 1, 7, 'WARNING', ',admin,manager,', 0);

CREATE TABLE alerts (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    rule                TEXT NOT NULL REFERENCES alert_rules (kind),
    subject_id          TEXT NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 140),
    subject             TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    severity            TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    -- the rule's roles when it opened
    roles               TEXT NOT NULL CHECK (roles LIKE ',_%,'),
    opened_at_ms        BIGINT NOT NULL,
    closed_at_ms        BIGINT CHECK (closed_at_ms IS NULL OR closed_at_ms >= opened_at_ms),
    acknowledged_by     TEXT,
    acknowledged_at_ms  BIGINT,
    CHECK ((acknowledged_by IS NULL) = (acknowledged_at_ms IS NULL))
);
CREATE UNIQUE INDEX alerts_one_open_per_condition ON alerts (rule, subject_id) WHERE closed_at_ms IS NULL;
CREATE INDEX alerts_open ON alerts (id) WHERE closed_at_ms IS NULL;

CREATE TRIGGER alerts_keep_what_they_say BEFORE UPDATE ON alerts
WHEN NEW.id IS NOT OLD.id OR NEW.rule IS NOT OLD.rule OR NEW.subject_id IS NOT OLD.subject_id
  OR NEW.subject IS NOT OLD.subject OR NEW.severity IS NOT OLD.severity OR NEW.roles IS NOT OLD.roles
  OR NEW.opened_at_ms IS NOT OLD.opened_at_ms
  OR (OLD.closed_at_ms IS NOT NULL AND NEW.closed_at_ms IS NOT OLD.closed_at_ms)
  OR (OLD.acknowledged_by IS NOT NULL
      AND (NEW.acknowledged_by IS NOT OLD.acknowledged_by OR NEW.acknowledged_at_ms IS NOT OLD.acknowledged_at_ms))
BEGIN
    SELECT RAISE(ABORT, 'alert-history: an alert is closed once, acknowledged once, and otherwise never changed');
END;

CREATE TRIGGER alerts_never_deleted BEFORE DELETE ON alerts
BEGIN
    SELECT RAISE(ABORT, 'alert-history: an alert is closed once, acknowledged once, and otherwise never changed');
END;

-- Where each user stopped reading: alerts with a greater id are unread (the bell's count).
CREATE TABLE alert_marks (
    user_id     TEXT PRIMARY KEY,
    seen_up_to  BIGINT NOT NULL CHECK (seen_up_to >= 0)
);

-- INSERT OR REPLACE deletes the row it replaces without firing the delete trigger.
CREATE TRIGGER alerts_never_replaced BEFORE INSERT ON alerts
WHEN EXISTS (SELECT 1 FROM alerts WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'alert-history: an alert is closed once, acknowledged once, and otherwise never changed');
END;

-- The timesheet rule's condition: entries recorded and still waiting, by age.
CREATE INDEX time_entries_waiting ON time_entries (status, created_at);
