-- The e-mails of critical alerts (when SMTP is configured), written in the transaction that
-- opens the alert, one per recipient, and sent after it commits: a failed or interrupted
-- sending is tried again (five tries, further and further apart), never lost, never doubled.
CREATE TABLE alert_mails (
    alert_id        BIGINT NOT NULL REFERENCES alerts (id),
    user_id         TEXT NOT NULL,
    email           TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    tries           BIGINT NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 5),
    next_try_ms     BIGINT NOT NULL,
    sent_at_ms      BIGINT,
    last_error      TEXT CHECK (last_error IS NULL OR length(last_error) <= 500),
    PRIMARY KEY (alert_id, user_id)
);
CREATE INDEX alert_mails_due ON alert_mails (next_try_ms) WHERE sent_at_ms IS NULL;
