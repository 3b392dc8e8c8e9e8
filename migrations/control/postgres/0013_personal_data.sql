-- Personal data (issue 16, domain::governance::personal_data). An erased account keeps its id
-- (stock movements, time entries, invoices and the audit log name it) and loses everything
-- personal: its e-mail becomes anonymised-<id>@invalid, its name anonymised-<first 8 of the id>,
-- its password goes, and it stays disabled. The service does it with the rest of the erasure
-- (second factor, recovery codes, single sign-on links, sessions); the database refuses an
-- erasure that leaves something behind, any later change of an erased account, and any way back
-- in: no session, second factor or single sign-on link is ever attached to it again.

ALTER TABLE users ADD COLUMN anonymised_at_ms BIGINT;

CREATE FUNCTION users_erasure_complete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.anonymised_at_ms IS NULL AND NEW.anonymised_at_ms IS NOT NULL
       AND (NEW.email IS DISTINCT FROM 'anonymised-' || lower(NEW.id) || '@invalid'
            OR NEW.display_name NOT LIKE 'anonymised-%' OR NEW.password_hash IS NOT NULL
            OR NEW.disabled_at_ms IS NULL) THEN
        RAISE EXCEPTION 'user-anonymised: an erasure leaves no personal field and no password';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER users_erasure_complete BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_erasure_complete();

CREATE FUNCTION users_erased_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.anonymised_at_ms IS NOT NULL
       AND (NEW.anonymised_at_ms IS DISTINCT FROM OLD.anonymised_at_ms OR NEW.email IS DISTINCT FROM OLD.email
            OR NEW.display_name IS DISTINCT FROM OLD.display_name OR NEW.password_hash IS NOT NULL
            OR NEW.disabled_at_ms IS NULL) THEN
        RAISE EXCEPTION 'user-anonymised: an erased account never comes back';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER users_erased_for_good BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION users_erased_for_good();

CREATE FUNCTION never_for_the_erased() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND anonymised_at_ms IS NOT NULL) THEN
        RAISE EXCEPTION 'user-anonymised: an erased account never signs in';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER sessions_never_for_the_erased BEFORE INSERT ON sessions
    FOR EACH ROW EXECUTE FUNCTION never_for_the_erased();
CREATE TRIGGER sessions_never_become_the_erased BEFORE UPDATE OF user_id ON sessions
    FOR EACH ROW EXECUTE FUNCTION never_for_the_erased();
CREATE TRIGGER totp_never_for_the_erased BEFORE INSERT ON totp_secrets
    FOR EACH ROW EXECUTE FUNCTION never_for_the_erased();
CREATE TRIGGER sso_never_for_the_erased BEFORE INSERT ON sso_identities
    FOR EACH ROW EXECUTE FUNCTION never_for_the_erased();
