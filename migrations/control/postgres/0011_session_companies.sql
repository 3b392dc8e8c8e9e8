-- Retention (issue 16): a session belongs to the company it was working in (copied from the
-- session's data on every write, like its handle), so that a company's admins see and purge
-- their company's ended sessions. NULL: no company chosen (the platform's). An ended session
-- is kept a year after its end, as the record of who worked from where, then purged.
ALTER TABLE sessions ADD COLUMN tenant_code TEXT;
CREATE INDEX sessions_by_tenant ON sessions (tenant_code, expires_at_ms);
