-- Credit notes and payments.
--
-- A credit note is an invoice row of the 'credit-note' series that names the invoice it
-- credits (credited_invoice_id) and, line by line, the invoice line it takes back
-- (credits_line_id). It is born a draft and issued in the same transaction, under the same
-- immutability triggers as an invoice. At its issue, the database checks the two ceilings:
-- no line is credited beyond its invoiced quantity, and the credit notes of an invoice never
-- total more than it.
--
-- invoice_balances: one row per issued invoice, opened by the issue itself, holding what the
-- invoice amounts to, what its credit notes took back and what payments settled. Only the
-- triggers below move it, and its guard checks on every change that both sums equal what the
-- payments and credit notes say: a hand-written UPDATE is refused. Lists filter and sort on
-- it (status, overdue) without adding up payments per row.
--
-- invoice_payments: append-only. A payment settles an issued invoice, is dated on or after the
-- invoice, and never exceeds what is still due when it is recorded. Its stamp duty (Algeria,
-- cash) is kept beside it.
--
-- Concurrency: the checks lock the invoice's balance row first (FOR UPDATE), so two payments
-- or two credit notes of one invoice are checked one after the other, each against what the
-- other committed.

ALTER TABLE invoices ADD COLUMN credited_invoice_id TEXT REFERENCES invoices (id);
CREATE INDEX invoices_by_credited ON invoices (credited_invoice_id);
ALTER TABLE invoice_lines ADD COLUMN credits_line_id TEXT REFERENCES invoice_lines (id);
CREATE INDEX invoice_lines_by_credited ON invoice_lines (credits_line_id);

CREATE TABLE invoice_balances (
    invoice_id      TEXT PRIMARY KEY REFERENCES invoices (id),
    number          TEXT NOT NULL,
    customer_id     TEXT NOT NULL REFERENCES customers (id),
    issue_date      TEXT NOT NULL,
    due_date        TEXT NOT NULL,
    total_minor     BIGINT NOT NULL CHECK (total_minor > 0),
    credited_minor  BIGINT NOT NULL CHECK (credited_minor BETWEEN 0 AND total_minor),
    paid_minor      BIGINT NOT NULL CHECK (paid_minor >= 0)
);
CREATE INDEX invoice_balances_by_date ON invoice_balances (issue_date, number);
CREATE INDEX invoice_balances_by_customer ON invoice_balances (customer_id, issue_date, number);
CREATE INDEX invoice_balances_by_due ON invoice_balances (due_date, invoice_id);

CREATE TABLE invoice_payments (
    id                  TEXT PRIMARY KEY,
    invoice_id          TEXT NOT NULL REFERENCES invoices (id),
    customer_id         TEXT NOT NULL REFERENCES customers (id),
    paid_on             TEXT NOT NULL CHECK (paid_on ~ '^[12][0-9]{3}-[01][0-9]-[0-3][0-9]$'),
    amount_minor        BIGINT NOT NULL CHECK (amount_minor > 0),
    method              TEXT NOT NULL CHECK (method IN ('transfer', 'card', 'cheque', 'cash')),
    reference           TEXT CHECK (reference IS NULL OR length(reference) BETWEEN 1 AND 100),
    stamp_duty_minor    BIGINT NOT NULL CHECK (stamp_duty_minor >= 0),
    recorded_at         BIGINT NOT NULL,
    recorded_by         TEXT NOT NULL
);
CREATE INDEX invoice_payments_by_invoice ON invoice_payments (invoice_id, paid_on);
CREATE INDEX invoice_payments_by_customer ON invoice_payments (customer_id, paid_on);
CREATE INDEX invoices_credit_notes_by_customer ON invoices (customer_id, issue_date) WHERE series = 'credit-note';

-- What the invoicing pages add up (a list's totals, a statement's) changes only when a balance
-- moves: this version steps with every change of invoice_balances, so that a server process
-- keeps those sums between requests and recomputes them only when it moved. `instance` tells
-- this database from another one of the same company (a restored copy, a test's).
CREATE TABLE invoicing_version (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    instance    TEXT NOT NULL,
    version     BIGINT NOT NULL
);
INSERT INTO invoicing_version (id, instance, version) VALUES (1, md5(random()::text || clock_timestamp()::text), 0);

CREATE FUNCTION invoices_credit_notes_within_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.series = 'credit-note') <> (NEW.credited_invoice_id IS NOT NULL)
       OR (NEW.series = 'credit-note' AND NOT EXISTS (SELECT 1 FROM invoices o WHERE o.id = NEW.credited_invoice_id
              AND o.status = 'issued' AND o.series = 'invoice' AND o.customer_id = NEW.customer_id))
       OR (NEW.series = 'invoice' AND EXISTS (SELECT 1 FROM invoice_lines WHERE invoice_id = NEW.id
              AND credits_line_id IS NOT NULL))
       OR (NEW.series = 'credit-note' AND EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = NEW.id
              AND (l.credits_line_id IS NULL OR NOT EXISTS (SELECT 1 FROM invoice_lines o
                     WHERE o.id = l.credits_line_id AND o.invoice_id = NEW.credited_invoice_id)))) THEN
        RAISE EXCEPTION 'credit-note: a credit note, and only a credit note, names the issued invoice of its customer it credits';
    END IF;
    IF NEW.series <> 'credit-note' THEN
        RETURN NEW;
    END IF;
    PERFORM 1 FROM invoice_balances WHERE invoice_id = NEW.credited_invoice_id FOR UPDATE;
    IF EXISTS (SELECT 1 FROM invoice_lines o WHERE o.invoice_id = NEW.credited_invoice_id
                 AND o.qty_milli < (SELECT COALESCE(SUM(c.qty_milli), 0) FROM invoice_lines c
                                      JOIN invoices ci ON ci.id = c.invoice_id
                                     WHERE c.credits_line_id = o.id AND (ci.status = 'issued' OR ci.id = NEW.id))) THEN
        RAISE EXCEPTION 'credit-above-line: a line is never credited beyond its invoiced quantity';
    END IF;
    IF (SELECT total_minor FROM invoices WHERE id = NEW.credited_invoice_id)
       < NEW.total_minor + (SELECT COALESCE(SUM(total_minor), 0) FROM invoices
                             WHERE credited_invoice_id = NEW.credited_invoice_id AND status = 'issued') THEN
        RAISE EXCEPTION 'credit-above-invoice: the credit notes of an invoice never total more than it';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoices_credit_notes_within_invoice BEFORE UPDATE ON invoices
    FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'issued')
    EXECUTE FUNCTION invoices_credit_notes_within_invoice();

