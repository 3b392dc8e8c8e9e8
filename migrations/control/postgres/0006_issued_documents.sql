-- Where each issued document lives, for the public verification page (/verify), which knows
-- neither the company nor the reader: by its verification id (printed on the document) and by
-- its file's SHA-256. A row is written before the company's issuing transaction commits, so a
-- row may name a document that was never issued (the lookup in the company's database then
-- finds nothing); an issued document always has its row.
CREATE TABLE issued_documents (
    verification_id TEXT PRIMARY KEY CHECK (length(verification_id) = 26),
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 ~ '^[0-9a-f]{64}$'),
    tenant_code     TEXT NOT NULL REFERENCES tenants (code),
    created_at      BIGINT NOT NULL
);
CREATE INDEX issued_documents_by_hash ON issued_documents (sha256);
