-- Webhooks (domain::webhooks): addresses an admin registered, each sent the kinds of business
-- events it names. A delivery is queued in the transaction that records its event, one per
-- webhook, and sent after it commits; its tries are kept. Webhooks are turned off, never
-- deleted (their deliveries are records); a delivery is never deleted, never moved to another
-- event or webhook, and goes back to waiting only when an admin sends it again.

CREATE TABLE webhooks (
    id                      TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    url                     TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
    description             TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 200),
    -- ',invoice-issued,payment-received,': never empty
    kinds                   TEXT NOT NULL CHECK (kinds LIKE ',_%,' AND length(kinds) <= 1000),
    enabled                 BIGINT NOT NULL CHECK (enabled IN (0, 1)),
    -- the signing secret, sealed under ATELIER_SECRET_KEY with the webhook's id
    secret_sealed           TEXT NOT NULL CHECK (length(secret_sealed) BETWEEN 1 AND 500),
    -- the one it replaced, which still signs until previous_until_ms
    previous_secret_sealed  TEXT CHECK (previous_secret_sealed IS NULL OR length(previous_secret_sealed) <= 500),
    previous_until_ms       BIGINT,
    rotated_by              TEXT,
    rotated_at_ms           BIGINT,
    created_by              TEXT NOT NULL,
    created_at_ms           BIGINT NOT NULL,
    updated_by              TEXT,
    updated_at_ms           BIGINT,
    CHECK ((previous_secret_sealed IS NULL) = (previous_until_ms IS NULL)),
    CHECK ((rotated_by IS NULL) = (rotated_at_ms IS NULL))
);
CREATE INDEX webhooks_enabled ON webhooks (enabled);

CREATE TRIGGER webhooks_never_deleted BEFORE DELETE ON webhooks
BEGIN
    SELECT RAISE(ABORT, 'webhook-kept: a webhook is turned off, never deleted');
END;

CREATE TRIGGER webhooks_keep_their_origin BEFORE UPDATE ON webhooks
WHEN NEW.id IS NOT OLD.id OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at_ms IS NOT OLD.created_at_ms
BEGIN
    SELECT RAISE(ABORT, 'webhook-kept: a webhook keeps its id and who created it');
END;

CREATE TRIGGER webhooks_never_replaced BEFORE INSERT ON webhooks
WHEN EXISTS (SELECT 1 FROM webhooks WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'webhook-kept: a webhook is turned off, never deleted');
END;

CREATE TABLE webhook_deliveries (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id          TEXT NOT NULL REFERENCES webhooks (id),
    event_id            BIGINT NOT NULL REFERENCES app_events (id),
    queued_at_ms        BIGINT NOT NULL,
    state               TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    tries               BIGINT NOT NULL DEFAULT 0 CHECK (tries BETWEEN 0 AND 7),
    next_try_ms         BIGINT,
    -- a server process sending it now, until then
    lease_holder        TEXT,
    lease_until_ms      BIGINT,
    last_try_ms         BIGINT,
    last_status         BIGINT CHECK (last_status IS NULL OR last_status BETWEEN 100 AND 599),
    last_error          TEXT CHECK (last_error IS NULL OR length(last_error) <= 500),
    delivered_at_ms     BIGINT,
    replays             BIGINT NOT NULL DEFAULT 0 CHECK (replays >= 0),
    UNIQUE (webhook_id, event_id),
    CHECK ((state = 'pending') = (next_try_ms IS NOT NULL)),
    CHECK ((state = 'delivered') = (delivered_at_ms IS NOT NULL)),
    CHECK ((lease_holder IS NULL) = (lease_until_ms IS NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_try_ms) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_of_webhook ON webhook_deliveries (webhook_id, id);
CREATE INDEX webhook_deliveries_of_webhook_state ON webhook_deliveries (webhook_id, state, id);

CREATE TRIGGER webhook_deliveries_keep_their_event BEFORE UPDATE ON webhook_deliveries
WHEN NEW.id IS NOT OLD.id OR NEW.webhook_id IS NOT OLD.webhook_id OR NEW.event_id IS NOT OLD.event_id
  OR NEW.queued_at_ms IS NOT OLD.queued_at_ms OR NEW.replays < OLD.replays
  OR (OLD.state <> 'pending' AND NEW.state = 'pending' AND NEW.replays <> OLD.replays + 1)
  OR (OLD.state <> 'pending' AND NEW.state NOT IN (OLD.state, 'pending'))
BEGIN
    SELECT RAISE(ABORT, 'delivery-history: a delivery keeps its event and webhook, and waits again only when sent again');
END;

CREATE TRIGGER webhook_deliveries_never_deleted BEFORE DELETE ON webhook_deliveries
BEGIN
    SELECT RAISE(ABORT, 'delivery-history: a delivery keeps its event and webhook, and waits again only when sent again');
END;

CREATE TRIGGER webhook_deliveries_never_replaced BEFORE INSERT ON webhook_deliveries
WHEN EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'delivery-history: a delivery keeps its event and webhook, and waits again only when sent again');
END;
