-- Personal data (issue 16, domain::governance::personal_data).
--
-- An erased customer carries when it was erased. An individual loses its name, street, delivery
-- address and e-mail; a business (whose identity is a company's, not a person's) its contact
-- e-mail. Its missions lose their caller's name and phone, and an individual's its street. Issued
-- invoices keep the identity they were issued with, as the law wants (their triggers refuse any
-- change anyway). The database refuses an erasure that leaves a personal field, an erased
-- individual's data coming back, and any other change of a closed mission than its erasure
-- (once erased, a closed mission changes no more).

ALTER TABLE customers ADD COLUMN anonymised_at BIGINT;
ALTER TABLE missions ADD COLUMN anonymised_at BIGINT;

CREATE TRIGGER customers_erasure_complete BEFORE UPDATE ON customers
WHEN NEW.anonymised_at IS NOT NULL AND NEW.anonymised_at IS NOT OLD.anonymised_at
 AND (NEW.email IS NOT NULL
      OR (NEW.kind = 'individual' AND (NEW.legal_name NOT LIKE 'anonymised-%' OR NEW.street <> '-'
                                       OR NEW.street2 IS NOT NULL OR NEW.delivery_street IS NOT NULL)))
BEGIN
    SELECT RAISE(ABORT, 'customer-anonymised: an erasure leaves no personal field');
END;

CREATE TRIGGER customers_erased_for_good BEFORE UPDATE ON customers
WHEN OLD.anonymised_at IS NOT NULL
 AND (NEW.anonymised_at IS NULL OR NEW.anonymised_at < OLD.anonymised_at
      OR (OLD.kind = 'individual'
          AND (NEW.kind IS NOT OLD.kind OR NEW.legal_name IS NOT OLD.legal_name OR NEW.street IS NOT OLD.street
               OR NEW.street2 IS NOT OLD.street2 OR NEW.delivery_street IS NOT OLD.delivery_street
               OR NEW.delivery_street2 IS NOT OLD.delivery_street2 OR NEW.email IS NOT OLD.email)))
BEGIN
    SELECT RAISE(ABORT, 'customer-anonymised: an erased person''s data never comes back');
END;

-- A closed mission is kept as it is, but for the erasure of its personal fields, once.
DROP TRIGGER missions_closed_never_change;
CREATE TRIGGER missions_closed_never_change BEFORE UPDATE ON missions
WHEN OLD.state IN ('invoiced', 'cancelled')
 AND NOT (OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL
          AND NEW.id = OLD.id AND NEW.number = OLD.number AND NEW.customer_id = OLD.customer_id
          AND NEW.site_id = OLD.site_id AND NEW.title = OLD.title AND NEW.description IS OLD.description
          AND NEW.postcode = OLD.postcode AND NEW.city = OLD.city AND NEW.priority = OLD.priority
          AND NEW.planned_start IS OLD.planned_start AND NEW.planned_minutes IS OLD.planned_minutes
          AND NEW.customer_reference IS OLD.customer_reference AND NEW.hourly_rate_minor IS OLD.hourly_rate_minor
          AND NEW.state = OLD.state AND NEW.state_since = OLD.state_since AND NEW.scheduled_at = OLD.scheduled_at
          AND NEW.invoice_id IS OLD.invoice_id AND NEW.drafted_minutes IS OLD.drafted_minutes
          AND NEW.created_by = OLD.created_by AND NEW.created_at = OLD.created_at AND NEW.updated_at = OLD.updated_at)
BEGIN
    SELECT RAISE(ABORT, 'mission-closed: an invoiced or cancelled mission is kept as it is');
END;

CREATE TRIGGER missions_erasure_complete BEFORE UPDATE ON missions
WHEN NEW.anonymised_at IS NOT NULL AND OLD.anonymised_at IS NULL
 AND (NEW.caller_phone IS NOT NULL OR NEW.caller_name NOT LIKE 'anonymised-%')
BEGIN
    SELECT RAISE(ABORT, 'customer-anonymised: an erasure leaves no personal field');
END;

-- A personal data export is a bulk operation the per-user limit counts (SQLite cannot change a
-- CHECK: the table is rebuilt with its rows).
CREATE TABLE rate_limited_actions_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms       BIGINT NOT NULL,
    user_id     TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    kind        TEXT NOT NULL CHECK (kind IN ('admin-action', 'stock-import', 'customers-import', 'stock-export',
                                              'reorder-export', 'customers-export', 'sales-journal', 'kpis-export',
                                              'retention-purge', 'personal-data-export'))
);
INSERT INTO rate_limited_actions_new (id, at_ms, user_id, kind) SELECT id, at_ms, user_id, kind FROM rate_limited_actions;
DROP TABLE rate_limited_actions;
ALTER TABLE rate_limited_actions_new RENAME TO rate_limited_actions;
CREATE INDEX rate_limited_actions_by_user ON rate_limited_actions (user_id, at_ms);
