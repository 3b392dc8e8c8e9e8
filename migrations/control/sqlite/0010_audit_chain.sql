-- The audit log as hash chains (issue 16): one per company (its events) and one for the platform
-- ('*': sign-ins and whatever concerns no company). Each event holds its place in its chain
-- (seq 1, 2, 3… without gaps), the hash of the event before it and its own hash (SHA-256 of its
-- canonical form, domain::audit::chain; docs/governance.md). The service computes the hash; the
-- database keeps the chain, as for the ledger (tenant migration 0011):
--
-- audit_chains holds each chain's last seq and hash (seq 0 and 64 zeros before the first). An
-- event is accepted only as the next one of its chain, naming the head's hash; the head then
-- moves to it, and only so. Events written before this migration have no place yet: each may be
-- given one, once, as the next link (nothing else of it changing), which the server does when it
-- starts (services::audit::chain::adopt_unchained), oldest first.

ALTER TABLE audit_events ADD COLUMN chain TEXT;
ALTER TABLE audit_events ADD COLUMN seq INTEGER;
ALTER TABLE audit_events ADD COLUMN previous_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_by_chain ON audit_events (chain, seq);
CREATE INDEX audit_unchained ON audit_events (id) WHERE hash IS NULL;

CREATE TABLE audit_chains (
    chain   TEXT PRIMARY KEY CHECK (chain = '*' OR length(chain) BETWEEN 2 AND 32),
    seq     BIGINT NOT NULL CHECK (seq >= 0),
    hash    TEXT NOT NULL CHECK (length(hash) = 64)
);

CREATE TRIGGER audit_events_follow_the_head BEFORE INSERT ON audit_events
WHEN NEW.chain IS NOT coalesce(NEW.tenant_code, '*')
  OR length(NEW.hash) IS NOT 64
  OR NOT EXISTS (SELECT 1 FROM audit_chains h
                 WHERE h.chain = NEW.chain AND NEW.seq = h.seq + 1 AND NEW.previous_hash = h.hash)
BEGIN
    SELECT RAISE(ABORT, 'audit-chain: an event follows the last one of its chain and names its hash');
END;

CREATE TRIGGER audit_events_move_the_head AFTER INSERT ON audit_events
BEGIN
    UPDATE audit_chains SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
END;

-- Still never changed, but for an unchained event given its place once.
DROP TRIGGER audit_events_never_change;
CREATE TRIGGER audit_events_never_change BEFORE UPDATE ON audit_events
WHEN NOT (OLD.hash IS NULL AND NEW.id = OLD.id AND NEW.at_ms = OLD.at_ms AND NEW.kind = OLD.kind
          AND NEW.tenant_code IS OLD.tenant_code AND NEW.user_id IS OLD.user_id
          AND NEW.subject IS OLD.subject AND NEW.detail IS OLD.detail AND NEW.client_ip IS OLD.client_ip
          AND NEW.user_agent IS OLD.user_agent AND NEW.request_id IS OLD.request_id
          AND NEW.chain IS coalesce(NEW.tenant_code, '*') AND length(NEW.hash) IS 64
          AND EXISTS (SELECT 1 FROM audit_chains h
                      WHERE h.chain = NEW.chain AND NEW.seq = h.seq + 1 AND NEW.previous_hash = h.hash))
BEGIN
    SELECT RAISE(ABORT, 'audit events are never changed');
END;

CREATE TRIGGER audit_events_chained_move_the_head AFTER UPDATE ON audit_events
BEGIN
    UPDATE audit_chains SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
END;

CREATE TRIGGER audit_chains_start_empty BEFORE INSERT ON audit_chains
WHEN NEW.seq <> 0 OR NEW.hash <> '0000000000000000000000000000000000000000000000000000000000000000'
BEGIN
    SELECT RAISE(ABORT, 'audit-chain: a chain starts empty');
END;

-- INSERT OR REPLACE would start a chain again: a second start is ignored instead.
CREATE TRIGGER audit_chains_never_replaced BEFORE INSERT ON audit_chains
WHEN EXISTS (SELECT 1 FROM audit_chains WHERE chain = NEW.chain)
BEGIN
    SELECT RAISE(IGNORE);
END;

CREATE TRIGGER audit_chains_follow_events BEFORE UPDATE ON audit_chains
WHEN NOT (NEW.chain = OLD.chain
          AND ((NEW.seq = OLD.seq AND NEW.hash = OLD.hash)
               OR (NEW.seq = OLD.seq + 1
                   AND EXISTS (SELECT 1 FROM audit_events WHERE chain = NEW.chain AND seq = NEW.seq AND hash = NEW.hash))))
BEGIN
    SELECT RAISE(ABORT, 'audit-chain: the head only follows the events');
END;

CREATE TRIGGER audit_chains_never_deleted BEFORE DELETE ON audit_chains
BEGIN
    SELECT RAISE(ABORT, 'audit-chain: a chain is never removed');
END;
