-- Issuing: an invoice takes the next number of its series and fiscal year, keeps the document
-- it was issued as (both parties' identities, lines and totals, as JSON), its totals for lists,
-- its PDF's exact bytes (invoice_pdfs) and their SHA-256. From then on nothing of it changes:
-- the triggers below refuse any write to an issued invoice, its lines or its PDF (the services
-- refuse first, with a translated error). Trigger names match the SQLite schema's; TRUNCATE,
-- which SQLite does not have, is refused here too.
--
-- Numbers: document_counters holds the last sequence per series and fiscal year. The issuing
-- transaction steps it by one (an upsert, which holds the counter's row lock until commit) and
-- gives that sequence to the invoice; an invoice becomes issued only with the counter's current
-- value, and a counter only ever steps by one, so numbers have no gap and no duplicate.

ALTER TABLE invoices DROP CONSTRAINT invoices_status_check;
ALTER TABLE invoices ADD CONSTRAINT invoices_status_check CHECK (status IN ('draft', 'issued'));
ALTER TABLE invoices ALTER COLUMN status SET DEFAULT 'draft';
ALTER TABLE invoices ADD COLUMN series TEXT CHECK (series IS NULL OR series IN ('invoice', 'credit-note'));
ALTER TABLE invoices ADD COLUMN fiscal_year INTEGER CHECK (fiscal_year IS NULL OR fiscal_year BETWEEN 2000 AND 2999);
ALTER TABLE invoices ADD COLUMN sequence BIGINT CHECK (sequence IS NULL OR sequence >= 1);
ALTER TABLE invoices ADD COLUMN number TEXT CHECK (number IS NULL OR length(number) BETWEEN 8 AND 40);
ALTER TABLE invoices ADD COLUMN net_minor BIGINT;
ALTER TABLE invoices ADD COLUMN vat_minor BIGINT;
ALTER TABLE invoices ADD COLUMN total_minor BIGINT;
ALTER TABLE invoices ADD COLUMN document TEXT;
ALTER TABLE invoices ADD COLUMN pdf_sha256 TEXT CHECK (pdf_sha256 IS NULL OR pdf_sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE invoices ADD COLUMN verification_id TEXT CHECK (verification_id IS NULL OR length(verification_id) = 26);
ALTER TABLE invoices ADD COLUMN issued_at BIGINT;
ALTER TABLE invoices ADD COLUMN issued_by TEXT;

CREATE UNIQUE INDEX invoices_by_number ON invoices (number);
CREATE UNIQUE INDEX invoices_by_sequence ON invoices (series, fiscal_year, sequence);
CREATE UNIQUE INDEX invoices_by_verification ON invoices (verification_id);
CREATE INDEX invoices_by_hash ON invoices (pdf_sha256);

CREATE TABLE invoice_pdfs (
    invoice_id  TEXT PRIMARY KEY REFERENCES invoices (id) ON DELETE RESTRICT,
    pdf         BYTEA NOT NULL CHECK (length(pdf) > 0)
);

CREATE TABLE document_counters (
    series          TEXT NOT NULL CHECK (series IN ('invoice', 'credit-note')),
    fiscal_year     INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2999),
    last_sequence   BIGINT NOT NULL CHECK (last_sequence >= 1),
    PRIMARY KEY (series, fiscal_year)
);

CREATE FUNCTION invoices_issued_never_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status <> 'draft' THEN
        RAISE EXCEPTION 'invoice-issued: an invoice is born a draft';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoices_issued_never_inserted BEFORE INSERT ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_issued_never_inserted();

CREATE FUNCTION invoices_issued_never_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' THEN
        RAISE EXCEPTION 'invoice-issued: an issued invoice never changes';
    END IF;
    IF NEW.id <> OLD.id THEN
        RAISE EXCEPTION 'invoice-issued: an invoice keeps its id';
    END IF;
    IF NEW.status = 'draft' AND (NEW.series IS NOT NULL OR NEW.fiscal_year IS NOT NULL OR NEW.sequence IS NOT NULL
           OR NEW.number IS NOT NULL OR NEW.document IS NOT NULL OR NEW.pdf_sha256 IS NOT NULL
           OR NEW.verification_id IS NOT NULL OR NEW.issued_at IS NOT NULL) THEN
        RAISE EXCEPTION 'invoice-issued: a draft has no number';
    END IF;
    IF NEW.status = 'issued' AND (NEW.series IS NULL OR NEW.fiscal_year IS NULL OR NEW.sequence IS NULL
           OR NEW.number IS NULL OR NEW.document IS NULL OR NEW.pdf_sha256 IS NULL OR NEW.verification_id IS NULL
           OR NEW.net_minor IS NULL OR NEW.vat_minor IS NULL OR NEW.total_minor IS NULL
           OR NEW.issued_at IS NULL OR NEW.issued_by IS NULL
           OR NEW.fiscal_year <> CAST(substr(NEW.issue_date, 1, 4) AS INTEGER)
           OR NOT EXISTS (SELECT 1 FROM invoice_pdfs p WHERE p.invoice_id = NEW.id
                            AND encode(sha256(p.pdf), 'hex') = NEW.pdf_sha256)
           OR NOT EXISTS (SELECT 1 FROM invoice_lines WHERE invoice_id = NEW.id)) THEN
        RAISE EXCEPTION 'invoice-issued: an issued invoice has its number, document, PDF and hash';
    END IF;
    IF NEW.status = 'issued' AND NOT EXISTS (SELECT 1 FROM document_counters c WHERE c.series = NEW.series
           AND c.fiscal_year = NEW.fiscal_year AND c.last_sequence = NEW.sequence) THEN
        RAISE EXCEPTION 'invoice-issued: a number is the counter''s next one';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoices_issued_never_changed BEFORE UPDATE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_issued_never_changed();

CREATE FUNCTION invoices_issued_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' THEN
        RAISE EXCEPTION 'invoice-issued: an issued invoice is kept';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER invoices_issued_never_deleted BEFORE DELETE ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_issued_never_deleted();

-- One function for the three events of a line: the invoice it belongs to (before and after)
-- must be a draft.
CREATE FUNCTION invoice_lines_of_drafts_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM invoices WHERE id = OLD.invoice_id AND status <> 'draft'))
       OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND status <> 'draft'))
       OR (TG_OP = 'UPDATE' AND NEW.id <> OLD.id) THEN
        RAISE EXCEPTION 'invoice-issued: the lines of an issued invoice never change';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_lines_issued_never_inserted BEFORE INSERT ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_of_drafts_only();
