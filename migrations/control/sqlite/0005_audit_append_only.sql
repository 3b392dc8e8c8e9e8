-- The audit log only grows (A31): an event is never changed, deleted or replaced, even by SQL
-- typed by hand (INSERT OR REPLACE with an existing id would otherwise delete the original
-- without firing a delete trigger).

CREATE TRIGGER audit_events_never_change BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are never changed');
END;

CREATE TRIGGER audit_events_never_deleted BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are never deleted');
END;

CREATE TRIGGER audit_events_never_replaced BEFORE INSERT ON audit_events
WHEN EXISTS (SELECT 1 FROM audit_events WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit events are never replaced');
END;
