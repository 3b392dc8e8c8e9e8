-- Stock imports running or just finished, of every company, so that whichever app server answers
-- an import's page shows it (issue 17): the process running an import writes its phase and
-- counts here a few times a second at most, then its outcome (JSON). Rows a day past their last
-- change are deleted by each server's maintenance; the company's own import history keeps what
-- lasts.

CREATE TABLE import_progress (
    id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    phase TEXT NOT NULL CHECK (phase IN ('checking', 'writing', 'done')),
    total BIGINT NOT NULL CHECK (total >= 0),
    done BIGINT NOT NULL CHECK (done >= 0),
    outcome TEXT,
    started_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL
);

CREATE INDEX import_progress_by_change ON import_progress (updated_at_ms);
