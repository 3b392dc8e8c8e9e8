-- Counters the dashboards read (issue 15), kept by triggers in the transaction of each change,
-- so that a dashboard reads a few rows however many levels and missions the company holds.
--
-- stock_site_totals: per site, the value of its levels that hold stock (weighted average cost,
-- summed as the valuation page sums stock_levels.value_minor) and how many levels of active
-- articles are under their minimum: critical (empty, or under half the minimum) or low (the
-- rest), the rules of domain::stock::alert and of the stock_low view. Moved by a level's insert
-- and update (the movement trigger's own writes) and by an article's minimum or activity.
--
-- mission_state_counts: how many missions are in each state.
--
-- A value that outgrows a 64-bit integer is refused (SQLite would otherwise turn it into a
-- float) rather than miscounted; no real company comes near.

CREATE TABLE stock_site_totals (
    site_id     TEXT PRIMARY KEY REFERENCES sites (id),
    value_minor BIGINT NOT NULL DEFAULT 0 CHECK (value_minor BETWEEN 0 AND 9000000000000000000),
    critical    BIGINT NOT NULL DEFAULT 0 CHECK (critical >= 0),
    low         BIGINT NOT NULL DEFAULT 0 CHECK (low >= 0)
);
INSERT INTO stock_site_totals (site_id, value_minor, critical, low)
    SELECT s.id,
           (SELECT COALESCE(SUM(l.value_minor), 0) FROM stock_levels l WHERE l.site_id = s.id AND l.qty_milli > 0),
           (SELECT COUNT(*) FROM stock_levels l JOIN articles a ON a.id = l.article_id
             WHERE l.site_id = s.id AND a.active = 1 AND l.qty_milli < a.min_stock_milli
               AND (l.qty_milli <= 0 OR l.qty_milli * 2 < a.min_stock_milli)),
           (SELECT COUNT(*) FROM stock_levels l JOIN articles a ON a.id = l.article_id
             WHERE l.site_id = s.id AND a.active = 1 AND l.qty_milli < a.min_stock_milli
               AND l.qty_milli > 0 AND l.qty_milli * 2 >= a.min_stock_milli)
      FROM sites s;

CREATE TRIGGER sites_open_totals AFTER INSERT ON sites
BEGIN
    INSERT INTO stock_site_totals (site_id) VALUES (NEW.id);
END;

CREATE TRIGGER stock_levels_count_insert AFTER INSERT ON stock_levels
BEGIN
    UPDATE stock_site_totals
       SET value_minor = value_minor + NEW.value_minor * (NEW.qty_milli > 0),
           critical = critical + (SELECT a.active = 1 AND NEW.qty_milli < a.min_stock_milli
                                         AND (NEW.qty_milli <= 0 OR NEW.qty_milli * 2 < a.min_stock_milli)
                                    FROM articles a WHERE a.id = NEW.article_id),
           low = low + (SELECT a.active = 1 AND NEW.qty_milli < a.min_stock_milli
                               AND NEW.qty_milli > 0 AND NEW.qty_milli * 2 >= a.min_stock_milli
                          FROM articles a WHERE a.id = NEW.article_id)
     WHERE site_id = NEW.site_id;
END;

CREATE TRIGGER stock_levels_count_update AFTER UPDATE ON stock_levels
BEGIN
    UPDATE stock_site_totals
       SET value_minor = value_minor + NEW.value_minor * (NEW.qty_milli > 0) - OLD.value_minor * (OLD.qty_milli > 0),
           critical = critical + (SELECT (a.active = 1 AND NEW.qty_milli < a.min_stock_milli
                                          AND (NEW.qty_milli <= 0 OR NEW.qty_milli * 2 < a.min_stock_milli))
                                       - (a.active = 1 AND OLD.qty_milli < a.min_stock_milli
                                          AND (OLD.qty_milli <= 0 OR OLD.qty_milli * 2 < a.min_stock_milli))
                                    FROM articles a WHERE a.id = NEW.article_id),
           low = low + (SELECT (a.active = 1 AND NEW.qty_milli < a.min_stock_milli
                                AND NEW.qty_milli > 0 AND NEW.qty_milli * 2 >= a.min_stock_milli)
                             - (a.active = 1 AND OLD.qty_milli < a.min_stock_milli
                                AND OLD.qty_milli > 0 AND OLD.qty_milli * 2 >= a.min_stock_milli)
                          FROM articles a WHERE a.id = NEW.article_id)
     WHERE site_id = NEW.site_id;
END;

CREATE TRIGGER articles_count_levels AFTER UPDATE OF min_stock_milli, active ON articles
WHEN OLD.min_stock_milli <> NEW.min_stock_milli OR OLD.active <> NEW.active
BEGIN
    UPDATE stock_site_totals
       SET critical = critical + (SELECT COALESCE(SUM(
                                      (NEW.active = 1 AND l.qty_milli < NEW.min_stock_milli
                                       AND (l.qty_milli <= 0 OR l.qty_milli * 2 < NEW.min_stock_milli))
                                    - (OLD.active = 1 AND l.qty_milli < OLD.min_stock_milli
                                       AND (l.qty_milli <= 0 OR l.qty_milli * 2 < OLD.min_stock_milli))), 0)
                                    FROM stock_levels l
                                   WHERE l.article_id = NEW.id AND l.site_id = stock_site_totals.site_id),
           low = low + (SELECT COALESCE(SUM(
                            (NEW.active = 1 AND l.qty_milli < NEW.min_stock_milli
                             AND l.qty_milli > 0 AND l.qty_milli * 2 >= NEW.min_stock_milli)
                          - (OLD.active = 1 AND l.qty_milli < OLD.min_stock_milli
                             AND l.qty_milli > 0 AND l.qty_milli * 2 >= OLD.min_stock_milli)), 0)
                          FROM stock_levels l
                         WHERE l.article_id = NEW.id AND l.site_id = stock_site_totals.site_id)
     WHERE site_id IN (SELECT site_id FROM stock_levels WHERE article_id = NEW.id);
END;

CREATE TABLE mission_state_counts (
    state    TEXT PRIMARY KEY CHECK (state IN ('new', 'published', 'assigned', 'in-progress', 'blocked',
                                               'done', 'invoiced', 'cancelled')),
    missions BIGINT NOT NULL CHECK (missions >= 0)
);
INSERT INTO mission_state_counts (state, missions)
    SELECT s.state, (SELECT COUNT(*) FROM missions m WHERE m.state = s.state)
      FROM (SELECT 'new' AS state UNION ALL SELECT 'published' UNION ALL SELECT 'assigned'
            UNION ALL SELECT 'in-progress' UNION ALL SELECT 'blocked' UNION ALL SELECT 'done'
            UNION ALL SELECT 'invoiced' UNION ALL SELECT 'cancelled') s;

CREATE TRIGGER missions_count_insert AFTER INSERT ON missions
BEGIN
    UPDATE mission_state_counts SET missions = missions + 1 WHERE state = NEW.state;
END;

CREATE TRIGGER missions_count_update AFTER UPDATE OF state ON missions
WHEN OLD.state <> NEW.state
BEGIN
    UPDATE mission_state_counts SET missions = missions - 1 WHERE state = OLD.state;
    UPDATE mission_state_counts SET missions = missions + 1 WHERE state = NEW.state;
END;

CREATE TRIGGER missions_count_delete AFTER DELETE ON missions
BEGIN
    UPDATE mission_state_counts SET missions = missions - 1 WHERE state = OLD.state;
END;

-- The platform dashboard counts the last day's unusual stock activity.
CREATE INDEX security_events_by_time ON security_events (at_ms);
