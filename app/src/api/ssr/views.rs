//! Service records turned into the views the pages receive.

use services::stock::repo::{LotLine, LowLevel};

use crate::api::stock_reports::{LevelAlert, LotLineView};

pub fn level_alert(l: LowLevel, alert: &str, order_milli: i64, cost_minor: Option<i64>) -> LevelAlert {
    LevelAlert {
        article_id: l.article_id,
        article_code: l.article_code,
        designation: l.designation,
        unit: l.unit,
        site_code: l.site_code,
        qty_milli: l.qty_milli,
        min_milli: l.min_stock_milli,
        max_milli: l.max_stock_milli,
        alert: alert.to_owned(),
        order_milli,
        cost_minor,
    }
}

pub fn lot_line(l: LotLine) -> LotLineView {
    LotLineView {
        id: l.id,
        article_id: l.article_id,
        article_code: l.article_code,
        designation: l.designation,
        unit: l.unit,
        site_code: l.site_code,
        lot_number: l.lot_number,
        expiry: l.expiry_date,
        remaining_milli: l.remaining_milli,
        transferred: l.origin_lot_id.is_some(),
    }
}
