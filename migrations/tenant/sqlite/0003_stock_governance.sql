-- What the stock area needs beyond movements (issue 4): the company's feature flags and
-- thresholds (governance state, read by the services, changed from the command line until the
-- governance console manages them), security events raised by unusual movements, and the
-- history of CSV imports.

CREATE TABLE feature_flags (
    name            TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    updated_at_ms   INTEGER NOT NULL,
    updated_by      TEXT
);
INSERT INTO feature_flags (name, enabled, updated_at_ms) VALUES
    ('bulk_stock_import', 0, 0),
    ('auto_reorder_suggestions', 0, 0);

-- Numeric thresholds by name, each with its own range.
CREATE TABLE thresholds (
    name            TEXT PRIMARY KEY,
    value           INTEGER NOT NULL CHECK (CASE name
                        WHEN 'stock_change_pct' THEN value BETWEEN 1 AND 100000
                        WHEN 'stock_quiet_from_minute' THEN value BETWEEN 0 AND 1439
                        WHEN 'stock_quiet_until_minute' THEN value BETWEEN 0 AND 1439
                        WHEN 'stock_movements_per_minute' THEN value BETWEEN 1 AND 100000
                        ELSE value >= 0 END),
    updated_at_ms   INTEGER NOT NULL,
    updated_by      TEXT
);
INSERT INTO thresholds (name, value, updated_at_ms) VALUES
    ('stock_change_pct', 50, 0),
    ('stock_quiet_from_minute', 1320, 0),
    ('stock_quiet_until_minute', 300, 0),
    ('stock_movements_per_minute', 50, 0);

-- Events worth a second look (WARNING: a movement went through but looks unusual).
CREATE TABLE security_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms           INTEGER NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('INFO', 'WARNING', 'CRITICAL')),
    kind            TEXT NOT NULL,
    user_id         TEXT,
    operation_id    TEXT,
    article_id      TEXT REFERENCES articles (id),
    site_id         TEXT REFERENCES sites (id),
    qty_before_milli INTEGER,
    qty_after_milli INTEGER
);
CREATE INDEX security_events_by_kind ON security_events (kind, id);

CREATE TABLE stock_imports (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('articles', 'opening-stock')),
    file_name       TEXT CHECK (file_name IS NULL OR length(file_name) <= 200),
    row_count       INTEGER NOT NULL,
    outcome         TEXT NOT NULL CHECK (outcome IN ('imported', 'refused', 'failed')),
    error_count     INTEGER NOT NULL DEFAULT 0,
    user_id         TEXT NOT NULL,
    started_at_ms   INTEGER NOT NULL,
    finished_at_ms  INTEGER NOT NULL
);
CREATE INDEX stock_imports_by_time ON stock_imports (started_at_ms);

-- The per-user movement rate limit counts a user's recent operations.
CREATE INDEX movements_by_user ON stock_movements (user_id, at_ms);
