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

CREATE FUNCTION customers_erasure_complete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.anonymised_at IS NOT NULL AND NEW.anonymised_at IS DISTINCT FROM OLD.anonymised_at
       AND (NEW.email IS NOT NULL
            OR (NEW.kind = 'individual' AND (NEW.legal_name NOT LIKE 'anonymised-%' OR NEW.street <> '-'
                                             OR NEW.street2 IS NOT NULL OR NEW.delivery_street IS NOT NULL))) THEN
        RAISE EXCEPTION 'customer-anonymised: an erasure leaves no personal field';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER customers_erasure_complete BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_erasure_complete();

CREATE FUNCTION customers_erased_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.anonymised_at IS NOT NULL
       AND (NEW.anonymised_at IS NULL OR NEW.anonymised_at < OLD.anonymised_at
            OR (OLD.kind = 'individual'
                AND (NEW.kind, NEW.legal_name, NEW.street, NEW.street2, NEW.delivery_street, NEW.delivery_street2, NEW.email)
                    IS DISTINCT FROM
                    (OLD.kind, OLD.legal_name, OLD.street, OLD.street2, OLD.delivery_street, OLD.delivery_street2, OLD.email))) THEN
        RAISE EXCEPTION 'customer-anonymised: an erased person''s data never comes back';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER customers_erased_for_good BEFORE UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_erased_for_good();

-- A closed mission is kept as it is, but for the erasure of its personal fields, once.
CREATE OR REPLACE FUNCTION missions_closed_never_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'mission-closed: a mission is cancelled, never deleted';
    END IF;
    IF OLD.state IN ('invoiced', 'cancelled')
       AND NOT (OLD.anonymised_at IS NULL AND NEW.anonymised_at IS NOT NULL
                AND to_jsonb(NEW) - ARRAY['caller_name', 'caller_phone', 'street', 'street2', 'search_text', 'anonymised_at']
                    = to_jsonb(OLD) - ARRAY['caller_name', 'caller_phone', 'street', 'street2', 'search_text', 'anonymised_at']) THEN
        RAISE EXCEPTION 'mission-closed: an invoiced or cancelled mission is kept as it is';
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION missions_erasure_complete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.anonymised_at IS NOT NULL AND OLD.anonymised_at IS NULL
       AND (NEW.caller_phone IS NOT NULL OR NEW.caller_name NOT LIKE 'anonymised-%') THEN
        RAISE EXCEPTION 'customer-anonymised: an erasure leaves no personal field';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER missions_erasure_complete BEFORE UPDATE ON missions
    FOR EACH ROW EXECUTE FUNCTION missions_erasure_complete();

-- A personal data export is a bulk operation the per-user limit counts.
ALTER TABLE rate_limited_actions DROP CONSTRAINT rate_limited_actions_kind_check;
ALTER TABLE rate_limited_actions ADD CONSTRAINT rate_limited_actions_kind_check CHECK (kind IN (
    'admin-action', 'stock-import', 'customers-import', 'stock-export', 'reorder-export', 'customers-export',
    'sales-journal', 'kpis-export', 'retention-purge', 'personal-data-export'));
