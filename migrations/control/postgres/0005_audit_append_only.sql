-- The audit log only grows (A31): an event is never changed, deleted or emptied, even by SQL
-- typed by hand. Trigger names match the SQLite schema's; SQLite alone needs
-- audit_events_never_replaced (for INSERT OR REPLACE), PostgreSQL alone refuses TRUNCATE.

CREATE FUNCTION audit_events_never_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit events are never changed, deleted or emptied';
END;
$$;

CREATE TRIGGER audit_events_never_change BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_never_change();
CREATE TRIGGER audit_events_never_deleted BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_never_change();
CREATE TRIGGER audit_events_never_truncated BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_never_change();
