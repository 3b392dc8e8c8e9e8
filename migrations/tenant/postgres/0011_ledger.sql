-- The inalterable ledger (CGI art. 286 I 3° bis): every issued invoice, credit note and
-- payment, and every closure, is one entry whose hash covers its fields and the hash before it
-- (domain::invoicing::ledger; docs/verification.md gives the canonical form). The service
-- computes the hash, in the transaction that issues or records; the database keeps the chain:
--
-- ledger_head holds the last entry's seq and hash (seq 0 and 64 zeros before the first). An
-- entry is accepted only as the next one, naming the head's hash as its previous; the head then
-- moves to it. Entries are never updated nor deleted, and the head only follows them.
-- An invoice's or credit note's entry must name an issued document with the same PDF SHA-256.
-- closed_through: the last day of the last closed period; nothing may be entered on or
-- before it but a closure. Writers lock the head row (FOR UPDATE) before reading it.

CREATE TABLE ledger_entries (
    seq             BIGINT PRIMARY KEY CHECK (seq >= 1),
    kind            TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note', 'payment', 'closure')),
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    entry_date      TEXT NOT NULL CHECK (entry_date ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'),
    fields          TEXT NOT NULL,
    previous_hash   TEXT NOT NULL CHECK (length(previous_hash) = 64),
    hash            TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    recorded_at     BIGINT NOT NULL,
    UNIQUE (kind, entity_id)
);
CREATE INDEX ledger_entries_by_date ON ledger_entries (entry_date, seq);

CREATE TABLE ledger_head (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    seq             BIGINT NOT NULL,
    hash            TEXT NOT NULL,
    closed_through  TEXT
);
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION ledger_entries_follow_the_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM ledger_head h WHERE h.id = 1 AND NEW.seq = h.seq + 1 AND NEW.previous_hash = h.hash) THEN
        RAISE EXCEPTION 'ledger-chain: an entry follows the last one and names its hash';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_entries_follow_the_head BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_follow_the_head();

CREATE FUNCTION ledger_entries_after_closure() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind <> 'closure' AND EXISTS (SELECT 1 FROM ledger_head h WHERE h.id = 1 AND h.closed_through IS NOT NULL
                                          AND NEW.entry_date <= h.closed_through) THEN
        RAISE EXCEPTION 'period-closed: nothing is entered in a closed period';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_entries_after_closure BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_after_closure();

CREATE FUNCTION ledger_entries_name_issued_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind IN ('invoice', 'credit-note') AND NOT EXISTS (
        SELECT 1 FROM invoices i WHERE i.id = NEW.entity_id AND i.status = 'issued' AND i.number = NEW.entity
           AND i.series = CASE NEW.kind WHEN 'invoice' THEN 'invoice' ELSE 'credit-note' END
           AND i.pdf_sha256 = NEW.fields::jsonb ->> 'pdf_sha256') THEN
        RAISE EXCEPTION 'ledger-chain: a document''s entry names it as issued, with its PDF''s hash';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_entries_name_issued_documents BEFORE INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_name_issued_documents();

CREATE FUNCTION ledger_entries_move_the_head() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ledger_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER ledger_entries_move_the_head AFTER INSERT ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_move_the_head();

CREATE FUNCTION ledger_entries_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger-chain: a ledger entry is kept as it was written';
END;
$$;
CREATE TRIGGER ledger_entries_never_changed BEFORE UPDATE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_kept();
CREATE TRIGGER ledger_entries_never_deleted BEFORE DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_kept();
CREATE TRIGGER ledger_entries_never_truncated BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION ledger_head_follows_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'INSERT')
       OR NOT ((NEW.seq = OLD.seq AND NEW.hash = OLD.hash)
               OR (NEW.seq = OLD.seq + 1 AND EXISTS (SELECT 1 FROM ledger_entries WHERE seq = NEW.seq AND hash = NEW.hash)))
       OR (OLD.closed_through IS NOT NULL AND (NEW.closed_through IS NULL OR NEW.closed_through < OLD.closed_through))
       OR (NEW.closed_through IS DISTINCT FROM OLD.closed_through
           AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE seq = NEW.seq AND kind = 'closure'
                            AND entry_date = NEW.closed_through)) THEN
        RAISE EXCEPTION 'ledger-chain: the head only follows the entries, and only a closure closes a period';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ledger_head_follows_entries BEFORE UPDATE ON ledger_head
    FOR EACH ROW EXECUTE FUNCTION ledger_head_follows_entries();
CREATE TRIGGER ledger_head_only_one BEFORE INSERT ON ledger_head
    FOR EACH ROW EXECUTE FUNCTION ledger_head_follows_entries();
CREATE TRIGGER ledger_head_never_deleted BEFORE DELETE ON ledger_head
    FOR EACH ROW EXECUTE FUNCTION ledger_head_follows_entries();
CREATE TRIGGER ledger_head_never_truncated BEFORE TRUNCATE ON ledger_head
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
