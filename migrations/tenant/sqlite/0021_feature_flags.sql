-- Feature flags grow what the governance console manages (issue 16): the share of users a flag
-- is open to (by a stable bucket of flag and user), the roles it is open to (',admin,manager,';
-- none: every role) and its kill switch (a reason, who, when: off for everyone until released).
-- The features this product has, seeded as a new company starts; no other name is accepted.
ALTER TABLE feature_flags ADD COLUMN rollout_pct INTEGER NOT NULL DEFAULT 100 CHECK (rollout_pct BETWEEN 0 AND 100);
ALTER TABLE feature_flags ADD COLUMN roles TEXT CHECK (roles IS NULL OR (roles GLOB ',*,' AND length(roles) <= 64));
ALTER TABLE feature_flags ADD COLUMN killed_reason TEXT CHECK (killed_reason IS NULL OR length(killed_reason) BETWEEN 1 AND 1200);
ALTER TABLE feature_flags ADD COLUMN killed_by TEXT;
ALTER TABLE feature_flags ADD COLUMN killed_at_ms INTEGER;

INSERT INTO feature_flags (name, enabled, updated_at_ms) VALUES
    ('stock_movements', 1, 0),
    ('manual_stock_override', 1, 0),
    ('data_export_full', 1, 0)
ON CONFLICT (name) DO NOTHING;

CREATE TRIGGER feature_flags_known_names BEFORE INSERT ON feature_flags
WHEN NEW.name NOT IN ('stock_movements', 'manual_stock_override', 'bulk_stock_import', 'auto_reorder_suggestions',
                      'invoicing', 'missions', 'data_export_full')
BEGIN
    SELECT RAISE(ABORT, 'unknown-flag: no such feature');
END;

-- A kill switch is whole: a reason, who and when, or none of them.
CREATE TRIGGER feature_flags_whole_kill BEFORE UPDATE ON feature_flags
WHEN (NEW.killed_reason IS NULL) != (NEW.killed_by IS NULL) OR (NEW.killed_reason IS NULL) != (NEW.killed_at_ms IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'kill-incomplete: a kill switch needs its reason, who and when');
END;
CREATE TRIGGER feature_flags_whole_kill_insert BEFORE INSERT ON feature_flags
WHEN (NEW.killed_reason IS NULL) != (NEW.killed_by IS NULL) OR (NEW.killed_reason IS NULL) != (NEW.killed_at_ms IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'kill-incomplete: a kill switch needs its reason, who and when');
END;
