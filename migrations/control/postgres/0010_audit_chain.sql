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

ALTER TABLE audit_events ADD COLUMN chain TEXT, ADD COLUMN seq BIGINT, ADD COLUMN previous_hash TEXT,
    ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_by_chain ON audit_events (chain, seq);
CREATE INDEX audit_unchained ON audit_events (id) WHERE hash IS NULL;

CREATE TABLE audit_chains (
    chain   TEXT PRIMARY KEY CHECK (chain = '*' OR length(chain) BETWEEN 2 AND 32),
    seq     BIGINT NOT NULL CHECK (seq >= 0),
    hash    TEXT NOT NULL CHECK (length(hash) = 64)
);

CREATE FUNCTION audit_events_next_link(e audit_events) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT e.chain IS NOT DISTINCT FROM coalesce(e.tenant_code, '*') AND length(e.hash) = 64
       AND EXISTS (SELECT 1 FROM audit_chains h
                   WHERE h.chain = e.chain AND e.seq = h.seq + 1 AND e.previous_hash = h.hash)
$$;

CREATE FUNCTION audit_events_follow_the_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT coalesce(audit_events_next_link(NEW), false) THEN
        RAISE EXCEPTION 'audit-chain: an event follows the last one of its chain and names its hash';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_events_follow_the_head BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_follow_the_head();

CREATE FUNCTION audit_events_move_the_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE audit_chains SET seq = NEW.seq, hash = NEW.hash WHERE chain = NEW.chain;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_events_move_the_head AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_move_the_head();

-- Still never changed, but for an unchained event given its place once.
CREATE FUNCTION audit_events_chained_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.hash IS NULL
       AND (NEW.id, NEW.at_ms, NEW.kind, NEW.tenant_code, NEW.user_id, NEW.subject, NEW.detail, NEW.client_ip,
            NEW.user_agent, NEW.request_id)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at_ms, OLD.kind, OLD.tenant_code, OLD.user_id, OLD.subject, OLD.detail, OLD.client_ip,
            OLD.user_agent, OLD.request_id)
       AND coalesce(audit_events_next_link(NEW), false) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit events are never changed';
END;
$$;
DROP TRIGGER audit_events_never_change ON audit_events;
CREATE TRIGGER audit_events_never_change BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_chained_once();
CREATE TRIGGER audit_events_chained_move_the_head AFTER UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_move_the_head();

CREATE FUNCTION audit_chains_follow_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.seq = 0 AND NEW.hash = '0000000000000000000000000000000000000000000000000000000000000000' THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.chain = OLD.chain
       AND ((NEW.seq = OLD.seq AND NEW.hash = OLD.hash)
            OR (NEW.seq = OLD.seq + 1
                AND EXISTS (SELECT 1 FROM audit_events WHERE chain = NEW.chain AND seq = NEW.seq AND hash = NEW.hash))) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit-chain: a chain starts empty, and its head only follows the events';
END;
$$;
CREATE TRIGGER audit_chains_start_empty BEFORE INSERT ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_follow_events();
CREATE TRIGGER audit_chains_follow_events BEFORE UPDATE ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_follow_events();
CREATE TRIGGER audit_chains_never_deleted BEFORE DELETE ON audit_chains
    FOR EACH ROW EXECUTE FUNCTION audit_chains_follow_events();
CREATE TRIGGER audit_chains_never_truncated BEFORE TRUNCATE ON audit_chains
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_never_change();
