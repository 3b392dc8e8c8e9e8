-- Feature flags grow what the governance console manages (issue 16): the share of users a flag
-- is open to (by a stable bucket of flag and user), the roles it is open to (',admin,manager,';
-- none: every role) and its kill switch (a reason, who, when: off for everyone until released).
-- The features this product has, seeded as a new company starts; no other name is accepted.
ALTER TABLE feature_flags ADD COLUMN rollout_pct BIGINT NOT NULL DEFAULT 100 CHECK (rollout_pct BETWEEN 0 AND 100);
ALTER TABLE feature_flags ADD COLUMN roles TEXT CHECK (roles IS NULL OR (roles LIKE ',%,' AND length(roles) <= 64));
ALTER TABLE feature_flags ADD COLUMN killed_reason TEXT CHECK (killed_reason IS NULL OR length(killed_reason) BETWEEN 1 AND 1200);
ALTER TABLE feature_flags ADD COLUMN killed_by TEXT;
ALTER TABLE feature_flags ADD COLUMN killed_at_ms BIGINT;

INSERT INTO feature_flags (name, enabled, updated_at_ms) VALUES
    ('stock_movements', 1, 0),
    ('manual_stock_override', 1, 0),
    ('data_export_full', 1, 0)
ON CONFLICT (name) DO NOTHING;

ALTER TABLE feature_flags ADD CONSTRAINT feature_flags_known_names CHECK (name IN (
    'stock_movements', 'manual_stock_override', 'bulk_stock_import', 'auto_reorder_suggestions',
    'invoicing', 'missions', 'data_export_full'));

-- A kill switch is whole: a reason, who and when, or none of them.
ALTER TABLE feature_flags ADD CONSTRAINT feature_flags_whole_kill CHECK (
    (killed_reason IS NULL) = (killed_by IS NULL) AND (killed_reason IS NULL) = (killed_at_ms IS NULL));