CREATE FUNCTION invoices_balance_on_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.series = 'invoice' THEN
        INSERT INTO invoice_balances (invoice_id, number, customer_id, issue_date, due_date, total_minor, credited_minor, paid_minor)
        VALUES (NEW.id, NEW.number, NEW.customer_id, NEW.issue_date, NEW.due_date, NEW.total_minor, 0, 0);
    ELSE
        UPDATE invoice_balances SET credited_minor = credited_minor + NEW.total_minor
         WHERE invoice_id = NEW.credited_invoice_id;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER invoices_balance_on_issue AFTER UPDATE ON invoices
    FOR EACH ROW WHEN (OLD.status = 'draft' AND NEW.status = 'issued')
    EXECUTE FUNCTION invoices_balance_on_issue();

CREATE FUNCTION invoice_balances_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (TG_OP = 'INSERT' AND (NEW.credited_minor <> 0 OR NEW.paid_minor <> 0
           OR NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = NEW.invoice_id AND i.status = 'issued'
                            AND i.series = 'invoice' AND i.number = NEW.number AND i.customer_id = NEW.customer_id
                            AND i.issue_date = NEW.issue_date AND i.due_date = NEW.due_date
                            AND i.total_minor = NEW.total_minor)))
       OR (TG_OP = 'UPDATE' AND (NEW.invoice_id <> OLD.invoice_id OR NEW.number <> OLD.number OR NEW.customer_id <> OLD.customer_id
           OR NEW.issue_date <> OLD.issue_date OR NEW.due_date <> OLD.due_date OR NEW.total_minor <> OLD.total_minor
           OR NEW.paid_minor <> (SELECT COALESCE(SUM(amount_minor), 0) FROM invoice_payments
                                  WHERE invoice_id = NEW.invoice_id)
           OR NEW.credited_minor <> (SELECT COALESCE(SUM(total_minor), 0) FROM invoices
                                      WHERE credited_invoice_id = NEW.invoice_id AND status = 'issued'))) THEN
        RAISE EXCEPTION 'invoice-balance: a balance is opened by its invoice''s issue, and only moved by payments and credit notes';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_balances_opened_on_issue BEFORE INSERT ON invoice_balances
    FOR EACH ROW EXECUTE FUNCTION invoice_balances_guard();
CREATE TRIGGER invoice_balances_follow_payments_and_credits BEFORE UPDATE ON invoice_balances
    FOR EACH ROW EXECUTE FUNCTION invoice_balances_guard();
CREATE TRIGGER invoice_balances_never_deleted BEFORE DELETE ON invoice_balances
    FOR EACH ROW EXECUTE FUNCTION invoice_balances_guard();

CREATE FUNCTION invoice_payments_within_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM (SELECT * FROM invoice_balances WHERE invoice_id = NEW.invoice_id FOR UPDATE) b
                    WHERE NEW.paid_on >= b.issue_date AND b.customer_id = NEW.customer_id
                      AND NEW.amount_minor <= b.total_minor - b.credited_minor - b.paid_minor) THEN
        RAISE EXCEPTION 'payment-above-due: a payment settles an issued invoice, on or after its date, within what is due';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_payments_within_due BEFORE INSERT ON invoice_payments
    FOR EACH ROW EXECUTE FUNCTION invoice_payments_within_due();

CREATE FUNCTION invoice_payments_settle() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE invoice_balances SET paid_minor = paid_minor + NEW.amount_minor WHERE invoice_id = NEW.invoice_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER invoice_payments_settle AFTER INSERT ON invoice_payments
    FOR EACH ROW EXECUTE FUNCTION invoice_payments_settle();

CREATE FUNCTION invoice_payments_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'invoice-payment: a recorded payment is kept as it was recorded';
END;
$$;
CREATE TRIGGER invoice_payments_never_changed BEFORE UPDATE ON invoice_payments
    FOR EACH ROW EXECUTE FUNCTION invoice_payments_kept();
CREATE TRIGGER invoice_payments_never_deleted BEFORE DELETE ON invoice_payments
    FOR EACH ROW EXECUTE FUNCTION invoice_payments_kept();

CREATE TRIGGER invoice_balances_never_truncated BEFORE TRUNCATE ON invoice_balances
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER invoice_payments_never_truncated BEFORE TRUNCATE ON invoice_payments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION invoicing_step_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE invoicing_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER invoice_balances_step_version AFTER INSERT ON invoice_balances
    FOR EACH ROW EXECUTE FUNCTION invoicing_step_version();
CREATE TRIGGER invoice_balances_moved_step_version AFTER UPDATE ON invoice_balances
    FOR EACH ROW EXECUTE FUNCTION invoicing_step_version();
