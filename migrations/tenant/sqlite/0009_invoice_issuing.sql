-- Issuing: an invoice takes the next number of its series and fiscal year, keeps the document
-- it was issued as (both parties' identities, lines and totals, as JSON), its totals for lists,
-- its PDF's exact bytes (invoice_pdfs) and their SHA-256. From then on nothing of it changes:
-- the triggers below refuse any write to an issued invoice, its lines or its PDF, whatever the
-- statement (the services refuse first, with a translated error).
--
-- SQLite lets INSERT OR REPLACE and UPDATE OR REPLACE delete a conflicting row without firing
-- delete triggers, so the insert and update triggers also refuse any statement that would take
-- the key of an issued row, and ids never change.
--
-- Numbers: document_counters holds the last sequence per series and fiscal year. The issuing
-- transaction steps it by one (an upsert, under SQLite's write lock or PostgreSQL's row lock)
-- and gives that sequence to the invoice; an invoice becomes issued only with the counter's
-- current value, and a counter only ever steps by one, so numbers have no gap and no duplicate.
-- (An upsert fires the insert trigger even when it updates, so that trigger can only check the
-- starting value; a counter reset by INSERT OR REPLACE would make the next issue collide with
-- the unique number index and fail, never reuse a number.)

DROP INDEX invoices_by_status;
ALTER TABLE invoices DROP COLUMN status;
ALTER TABLE invoices ADD COLUMN status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued'));
ALTER TABLE invoices ADD COLUMN series TEXT CHECK (series IS NULL OR series IN ('invoice', 'credit-note'));
ALTER TABLE invoices ADD COLUMN fiscal_year INTEGER CHECK (fiscal_year IS NULL OR fiscal_year BETWEEN 2000 AND 2999);
ALTER TABLE invoices ADD COLUMN sequence BIGINT CHECK (sequence IS NULL OR sequence >= 1);
ALTER TABLE invoices ADD COLUMN number TEXT CHECK (number IS NULL OR length(number) BETWEEN 8 AND 40);
ALTER TABLE invoices ADD COLUMN net_minor BIGINT;
ALTER TABLE invoices ADD COLUMN vat_minor BIGINT;
ALTER TABLE invoices ADD COLUMN total_minor BIGINT;
ALTER TABLE invoices ADD COLUMN document TEXT;
ALTER TABLE invoices ADD COLUMN pdf_sha256 TEXT
    CHECK (pdf_sha256 IS NULL OR (length(pdf_sha256) = 64 AND pdf_sha256 NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE invoices ADD COLUMN verification_id TEXT CHECK (verification_id IS NULL OR length(verification_id) = 26);
ALTER TABLE invoices ADD COLUMN issued_at BIGINT;
ALTER TABLE invoices ADD COLUMN issued_by TEXT;

CREATE INDEX invoices_by_status ON invoices (status, issue_date, id);
CREATE UNIQUE INDEX invoices_by_number ON invoices (number);
CREATE UNIQUE INDEX invoices_by_sequence ON invoices (series, fiscal_year, sequence);
CREATE UNIQUE INDEX invoices_by_verification ON invoices (verification_id);
CREATE INDEX invoices_by_hash ON invoices (pdf_sha256);

CREATE TABLE invoice_pdfs (
    invoice_id  TEXT PRIMARY KEY REFERENCES invoices (id) ON DELETE RESTRICT,
    pdf         BLOB NOT NULL CHECK (length(pdf) > 0)
);

CREATE TABLE document_counters (
    series          TEXT NOT NULL CHECK (series IN ('invoice', 'credit-note')),
    fiscal_year     INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2999),
    last_sequence   BIGINT NOT NULL CHECK (last_sequence >= 1),
    PRIMARY KEY (series, fiscal_year)
);

CREATE TRIGGER invoices_issued_never_inserted BEFORE INSERT ON invoices
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: an invoice is born a draft') WHERE NEW.status <> 'draft';
    SELECT RAISE(ABORT, 'invoice-issued: an issued invoice is never replaced')
     WHERE EXISTS (SELECT 1 FROM invoices WHERE id = NEW.id AND status <> 'draft');
END;

CREATE TRIGGER invoices_issued_never_changed BEFORE UPDATE ON invoices
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: an issued invoice never changes') WHERE OLD.status <> 'draft';
    SELECT RAISE(ABORT, 'invoice-issued: an invoice keeps its id') WHERE NEW.id <> OLD.id;
    SELECT RAISE(ABORT, 'invoice-issued: a draft has no number')
     WHERE NEW.status = 'draft' AND (NEW.series IS NOT NULL OR NEW.fiscal_year IS NOT NULL OR NEW.sequence IS NOT NULL
           OR NEW.number IS NOT NULL OR NEW.document IS NOT NULL OR NEW.pdf_sha256 IS NOT NULL
           OR NEW.verification_id IS NOT NULL OR NEW.issued_at IS NOT NULL);
    SELECT RAISE(ABORT, 'invoice-issued: an issued invoice has its number, document, PDF and hash')
     WHERE NEW.status = 'issued' AND (NEW.series IS NULL OR NEW.fiscal_year IS NULL OR NEW.sequence IS NULL
           OR NEW.number IS NULL OR NEW.document IS NULL OR NEW.pdf_sha256 IS NULL OR NEW.verification_id IS NULL
           OR NEW.net_minor IS NULL OR NEW.vat_minor IS NULL OR NEW.total_minor IS NULL
           OR NEW.issued_at IS NULL OR NEW.issued_by IS NULL
           OR NEW.fiscal_year <> CAST(substr(NEW.issue_date, 1, 4) AS INTEGER)
           OR NOT EXISTS (SELECT 1 FROM invoice_pdfs WHERE invoice_id = NEW.id)
           OR NOT EXISTS (SELECT 1 FROM invoice_lines WHERE invoice_id = NEW.id));
    SELECT RAISE(ABORT, 'invoice-issued: a number is the counter''s next one')
     WHERE NEW.status = 'issued' AND (
           NOT EXISTS (SELECT 1 FROM document_counters c WHERE c.series = NEW.series
                         AND c.fiscal_year = NEW.fiscal_year AND c.last_sequence = NEW.sequence)
           OR EXISTS (SELECT 1 FROM invoices o WHERE o.id <> NEW.id AND (o.number = NEW.number
                         OR o.verification_id = NEW.verification_id
                         OR (o.series = NEW.series AND o.fiscal_year = NEW.fiscal_year AND o.sequence = NEW.sequence))));
END;

CREATE TRIGGER invoices_issued_never_deleted BEFORE DELETE ON invoices
WHEN OLD.status <> 'draft'
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: an issued invoice is kept');
END;

CREATE TRIGGER invoice_lines_issued_never_inserted BEFORE INSERT ON invoice_lines
WHEN EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND status <> 'draft')
  OR EXISTS (SELECT 1 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
              WHERE l.id = NEW.id AND i.status <> 'draft')
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: the lines of an issued invoice never change');
END;

CREATE TRIGGER invoice_lines_issued_never_changed BEFORE UPDATE ON invoice_lines
WHEN NEW.id <> OLD.id
  OR EXISTS (SELECT 1 FROM invoices WHERE id IN (OLD.invoice_id, NEW.invoice_id) AND status <> 'draft')
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: the lines of an issued invoice never change');
END;

CREATE TRIGGER invoice_lines_issued_never_deleted BEFORE DELETE ON invoice_lines
WHEN EXISTS (SELECT 1 FROM invoices WHERE id = OLD.invoice_id AND status <> 'draft')
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: the lines of an issued invoice never change');
END;

CREATE TRIGGER invoice_pdfs_written_once BEFORE INSERT ON invoice_pdfs
WHEN EXISTS (SELECT 1 FROM invoice_pdfs WHERE invoice_id = NEW.invoice_id)
  OR NOT EXISTS (SELECT 1 FROM invoices WHERE id = NEW.invoice_id AND status = 'draft')
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: a PDF is written once, while its invoice is being issued');
END;

CREATE TRIGGER invoice_pdfs_never_changed BEFORE UPDATE ON invoice_pdfs
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: an issued PDF never changes');
END;

CREATE TRIGGER invoice_pdfs_never_deleted BEFORE DELETE ON invoice_pdfs
BEGIN
    SELECT RAISE(ABORT, 'invoice-issued: an issued PDF is kept');
END;

CREATE TRIGGER document_counters_start_at_one BEFORE INSERT ON document_counters
WHEN NEW.last_sequence <> 1
BEGIN
    SELECT RAISE(ABORT, 'document-counter: a series starts at one and only steps by one');
END;

CREATE TRIGGER document_counters_step_by_one BEFORE UPDATE ON document_counters
WHEN NEW.last_sequence <> OLD.last_sequence + 1 OR NEW.series <> OLD.series OR NEW.fiscal_year <> OLD.fiscal_year
BEGIN
    SELECT RAISE(ABORT, 'document-counter: a series starts at one and only steps by one');
END;

CREATE TRIGGER document_counters_never_deleted BEFORE DELETE ON document_counters
BEGIN
    SELECT RAISE(ABORT, 'document-counter: a series starts at one and only steps by one');
END;
