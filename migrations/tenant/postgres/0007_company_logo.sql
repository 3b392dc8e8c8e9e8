-- The company's logo, printed on its documents: always a PNG that Atelier re-encoded itself
-- (never the uploaded bytes), within the size a document header uses.
CREATE TABLE company_logo (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    png         BYTEA NOT NULL
                CHECK (octet_length(png) BETWEEN 8 AND 2097152 AND substring(png FROM 1 FOR 4) = '\x89504e47'::bytea),
    width       BIGINT NOT NULL CHECK (width BETWEEN 1 AND 800),
    height      BIGINT NOT NULL CHECK (height BETWEEN 1 AND 300),
    updated_at  BIGINT NOT NULL
);
