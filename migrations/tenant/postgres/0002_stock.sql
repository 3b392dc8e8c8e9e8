-- Stock: articles, lots, levels and movements (issue 4).
-- Quantities are whole thousandths of the article's unit (_milli); money is in minor units of the
-- company's currency (_minor). Movements are never changed or deleted; levels and lots follow
-- from them through a trigger, so a movement and its effect are one statement, and the CHECKs on
-- levels and lots make negative stock impossible even to SQL typed by hand.

CREATE TABLE articles (
    id                   TEXT PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    designation          TEXT NOT NULL CHECK (length(trim(designation)) BETWEEN 1 AND 200),
    category             TEXT CHECK (category IS NULL OR length(category) BETWEEN 1 AND 80),
    family               TEXT CHECK (family IS NULL OR length(family) BETWEEN 1 AND 80),
    unit                 TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 12),
    purchase_price_minor BIGINT CHECK (purchase_price_minor IS NULL OR purchase_price_minor >= 0),
    sale_price_minor     BIGINT CHECK (sale_price_minor IS NULL OR sale_price_minor >= 0),
    -- basis points: 2000 is 20 %
    vat_rate_bp          BIGINT NOT NULL CHECK (vat_rate_bp BETWEEN 0 AND 10000),
    min_stock_milli      BIGINT NOT NULL DEFAULT 0 CHECK (min_stock_milli >= 0),
    max_stock_milli      BIGINT CHECK (max_stock_milli IS NULL OR max_stock_milli >= min_stock_milli),
    active               BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at_ms        BIGINT NOT NULL,
    updated_at_ms        BIGINT NOT NULL
);
CREATE INDEX articles_by_category ON articles (category, code);

CREATE TABLE lots (
    id              TEXT PRIMARY KEY,
    article_id      TEXT NOT NULL REFERENCES articles (id),
    site_id         TEXT NOT NULL REFERENCES sites (id),
    lot_number      TEXT CHECK (lot_number IS NULL OR length(lot_number) BETWEEN 1 AND 64),
    -- YYYY-MM-DD
    expiry_date     TEXT CHECK (expiry_date IS NULL OR length(expiry_date) = 10),
    received_at_ms  BIGINT NOT NULL,
    unit_cost_minor BIGINT NOT NULL CHECK (unit_cost_minor >= 0),
    -- the lot a transferred lot came from, for recalls
    origin_lot_id   TEXT REFERENCES lots (id),
    remaining_milli BIGINT NOT NULL DEFAULT 0 CHECK (remaining_milli >= 0)
);
CREATE INDEX lots_for_picking ON lots (article_id, site_id, remaining_milli);
CREATE INDEX lots_by_number ON lots (lot_number);
CREATE INDEX lots_by_expiry ON lots (expiry_date, remaining_milli);

CREATE TABLE stock_levels (
    article_id      TEXT NOT NULL REFERENCES articles (id),
    site_id         TEXT NOT NULL REFERENCES sites (id),
    qty_milli       BIGINT NOT NULL DEFAULT 0 CHECK (qty_milli >= 0),
    -- weighted average cost: the level's total value, maintained with each movement
    value_minor     BIGINT NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
    updated_at_ms   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, site_id)
);
CREATE INDEX stock_levels_by_site ON stock_levels (site_id, article_id);

CREATE TABLE stock_movements (
    seq             BIGSERIAL PRIMARY KEY,
    -- the legs of one operation (an outflow split over lots, both sides of a transfer) share it
    operation_id    TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'transfer-out', 'transfer-in', 'adjustment', 'reversal')),
    article_id      TEXT NOT NULL REFERENCES articles (id),
    site_id         TEXT NOT NULL REFERENCES sites (id),
    lot_id          TEXT REFERENCES lots (id),
    qty_milli       BIGINT NOT NULL CHECK (qty_milli <> 0),
    value_minor     BIGINT NOT NULL,
    reason          TEXT CHECK (reason IS NULL OR length(reason) <= 200),
    reference       TEXT CHECK (reference IS NULL OR length(reference) <= 64),
    reverses_seq    BIGINT UNIQUE REFERENCES stock_movements (seq),
    user_id         TEXT NOT NULL,
    at_ms           BIGINT NOT NULL
);
CREATE INDEX movements_by_article ON stock_movements (article_id, seq);
CREATE INDEX movements_by_lot ON stock_movements (lot_id, seq);
CREATE INDEX movements_by_operation ON stock_movements (operation_id);

CREATE FUNCTION stock_movements_never_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'stock movements are never changed or deleted: record a reversal';
END;
$$;

CREATE TRIGGER stock_movements_never_change BEFORE UPDATE OR DELETE ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION stock_movements_never_change();

CREATE FUNCTION stock_movements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stock_levels (article_id, site_id) VALUES (NEW.article_id, NEW.site_id) ON CONFLICT DO NOTHING;
    UPDATE stock_levels
       SET qty_milli = qty_milli + NEW.qty_milli, value_minor = value_minor + NEW.value_minor, updated_at_ms = NEW.at_ms
     WHERE article_id = NEW.article_id AND site_id = NEW.site_id;
    IF NEW.lot_id IS NOT NULL THEN
        UPDATE lots SET remaining_milli = remaining_milli + NEW.qty_milli WHERE id = NEW.lot_id;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER stock_movements_apply AFTER INSERT ON stock_movements
    FOR EACH ROW EXECUTE FUNCTION stock_movements_apply();

-- Control views: stock_negative is always empty (the CHECKs above); stock_low lists what is
-- under its minimum.
CREATE VIEW stock_negative AS SELECT article_id, site_id, qty_milli FROM stock_levels WHERE qty_milli < 0;
CREATE VIEW stock_low AS
    SELECT l.article_id, l.site_id, l.qty_milli, a.min_stock_milli
      FROM stock_levels l JOIN articles a ON a.id = l.article_id
     WHERE a.active = 1 AND l.qty_milli < a.min_stock_milli;
