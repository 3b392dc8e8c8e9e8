-- Reading alerts at any volume (found by `atelier bench --alerts`: with 124,000 open alerts the
-- notifications page took 4.3 s, the bell on every page counted them all, the platform
-- dashboard and the rules page grouped them all).
--
-- open_alert_counts: the open alerts of each rule and severity, kept by triggers when an alert
-- opens and when it closes, in the transaction of the check; the rules page and the platform
-- dashboard read these few rows.
--
-- alerts_for_<role> and alerts_open_for_<role>: the alerts addressed to each role, all and open
-- only, newest first: a reader's page and bell walk their role's index from the newest, and the
-- bell stops counting at 100. The roles are the product's five (domain::Role); the queries name
-- the role as a literal that matches the index's condition.

CREATE TABLE open_alert_counts (
    rule        TEXT NOT NULL REFERENCES alert_rules (kind),
    severity    TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    open_count  BIGINT NOT NULL CHECK (open_count >= 0),
    PRIMARY KEY (rule, severity)
);
INSERT INTO open_alert_counts (rule, severity, open_count)
    SELECT rule, severity, COUNT(*) FROM alerts WHERE closed_at_ms IS NULL GROUP BY rule, severity;

CREATE TRIGGER alerts_count_opened AFTER INSERT ON alerts
WHEN NEW.closed_at_ms IS NULL
BEGIN
    INSERT INTO open_alert_counts (rule, severity, open_count) VALUES (NEW.rule, NEW.severity, 1)
        ON CONFLICT (rule, severity) DO UPDATE SET open_count = open_alert_counts.open_count + 1;
END;

CREATE TRIGGER alerts_count_closed AFTER UPDATE OF closed_at_ms ON alerts
WHEN OLD.closed_at_ms IS NULL AND NEW.closed_at_ms IS NOT NULL
BEGIN
    UPDATE open_alert_counts SET open_count = open_count - 1 WHERE rule = NEW.rule AND severity = NEW.severity;
END;

CREATE INDEX alerts_for_admin ON alerts (id) WHERE roles LIKE '%,admin,%';
CREATE INDEX alerts_for_manager ON alerts (id) WHERE roles LIKE '%,manager,%';
CREATE INDEX alerts_for_accountant ON alerts (id) WHERE roles LIKE '%,accountant,%';
CREATE INDEX alerts_for_technician ON alerts (id) WHERE roles LIKE '%,technician,%';
CREATE INDEX alerts_for_auditor ON alerts (id) WHERE roles LIKE '%,auditor,%';
CREATE INDEX alerts_open_for_admin ON alerts (id) WHERE closed_at_ms IS NULL AND roles LIKE '%,admin,%';
CREATE INDEX alerts_open_for_manager ON alerts (id) WHERE closed_at_ms IS NULL AND roles LIKE '%,manager,%';
CREATE INDEX alerts_open_for_accountant ON alerts (id) WHERE closed_at_ms IS NULL AND roles LIKE '%,accountant,%';
CREATE INDEX alerts_open_for_technician ON alerts (id) WHERE closed_at_ms IS NULL AND roles LIKE '%,technician,%';
CREATE INDEX alerts_open_for_auditor ON alerts (id) WHERE closed_at_ms IS NULL AND roles LIKE '%,auditor,%';
