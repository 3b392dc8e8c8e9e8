-- OpenID Connect single sign-on: each company's identity providers, and the identities that
-- signed in through them, keyed by (company, issuer, subject), never by e-mail alone (A23).
CREATE TABLE identity_providers (
    id                   TEXT PRIMARY KEY,
    tenant_code          TEXT NOT NULL REFERENCES tenants (code),
    label                TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 60),
    issuer               TEXT NOT NULL,
    client_id            TEXT NOT NULL,
    -- sealed under ATELIER_SECRET_KEY
    client_secret_sealed TEXT NOT NULL,
    created_at_ms        BIGINT NOT NULL
);
CREATE INDEX identity_providers_by_tenant ON identity_providers (tenant_code);

CREATE TABLE sso_identities (
    tenant_code     TEXT NOT NULL REFERENCES tenants (code),
    issuer          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users (id),
    created_at_ms   BIGINT NOT NULL,
    PRIMARY KEY (tenant_code, issuer, subject)
);

-- Both off by default: an unknown identity is refused unless the company's admins allow
-- linking by verified e-mail or creating accounts (with this role).
ALTER TABLE tenant_security ADD COLUMN sso_link_by_email BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenant_security ADD COLUMN sso_create_accounts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tenant_security ADD COLUMN sso_default_role TEXT NOT NULL DEFAULT 'technician';
