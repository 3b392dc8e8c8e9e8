-- Customers of the company, in its country. `sort_key` and `search_text` are written by the
-- service (lower case in every script, the same on both backends).
CREATE TABLE customers (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN ('business', 'individual')),
    legal_name          TEXT NOT NULL CHECK (length(trim(legal_name)) BETWEEN 1 AND 120),
    legal_form          TEXT CHECK (legal_form IS NULL OR length(legal_form) BETWEEN 1 AND 60),
    street              TEXT NOT NULL CHECK (length(street) BETWEEN 1 AND 120),
    street2             TEXT CHECK (street2 IS NULL OR length(street2) BETWEEN 1 AND 120),
    postcode            TEXT NOT NULL CHECK (postcode ~ '^[0-9]{5}$'),
    city                TEXT NOT NULL CHECK (length(city) BETWEEN 1 AND 80),
    delivery_street     TEXT CHECK (delivery_street IS NULL OR length(delivery_street) BETWEEN 1 AND 120),
    delivery_street2    TEXT CHECK (delivery_street2 IS NULL OR length(delivery_street2) BETWEEN 1 AND 120),
    delivery_postcode   TEXT CHECK (delivery_postcode IS NULL OR delivery_postcode ~ '^[0-9]{5}$'),
    delivery_city       TEXT CHECK (delivery_city IS NULL OR length(delivery_city) BETWEEN 1 AND 80),
    email               TEXT CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254),
    payment_terms_days  BIGINT CHECK (payment_terms_days IS NULL OR payment_terms_days BETWEEN 0 AND 365),
    siren               TEXT CHECK (siren IS NULL OR length(siren) = 9),
    siret               TEXT CHECK (siret IS NULL OR (length(siret) = 14 AND substr(siret, 1, 9) = siren)),
    vat_number          TEXT CHECK (vat_number IS NULL OR (length(vat_number) = 13 AND substr(vat_number, 5) = siren)),
    nif                 TEXT CHECK (nif IS NULL OR length(nif) IN (15, 20)),
    nis                 TEXT CHECK (nis IS NULL OR length(nis) = 15),
    rc                  TEXT CHECK (rc IS NULL OR length(rc) BETWEEN 6 AND 30),
    ai                  TEXT CHECK (ai IS NULL OR length(ai) = 11),
    -- Compared byte by byte, as on SQLite, whatever the database's locale.
    sort_key            TEXT COLLATE "C" NOT NULL,
    search_text         TEXT NOT NULL,
    created_at          BIGINT NOT NULL,
    updated_at          BIGINT NOT NULL,
    created_by          TEXT NOT NULL,
    -- A delivery address is whole or absent.
    CHECK ((delivery_street IS NULL) = (delivery_postcode IS NULL) AND (delivery_street IS NULL) = (delivery_city IS NULL)),
    -- An individual carries no company identifier.
    CHECK (kind = 'business' OR coalesce(siren, siret, vat_number, nif, nis, rc, ai) IS NULL)
);

CREATE INDEX customers_by_name ON customers (sort_key, id);

-- Invoicing can be turned off per company (seed 000): then nothing in it can be written.
INSERT INTO feature_flags (name, enabled, updated_at_ms) VALUES ('invoicing', 1, 0);
