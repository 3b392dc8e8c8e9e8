//! The lines table (its header repeated on every page it spans), then the VAT breakdown per
//! rate beside the totals, and in Algeria the total in words.

use domain::Country;
use domain::format;
use domain::invoicing::words::amount_in_words;

use super::{BODY, LINE, Pages, RIGHT};
use crate::canvas::{Align, INK, MARGIN, MUTED, RULE, SHADE};
use crate::fonts::{Weight, wrap};

/// Right edges of the number columns, and the designation's width.
const QTY: f32 = 118.0;
const UNIT: f32 = 120.0;
const PRICE: f32 = 148.0;
const DISCOUNT: f32 = 160.0;
const VAT: f32 = 172.0;
const DESIGNATION_WIDTH: f32 = 88.0;
const HEAD: (Weight, f32) = (Weight::Bold, 7.5);

fn table_header(doc: &mut Pages) {
    let words = doc.words;
    let y = doc.y;
    doc.page().fill(MARGIN, y, RIGHT - MARGIN, 7.0, SHADE);
    let base = y + 4.7;
    let page = doc.page();
    page.text(MARGIN + 2.0, base, &words.t("doc-col-designation"), HEAD, INK, Align::Left);
    page.text(QTY, base, &words.t("doc-col-quantity"), HEAD, INK, Align::Right);
    page.text(UNIT, base, &words.t("doc-col-unit"), HEAD, INK, Align::Left);
    page.text(PRICE, base, &words.t("doc-col-unit-price"), HEAD, INK, Align::Right);
    page.text(DISCOUNT, base, &words.t("doc-col-discount"), HEAD, INK, Align::Right);
    page.text(VAT, base, &words.t("doc-col-vat"), HEAD, INK, Align::Right);
    page.text(RIGHT - 2.0, base, &words.t("doc-col-net"), HEAD, INK, Align::Right);
    doc.y += 7.0;
}

pub fn lines(doc: &mut Pages) {
    let invoice = doc.invoice;
    let lang = doc.words.lang;
    doc.ensure(20.0);
    table_header(doc);
    for line in &invoice.lines {
        let designation = wrap(&line.designation, BODY.0, BODY.1, DESIGNATION_WIDTH * 72.0 / 25.4);
        let height = LINE * designation.len() as f32 + 2.0;
        if doc.ensure(height) {
            table_header(doc);
        }
        let first = doc.y + LINE;
        let discount = line.discount.basis_points();
        let cells = [
            (QTY, format::quantity(lang, line.quantity.milli()), Align::Right),
            (UNIT, line.unit.clone(), Align::Left),
            (PRICE, doc.money(line.unit_price_minor), Align::Right),
            (DISCOUNT, if discount > 0 { format::percent(lang, discount) } else { String::new() }, Align::Right),
            (VAT, format::percent(lang, line.vat.basis_points()), Align::Right),
            (RIGHT - 2.0, doc.money(line.amounts.net_minor), Align::Right),
        ];
        let page = doc.page();
        for (i, text) in designation.iter().enumerate() {
            page.text(MARGIN + 2.0, first + LINE * i as f32, text, BODY, INK, Align::Left);
        }
        for (x, text, align) in cells {
            page.text(x, first, &text, BODY, INK, align);
        }
        doc.y += height;
        let y = doc.y;
        doc.page().rule(MARGIN, RIGHT, y - 0.8, 0.3, RULE);
    }
}

pub fn totals(doc: &mut Pages) {
    let invoice = doc.invoice;
    let words = doc.words;
    let totals = &invoice.totals;
    let rows = totals.by_rate.len().max(3) as f32;
    doc.ensure(12.0 + rows * (LINE + 1.0) + 12.0);
    let top = doc.y + 5.0;

    // VAT per rate, left.
    let (rate_x, base_x, vat_x) = (MARGIN + 2.0, 70.0, 95.0);
    let page_y = top;
    doc.page().text(rate_x, page_y, &words.t("doc-vat-rate"), HEAD, MUTED, Align::Left);
    doc.page().text(base_x, page_y, &words.t("doc-vat-base"), HEAD, MUTED, Align::Right);
    doc.page().text(vat_x, page_y, &words.t("doc-vat-amount"), HEAD, MUTED, Align::Right);
    let mut y = page_y + 1.5;
    doc.page().rule(MARGIN, vat_x + 2.0, y, 0.3, RULE);
    for rate in &totals.by_rate {
        y += LINE + 0.5;
        let (base, vat) = (doc.money(rate.base_minor), doc.money(rate.vat_minor));
        let page = doc.page();
        page.text(rate_x, y, &format::percent(words.lang, rate.rate.basis_points()), BODY, INK, Align::Left);
        page.text(base_x, y, &base, BODY, INK, Align::Right);
        page.text(vat_x, y, &vat, BODY, INK, Align::Right);
    }
    let left_bottom = y;

    // Totals, right.
    let label_x = 130.0;
    let mut y = top;
    for (key, minor) in [("doc-total-net", totals.net_minor), ("doc-total-vat", totals.vat_minor)] {
        let amount = doc.money(minor);
        doc.page().text(label_x, y, &words.t(key), BODY, INK, Align::Left);
        doc.page().text(RIGHT - 2.0, y, &amount, BODY, INK, Align::Right);
        y += LINE + 1.0;
    }
    let total = doc.money(totals.total_minor);
    doc.page().fill(label_x - 2.0, y - 4.2, RIGHT - label_x + 2.0, 7.0, SHADE);
    doc.page().text(label_x, y + 0.3, &words.t("doc-total"), (Weight::Bold, 10.0), INK, Align::Left);
    doc.page().text(RIGHT - 2.0, y + 0.3, &total, (Weight::Bold, 10.0), INK, Align::Right);
    doc.y = left_bottom.max(y + 3.0) + 2.0;

    if invoice.seller.country() == Country::Algeria {
        let in_words = amount_in_words(words.lang, domain::Money::new(totals.total_minor, invoice.currency));
        let sentence = words.t_args(super::kind_key(doc.invoice, "words"), &[("words", in_words)]);
        doc.y += 2.0;
        doc.paragraph(MARGIN, RIGHT - MARGIN, &sentence, (Weight::Bold, 8.5), INK);
    }
}
