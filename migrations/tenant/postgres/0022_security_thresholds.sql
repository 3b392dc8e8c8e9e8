-- Security thresholds (issue 16): the limits and warnings the governance console edits beside
-- the stock ones of migration 0003. The two sign-in thresholds stay in the control database
-- (tenant_security): signing in reads no company's database.
--
-- Every threshold has a known name and its range (domain::governance::thresholds).
-- rate_limited_actions: what the per-user limits count, a minute (admin actions) or an hour
-- (bulk operations: CSV imports and exports) back.

CREATE TABLE rate_limited_actions (
    id          BIGSERIAL PRIMARY KEY,
    at_ms       BIGINT NOT NULL,
    user_id     TEXT NOT NULL CHECK (length(user_id) BETWEEN 1 AND 64),
    kind        TEXT NOT NULL CHECK (kind IN ('admin-action', 'stock-import', 'customers-import', 'stock-export',
                                              'reorder-export', 'customers-export', 'sales-journal', 'kpis-export'))
);
CREATE INDEX rate_limited_actions_by_user ON rate_limited_actions (user_id, at_ms);

ALTER TABLE thresholds ADD CONSTRAINT thresholds_known_in_range CHECK (CASE name
    WHEN 'stock_change_pct' THEN value BETWEEN 1 AND 100000
    WHEN 'stock_quiet_from_minute' THEN value BETWEEN 0 AND 1439
    WHEN 'stock_quiet_until_minute' THEN value BETWEEN 0 AND 1439
    WHEN 'stock_movements_per_minute' THEN value BETWEEN 1 AND 100000
    WHEN 'admin_actions_per_minute' THEN value BETWEEN 1 AND 1000
    WHEN 'bulk_operations_per_hour' THEN value BETWEEN 1 AND 1000
    WHEN 'security_events_alert' THEN value BETWEEN 1 AND 10000
    WHEN 'failed_sign_ins_alert' THEN value BETWEEN 1 AND 10000
    ELSE false END);
