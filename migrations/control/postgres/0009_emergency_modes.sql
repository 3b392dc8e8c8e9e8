-- Emergency modes (NORMAL, READ_ONLY, LOCKDOWN, MAINTENANCE): the last one set for the whole
-- platform (scope '*', never a company code) and for each company, with the reason given, who
-- set it and when. No row is NORMAL. Kept here, beside the company's registry row, because
-- every request already reads that row: the mode costs no query of its own.
CREATE TABLE emergency_modes (
    scope       TEXT PRIMARY KEY CHECK (scope = '*' OR length(scope) BETWEEN 2 AND 32),
    mode        TEXT NOT NULL CHECK (mode IN ('NORMAL', 'READ_ONLY', 'LOCKDOWN', 'MAINTENANCE')),
    reason      TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 1200),
    set_by      TEXT NOT NULL CHECK (length(set_by) BETWEEN 1 AND 300),
    set_at_ms   BIGINT NOT NULL
);