CREATE TRIGGER invoice_lines_issued_never_changed BEFORE UPDATE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_of_drafts_only();
CREATE TRIGGER invoice_lines_issued_never_deleted BEFORE DELETE ON invoice_lines
    FOR EACH ROW EXECUTE FUNCTION invoice_lines_of_drafts_only();

CREATE FUNCTION invoice_pdfs_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND status = 'draft') THEN
        RAISE EXCEPTION 'invoice-issued: a PDF is written once, while its invoice is being issued';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_pdfs_written_once BEFORE INSERT ON invoice_pdfs
    FOR EACH ROW EXECUTE FUNCTION invoice_pdfs_written_once();

CREATE FUNCTION invoice_pdfs_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'invoice-issued: an issued PDF never changes and is kept';
END;
$$;
CREATE TRIGGER invoice_pdfs_never_changed BEFORE UPDATE ON invoice_pdfs
    FOR EACH ROW EXECUTE FUNCTION invoice_pdfs_kept();
CREATE TRIGGER invoice_pdfs_never_deleted BEFORE DELETE ON invoice_pdfs
    FOR EACH ROW EXECUTE FUNCTION invoice_pdfs_kept();

CREATE FUNCTION document_counters_step_by_one() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'INSERT' AND NEW.last_sequence <> 1)
       OR (TG_OP = 'UPDATE' AND (NEW.last_sequence <> OLD.last_sequence + 1 OR NEW.series <> OLD.series
                                 OR NEW.fiscal_year <> OLD.fiscal_year)) THEN
        RAISE EXCEPTION 'document-counter: a series starts at one and only steps by one';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER document_counters_start_at_one BEFORE INSERT ON document_counters
    FOR EACH ROW EXECUTE FUNCTION document_counters_step_by_one();
CREATE TRIGGER document_counters_step_by_one BEFORE UPDATE ON document_counters
    FOR EACH ROW EXECUTE FUNCTION document_counters_step_by_one();
CREATE TRIGGER document_counters_never_deleted BEFORE DELETE ON document_counters
    FOR EACH ROW EXECUTE FUNCTION document_counters_step_by_one();

CREATE TRIGGER invoices_never_truncated BEFORE TRUNCATE ON invoices
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER invoice_lines_never_truncated BEFORE TRUNCATE ON invoice_lines
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER invoice_pdfs_never_truncated BEFORE TRUNCATE ON invoice_pdfs
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER document_counters_never_truncated BEFORE TRUNCATE ON document_counters
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
