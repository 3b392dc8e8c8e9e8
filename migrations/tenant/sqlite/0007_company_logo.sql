-- The company's logo, printed on its documents: always a PNG that Atelier re-encoded itself
-- (never the uploaded bytes), within the size a document header uses.
CREATE TABLE company_logo (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    png         BLOB NOT NULL CHECK (length(png) BETWEEN 8 AND 2097152 AND substr(png, 1, 4) = X'89504E47'),
    width       INTEGER NOT NULL CHECK (width BETWEEN 1 AND 800),
    height      INTEGER NOT NULL CHECK (height BETWEEN 1 AND 300),
    updated_at  BIGINT NOT NULL
);
