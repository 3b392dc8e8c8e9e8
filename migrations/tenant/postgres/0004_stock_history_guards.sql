-- Stock history can only grow (A31) and money and quantities stay within business bounds (A30).
--
-- Levels and lots are derived from movements: only the movement trigger may change them. A
-- trigger on a level or a lot refuses any write that does not come from inside another trigger
-- (pg_trigger_depth() is 1 for a statement typed by hand, 2 inside stock_movements_apply).
-- Trigger names match the SQLite schema's, one trigger per event, so that the schema test can
-- compare the two backends; TRUNCATE, which SQLite does not have, is refused here too.
--
-- Bounds (the same numbers as domain::bounds): a level holds at most 10^15 thousandths of its
-- unit and is worth at most 10^15 minor units; a movement moves at most that much; a unit price
-- or cost is at most 10^11 minor units. Adding two bounded values never overflows a BIGINT.

CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is history: it is never changed, deleted or emptied', TG_TABLE_NAME;
END;
$$;

DROP TRIGGER stock_movements_never_change ON stock_movements;
DROP FUNCTION stock_movements_never_change();
CREATE TRIGGER stock_movements_never_change BEFORE UPDATE ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER stock_movements_never_deleted BEFORE DELETE ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER stock_movements_never_truncated BEFORE TRUNCATE ON stock_movements
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION stock_movements_within_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.qty_milli NOT BETWEEN -1000000000000000 AND 1000000000000000
       OR NEW.value_minor NOT BETWEEN -1000000000000000 AND 1000000000000000 THEN
        RAISE EXCEPTION 'stock movement out of business bounds' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER stock_movements_within_bounds BEFORE INSERT ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION stock_movements_within_bounds();

CREATE FUNCTION stock_only_by_movements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() < 2 THEN
        RAISE EXCEPTION '% change only through stock movements', TG_TABLE_NAME;
    END IF;
    RETURN COALESCE(NEW, OLD);
END;
$$;

CREATE TRIGGER stock_levels_only_by_movements_insert BEFORE INSERT ON stock_levels
    FOR EACH ROW EXECUTE FUNCTION stock_only_by_movements();
CREATE TRIGGER stock_levels_only_by_movements_update BEFORE UPDATE ON stock_levels
    FOR EACH ROW EXECUTE FUNCTION stock_only_by_movements();
CREATE TRIGGER stock_levels_never_deleted BEFORE DELETE ON stock_levels
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER stock_levels_never_truncated BEFORE TRUNCATE ON stock_levels
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION stock_levels_within_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.qty_milli > 1000000000000000 OR NEW.value_minor > 1000000000000000 THEN
        RAISE EXCEPTION 'stock level out of business bounds' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER stock_levels_within_bounds BEFORE UPDATE ON stock_levels
    FOR EACH ROW EXECUTE FUNCTION stock_levels_within_bounds();

-- A lot is recorded empty, then filled and emptied by movements only.
CREATE FUNCTION lots_recorded_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.remaining_milli <> 0 AND pg_trigger_depth() < 2) OR NEW.unit_cost_minor > 100000000000 THEN
        RAISE EXCEPTION 'lots are recorded empty and change only through stock movements';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER lots_only_by_movements_insert BEFORE INSERT ON lots
    FOR EACH ROW EXECUTE FUNCTION lots_recorded_empty();
CREATE TRIGGER lots_only_by_movements_update BEFORE UPDATE ON lots
    FOR EACH ROW EXECUTE FUNCTION stock_only_by_movements();
CREATE TRIGGER lots_never_deleted BEFORE DELETE ON lots
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER lots_never_truncated BEFORE TRUNCATE ON lots
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION articles_within_bounds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.purchase_price_minor > 100000000000 OR NEW.sale_price_minor > 100000000000
       OR NEW.min_stock_milli > 1000000000000000 OR NEW.max_stock_milli > 1000000000000000 THEN
        RAISE EXCEPTION 'article out of business bounds' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER articles_within_bounds_insert BEFORE INSERT ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_within_bounds();
CREATE TRIGGER articles_within_bounds_update BEFORE UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_within_bounds();
