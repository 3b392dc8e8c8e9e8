-- A tenant's own database: its legal identity and its business data.
CREATE TABLE company_profile (
    id              BIGINT PRIMARY KEY CHECK (id = 1),
    legal_name      TEXT NOT NULL,
    legal_form      TEXT,
    country         TEXT NOT NULL CHECK (country IN ('FR', 'DZ')),
    currency        TEXT NOT NULL CHECK (currency IN ('EUR', 'DZD')),
    address         TEXT,
    -- France
    siren           TEXT,
    siret           TEXT,
    vat_number      TEXT,
    rcs             TEXT,
    -- Algeria
    nif             TEXT,
    nis             TEXT,
    rc              TEXT,
    ai              TEXT
);

CREATE TABLE sites (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 16),
    name            TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    city            TEXT CHECK (city IS NULL OR length(city) BETWEEN 1 AND 80),
    created_by      TEXT NOT NULL,
    created_at_ms   BIGINT NOT NULL,
    updated_at_ms   BIGINT NOT NULL
);
