-- Stock history can only grow (A31) and money and quantities stay within business bounds (A30).
--
-- Levels and lots are derived from movements: only the movement trigger may change them. While
-- it runs it holds the one row of stock_apply_guard; a write to a level or a lot made while that
-- row is absent (an UPDATE typed by hand, an INSERT OR REPLACE) is refused. A movement whose seq
-- already exists is refused before INSERT OR REPLACE could delete the original (SQLite fires no
-- delete trigger for a replaced row).
--
-- SQLite lets the outer statement's conflict clause override those of a trigger's statements:
-- under INSERT OR IGNORE a CHECK failing in the trigger's UPDATE silently skips that UPDATE
-- (the movement is kept, the level is not changed), and under INSERT OR REPLACE the trigger's
-- INSERT OR IGNORE of a level would replace the level with an empty one. So the trigger inserts
-- levels with a plain INSERT, and a BEFORE trigger refuses a movement that would take a level or
-- a lot below zero, with RAISE, which no conflict clause overrides.
--
-- Bounds (the same numbers as domain::bounds): a level holds at most 10^15 thousandths of its
-- unit and is worth at most 10^15 minor units; a movement moves at most that much; a unit price
-- or cost is at most 10^11 minor units. With every stored value bounded so, adding two of them
-- can never overflow a 64-bit integer (SQLite would silently turn the sum into a float).

CREATE TABLE stock_apply_guard (
    applying        INTEGER PRIMARY KEY CHECK (applying = 1)
);

DROP TRIGGER stock_movements_apply;
CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
BEGIN
    INSERT INTO stock_apply_guard (applying) VALUES (1);
    INSERT INTO stock_levels (article_id, site_id)
        SELECT NEW.article_id, NEW.site_id
         WHERE NOT EXISTS (SELECT 1 FROM stock_levels WHERE article_id = NEW.article_id AND site_id = NEW.site_id);
    UPDATE stock_levels
       SET qty_milli = qty_milli + NEW.qty_milli, value_minor = value_minor + NEW.value_minor, updated_at_ms = NEW.at_ms
     WHERE article_id = NEW.article_id AND site_id = NEW.site_id;
    UPDATE lots SET remaining_milli = remaining_milli + NEW.qty_milli WHERE id = NEW.lot_id;
    DELETE FROM stock_apply_guard;
END;

CREATE TRIGGER stock_movements_never_replaced BEFORE INSERT ON stock_movements
WHEN EXISTS (SELECT 1 FROM stock_movements WHERE seq = NEW.seq)
BEGIN
    SELECT RAISE(ABORT, 'stock movements are never replaced: record a reversal');
END;

CREATE TRIGGER stock_movements_within_bounds BEFORE INSERT ON stock_movements
WHEN NEW.qty_milli NOT BETWEEN -1000000000000000 AND 1000000000000000
  OR NEW.value_minor NOT BETWEEN -1000000000000000 AND 1000000000000000
BEGIN
    SELECT RAISE(ABORT, 'stock movement out of business bounds');
END;

CREATE TRIGGER stock_movements_keep_levels_valid BEFORE INSERT ON stock_movements
WHEN COALESCE((SELECT qty_milli FROM stock_levels WHERE article_id = NEW.article_id AND site_id = NEW.site_id), 0)
       + NEW.qty_milli < 0
  OR COALESCE((SELECT value_minor FROM stock_levels WHERE article_id = NEW.article_id AND site_id = NEW.site_id), 0)
       + NEW.value_minor < 0
  OR (NEW.lot_id IS NOT NULL AND COALESCE((SELECT remaining_milli FROM lots WHERE id = NEW.lot_id), 0) + NEW.qty_milli < 0)
BEGIN
    SELECT RAISE(ABORT, 'stock below zero');
END;

CREATE TRIGGER stock_levels_only_by_movements_insert BEFORE INSERT ON stock_levels
WHEN NOT EXISTS (SELECT 1 FROM stock_apply_guard)
BEGIN
    SELECT RAISE(ABORT, 'stock levels change only through stock movements');
END;

CREATE TRIGGER stock_levels_only_by_movements_update BEFORE UPDATE ON stock_levels
WHEN NOT EXISTS (SELECT 1 FROM stock_apply_guard)
BEGIN
    SELECT RAISE(ABORT, 'stock levels change only through stock movements');
END;

CREATE TRIGGER stock_levels_never_deleted BEFORE DELETE ON stock_levels
BEGIN
    SELECT RAISE(ABORT, 'stock levels change only through stock movements');
END;

CREATE TRIGGER stock_levels_within_bounds BEFORE UPDATE ON stock_levels
WHEN NEW.qty_milli > 1000000000000000 OR NEW.value_minor > 1000000000000000
BEGIN
    SELECT RAISE(ABORT, 'stock level out of business bounds');
END;

-- A lot is recorded empty, then filled and emptied by movements only.
CREATE TRIGGER lots_only_by_movements_insert BEFORE INSERT ON lots
WHEN EXISTS (SELECT 1 FROM lots WHERE id = NEW.id)
  OR (NEW.remaining_milli <> 0 AND NOT EXISTS (SELECT 1 FROM stock_apply_guard))
  OR NEW.unit_cost_minor > 100000000000
BEGIN
    SELECT RAISE(ABORT, 'lots are recorded empty and change only through stock movements');
END;

CREATE TRIGGER lots_only_by_movements_update BEFORE UPDATE ON lots
WHEN NOT EXISTS (SELECT 1 FROM stock_apply_guard)
BEGIN
    SELECT RAISE(ABORT, 'lots change only through stock movements');
END;

CREATE TRIGGER lots_never_deleted BEFORE DELETE ON lots
BEGIN
    SELECT RAISE(ABORT, 'lots are never deleted');
END;

CREATE TRIGGER articles_within_bounds_insert BEFORE INSERT ON articles
WHEN NEW.purchase_price_minor > 100000000000 OR NEW.sale_price_minor > 100000000000
  OR NEW.min_stock_milli > 1000000000000000 OR NEW.max_stock_milli > 1000000000000000
BEGIN
    SELECT RAISE(ABORT, 'article out of business bounds');
END;

CREATE TRIGGER articles_within_bounds_update BEFORE UPDATE ON articles
WHEN NEW.purchase_price_minor > 100000000000 OR NEW.sale_price_minor > 100000000000
  OR NEW.min_stock_milli > 1000000000000000 OR NEW.max_stock_milli > 1000000000000000
BEGIN
    SELECT RAISE(ABORT, 'article out of business bounds');
END;
