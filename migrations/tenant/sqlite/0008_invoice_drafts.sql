-- Invoices, starting with drafts: no number, freely changed and deleted. Issuing (a later
-- migration) adds the number, the seller's identity as issued, the PDF and its hash, and the
-- triggers that freeze an issued invoice. A customer with invoices cannot be deleted.
CREATE TABLE invoices (
    id              TEXT PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('draft')),
    customer_id     TEXT NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    issue_date      TEXT NOT NULL CHECK (issue_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    due_date        TEXT NOT NULL CHECK (due_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND due_date >= issue_date),
    category        TEXT NOT NULL CHECK (category IN ('goods', 'services', 'mixed')),
    payment_method  TEXT CHECK (payment_method IS NULL OR payment_method IN ('transfer', 'card', 'cheque', 'cash')),
    exemption       TEXT CHECK (exemption IS NULL OR length(exemption) BETWEEN 1 AND 200),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    created_by      TEXT NOT NULL
);
CREATE INDEX invoices_by_customer ON invoices (customer_id, issue_date);
CREATE INDEX invoices_by_status ON invoices (status, issue_date, id);

CREATE TABLE invoice_lines (
    id                  TEXT PRIMARY KEY,
    invoice_id          TEXT NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    position            INTEGER NOT NULL CHECK (position BETWEEN 1 AND 500),
    article_id          TEXT REFERENCES articles (id),
    designation         TEXT NOT NULL CHECK (length(trim(designation)) BETWEEN 1 AND 200),
    unit                TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 12),
    qty_milli           BIGINT NOT NULL CHECK (qty_milli BETWEEN 1 AND 1000000000000),
    unit_price_minor    BIGINT NOT NULL CHECK (unit_price_minor BETWEEN 1 AND 100000000000),
    discount_bp         INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),
    vat_bp              INTEGER NOT NULL CHECK (vat_bp BETWEEN 0 AND 10000),
    UNIQUE (invoice_id, position)
);
