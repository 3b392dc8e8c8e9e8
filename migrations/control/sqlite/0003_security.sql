-- Second factor, company sign-in rules, session details and the audit log (issue 3).

-- TOTP seed sealed under ATELIER_SECRET_KEY. confirmed_at_ms is NULL while the user enrols;
-- last_step is the last time step accepted, so no code is ever accepted twice (A15).
CREATE TABLE totp_secrets (
    user_id         TEXT PRIMARY KEY REFERENCES users (id),
    secret_sealed   TEXT NOT NULL,
    confirmed_at_ms INTEGER,
    last_step       INTEGER,
    created_at_ms   INTEGER NOT NULL
);

-- Recovery codes, stored as SHA-256 (they are 50 random bits, not user-chosen), each usable once.
CREATE TABLE recovery_codes (
    user_id         TEXT NOT NULL REFERENCES users (id),
    code_hash       TEXT NOT NULL,
    used_at_ms      INTEGER,
    PRIMARY KEY (user_id, code_hash)
);

-- A company's sign-in rules, set by its admins. No row means the defaults.
CREATE TABLE tenant_security (
    tenant_code         TEXT PRIMARY KEY REFERENCES tenants (code),
    -- comma-separated roles that must use a second factor
    mfa_roles           TEXT NOT NULL DEFAULT '',
    lockout_threshold   INTEGER NOT NULL DEFAULT 10 CHECK (lockout_threshold BETWEEN 3 AND 100),
    lockout_minutes     INTEGER NOT NULL DEFAULT 30 CHECK (lockout_minutes BETWEEN 1 AND 1440)
);

-- What the "my sessions" list shows; copied from the session data on every write.
ALTER TABLE sessions ADD COLUMN handle TEXT;
ALTER TABLE sessions ADD COLUMN client_ip TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN started_at_ms INTEGER;
ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER;
CREATE INDEX sessions_by_handle ON sessions (handle);

-- Security events. tenant_code is NULL for events before a company is chosen (sign-in); the
-- company's admins see those of their members.
CREATE TABLE audit_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms           INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    tenant_code     TEXT,
    user_id         TEXT,
    -- the e-mail typed or the account acted upon, as text: kept even for unknown accounts
    subject         TEXT,
    detail          TEXT,
    client_ip       TEXT,
    user_agent      TEXT,
    request_id      TEXT
);
CREATE INDEX audit_by_tenant ON audit_events (tenant_code, at_ms);
CREATE INDEX audit_by_user ON audit_events (user_id, at_ms);
