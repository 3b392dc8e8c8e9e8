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
-- A value that outgrows a 64-bit integer is refused (BIGINT overflows with an error) rather
-- than miscounted; no real company comes near. Trigger names are those of the SQLite schema.

CREATE TABLE stock_site_totals (
    site_id     TEXT PRIMARY KEY REFERENCES sites (id),
    value_minor BIGINT NOT NULL DEFAULT 0 CHECK (value_minor BETWEEN 0 AND 9000000000000000000),
    critical    BIGINT NOT NULL DEFAULT 0 CHECK (critical >= 0),
    low         BIGINT NOT NULL DEFAULT 0 CHECK (low >= 0)
);

-- 1 for a level of `qty` critical under an article of `minimum` and `active`, else 0.
CREATE FUNCTION stock_level_critical(qty BIGINT, minimum BIGINT, active BIGINT) RETURNS BIGINT
    LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN active = 1 AND qty < minimum AND (qty <= 0 OR qty * 2 < minimum) THEN 1 ELSE 0 END::BIGINT $$;

CREATE FUNCTION stock_level_low(qty BIGINT, minimum BIGINT, active BIGINT) RETURNS BIGINT
    LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN active = 1 AND qty < minimum AND qty > 0 AND qty * 2 >= minimum THEN 1 ELSE 0 END::BIGINT $$;

INSERT INTO stock_site_totals (site_id, value_minor, critical, low)
    SELECT s.id,
           (SELECT COALESCE(SUM(l.value_minor), 0) FROM stock_levels l WHERE l.site_id = s.id AND l.qty_milli > 0),
           (SELECT COALESCE(SUM(stock_level_critical(l.qty_milli, a.min_stock_milli, a.active)), 0)
              FROM stock_levels l JOIN articles a ON a.id = l.article_id WHERE l.site_id = s.id),
           (SELECT COALESCE(SUM(stock_level_low(l.qty_milli, a.min_stock_milli, a.active)), 0)
              FROM stock_levels l JOIN articles a ON a.id = l.article_id WHERE l.site_id = s.id)
      FROM sites s;

CREATE FUNCTION sites_open_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stock_site_totals (site_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER sites_open_totals AFTER INSERT ON sites
    FOR EACH ROW EXECUTE FUNCTION sites_open_totals();

-- A level inserted or changed: its site's totals move by the difference (OLD is all zeros for
-- an insert, which is how a level starts).
CREATE FUNCTION stock_levels_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    minimum BIGINT;
    is_active BIGINT;
    old_qty BIGINT := 0;
    old_value BIGINT := 0;
BEGIN
    SELECT min_stock_milli, active INTO minimum, is_active FROM articles WHERE id = NEW.article_id;
    IF TG_OP = 'UPDATE' THEN
        old_qty := OLD.qty_milli;
        old_value := CASE WHEN OLD.qty_milli > 0 THEN OLD.value_minor ELSE 0 END;
    END IF;
    UPDATE stock_site_totals
       SET value_minor = value_minor + CASE WHEN NEW.qty_milli > 0 THEN NEW.value_minor ELSE 0 END - old_value,
           critical = critical + stock_level_critical(NEW.qty_milli, minimum, is_active)
                      - CASE WHEN TG_OP = 'UPDATE' THEN stock_level_critical(old_qty, minimum, is_active) ELSE 0 END,
           low = low + stock_level_low(NEW.qty_milli, minimum, is_active)
                 - CASE WHEN TG_OP = 'UPDATE' THEN stock_level_low(old_qty, minimum, is_active) ELSE 0 END
     WHERE site_id = NEW.site_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER stock_levels_count_insert AFTER INSERT ON stock_levels
    FOR EACH ROW EXECUTE FUNCTION stock_levels_count();
CREATE TRIGGER stock_levels_count_update AFTER UPDATE ON stock_levels
    FOR EACH ROW EXECUTE FUNCTION stock_levels_count();

CREATE FUNCTION articles_count_levels() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE stock_site_totals t
       SET critical = t.critical + d.critical, low = t.low + d.low
      FROM (SELECT l.site_id,
                   SUM(stock_level_critical(l.qty_milli, NEW.min_stock_milli, NEW.active)
                       - stock_level_critical(l.qty_milli, OLD.min_stock_milli, OLD.active)) AS critical,
                   SUM(stock_level_low(l.qty_milli, NEW.min_stock_milli, NEW.active)
                       - stock_level_low(l.qty_milli, OLD.min_stock_milli, OLD.active)) AS low
              FROM stock_levels l WHERE l.article_id = NEW.id GROUP BY l.site_id) d
     WHERE t.site_id = d.site_id;
    RETURN NEW;
END;
$$;
CREATE TRIGGER articles_count_levels AFTER UPDATE OF min_stock_milli, active ON articles
    FOR EACH ROW WHEN (OLD.min_stock_milli <> NEW.min_stock_milli OR OLD.active <> NEW.active)
    EXECUTE FUNCTION articles_count_levels();

CREATE TABLE mission_state_counts (
    state    TEXT PRIMARY KEY CHECK (state IN ('new', 'published', 'assigned', 'in-progress', 'blocked',
                                               'done', 'invoiced', 'cancelled')),
    missions BIGINT NOT NULL CHECK (missions >= 0)
);
INSERT INTO mission_state_counts (state, missions)
    SELECT s.state, (SELECT COUNT(*) FROM missions m WHERE m.state = s.state)
      FROM (VALUES ('new'), ('published'), ('assigned'), ('in-progress'), ('blocked'), ('done'),
                   ('invoiced'), ('cancelled')) AS s (state);

CREATE FUNCTION missions_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE mission_state_counts SET missions = missions - 1 WHERE state = OLD.state;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE mission_state_counts SET missions = missions + 1 WHERE state = NEW.state;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER missions_count_insert AFTER INSERT ON missions
    FOR EACH ROW EXECUTE FUNCTION missions_count();
CREATE TRIGGER missions_count_update AFTER UPDATE OF state ON missions
    FOR EACH ROW WHEN (OLD.state <> NEW.state) EXECUTE FUNCTION missions_count();
CREATE TRIGGER missions_count_delete AFTER DELETE ON missions
    FOR EACH ROW EXECUTE FUNCTION missions_count();

-- The platform dashboard counts the last day's unusual stock activity.
CREATE INDEX security_events_by_time ON security_events (at_ms);
