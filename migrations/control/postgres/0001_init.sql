-- Control database: who exists, which companies (tenants) exist, who belongs where, sessions.
CREATE TABLE tenants (
    code            TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 32),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    country         TEXT NOT NULL CHECK (country IN ('FR', 'DZ')),
    currency        TEXT NOT NULL CHECK (currency IN ('EUR', 'DZD')),
    timezone        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    suspended_reason TEXT,
    -- where the tenant's own database lives: 'sqlite' + a path under the data directory,
    -- or 'postgres' + the full URL of a database on any PostgreSQL server.
    db_backend      TEXT NOT NULL CHECK (db_backend IN ('sqlite', 'postgres')),
    db_location     TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name    TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash   TEXT,
    -- demo users log in only while the server runs in demo mode
    is_demo         BIGINT NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    disabled_at_ms  BIGINT,
    last_login_ms   BIGINT,
    -- the login before the current one, shown on the home page
    previous_login_ms BIGINT,
    created_at_ms   BIGINT NOT NULL
);

CREATE TABLE memberships (
    user_id         TEXT NOT NULL REFERENCES users (id),
    tenant_code     TEXT NOT NULL REFERENCES tenants (code),
    role            TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'accountant', 'technician', 'auditor')),
    created_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (user_id, tenant_code)
);
CREATE INDEX memberships_by_tenant ON memberships (tenant_code);

CREATE TABLE sessions (
    id              TEXT PRIMARY KEY,
    user_id         TEXT REFERENCES users (id),
    data            TEXT NOT NULL,
    expires_at_ms   BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at_ms);

CREATE TABLE platform_settings (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);
