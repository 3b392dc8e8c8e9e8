-- The REST API's bearer tokens (issue 16): each belongs to one company and acts as the admin who
-- created it, within its scope (read, or admin). Only the SHA-256 of the token is kept; the token
-- itself is shown once. A token is never changed once created, except that it is revoked (for
-- good) and that its last use is noted.
CREATE TABLE api_tokens (
    id              TEXT PRIMARY KEY CHECK (length(id) = 32),
    tenant_code     TEXT NOT NULL REFERENCES tenants (code),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    scope           TEXT NOT NULL CHECK (scope IN ('read', 'admin')),
    secret_sha256   TEXT NOT NULL CHECK (length(secret_sha256) = 64),
    created_by      TEXT NOT NULL REFERENCES users (id),
    created_at_ms   BIGINT NOT NULL,
    expires_at_ms   BIGINT NOT NULL CHECK (expires_at_ms > created_at_ms),
    revoked_at_ms   BIGINT,
    revoked_by      TEXT REFERENCES users (id),
    last_used_at_ms BIGINT,
    CHECK ((revoked_at_ms IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX api_tokens_by_tenant ON api_tokens (tenant_code, created_at_ms);

CREATE FUNCTION api_tokens_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.tenant_code IS DISTINCT FROM OLD.tenant_code
        OR NEW.name IS DISTINCT FROM OLD.name OR NEW.scope IS DISTINCT FROM OLD.scope
        OR NEW.secret_sha256 IS DISTINCT FROM OLD.secret_sha256
        OR NEW.created_by IS DISTINCT FROM OLD.created_by
        OR NEW.created_at_ms IS DISTINCT FROM OLD.created_at_ms
        OR NEW.expires_at_ms IS DISTINCT FROM OLD.expires_at_ms
        OR (OLD.revoked_at_ms IS NOT NULL
            AND (NEW.revoked_at_ms IS DISTINCT FROM OLD.revoked_at_ms
                 OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by)) THEN
        RAISE EXCEPTION 'api-token-fixed: a token is only revoked, once, or its last use noted';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER api_tokens_fixed BEFORE UPDATE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION api_tokens_fixed();
