//! An issued invoice on A4 pages: the seller's header, the customer, the lines (their table
//! header repeated on each page), the VAT breakdown and totals, the payment terms, the
//! verification address with its QR code, and on every page the seller's legal identity and
//! the page number.

mod parties;
mod table;

use domain::Money;
use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::mentions;

use crate::canvas::{Align, Canvas, INK, MARGIN, MUTED, PAGE_HEIGHT, PAGE_WIDTH, RULE, Style, Tint};
use crate::facturx::facturx_xml;
use crate::fonts::{Weight, wrap};
use crate::pdf::{self, Meta};
use crate::pdfa::Archival;
use crate::qr;
use crate::text::Words;

const RIGHT: f32 = PAGE_WIDTH - MARGIN;
/// Where the footer starts: nothing else is drawn below it.
const FOOTER_TOP: f32 = PAGE_HEIGHT - 22.0;
const BODY: Style = (Weight::Regular, 8.5);
const SMALL: Style = (Weight::Regular, 7.5);
const LINE: f32 = 4.0;

/// The PDF of an issued invoice.
pub fn render_invoice(invoice: &IssuedInvoice) -> Vec<u8> {
    let words = Words { lang: invoice.lang };
    let mut doc = Pages::new(invoice, words);
    parties::header(&mut doc);
    table::lines(&mut doc);
    table::totals(&mut doc);
    terms(&mut doc);
    verification(&mut doc);
    let pages = doc.finish();
    let seller = &invoice.seller.legal_name;
    let title = words.t_args(kind_key(invoice, "named"), &[("number", invoice.number.text())]);
    let dated = format!("{}T12:00:00", invoice.issue_date);
    let identity = format!("{seller}\u{1f}{}\u{1f}{}", invoice.number.text(), invoice.verification_id.as_str());
    let xml = facturx_xml(invoice);
    let archival =
        Archival { title: &title, author: seller, dated: &dated, lang: invoice.lang.tag(), facturx: xml.as_deref() };
    pdf::write(pages, &Meta { archival, identity: &identity })
}

/// The pages being laid out, and where the next thing goes on the current one.
pub(crate) struct Pages<'a> {
    pub invoice: &'a IssuedInvoice,
    pub words: Words,
    pages: Vec<Canvas>,
    pub y: f32,
}

impl<'a> Pages<'a> {
    fn new(invoice: &'a IssuedInvoice, words: Words) -> Self {
        Self { invoice, words, pages: vec![Canvas::default()], y: MARGIN }
    }

    pub fn page(&mut self) -> &mut Canvas {
        self.pages.last_mut().expect("there is always a page")
    }

    pub fn money(&self, minor: i64) -> String {
        self.words.money(Money::new(minor, self.invoice.currency))
    }

    /// Room left on this page above the footer, in millimetres.
    pub fn room(&self) -> f32 {
        FOOTER_TOP - 4.0 - self.y
    }

    /// Starts a new page when `height` does not fit on this one; returns whether it did.
    pub fn ensure(&mut self, height: f32) -> bool {
        if self.room() >= height {
            return false;
        }
        self.pages.push(Canvas::default());
        self.y = MARGIN;
        let words = self.words;
        let continued = words.t_args(kind_key(self.invoice, "continued"), &[("number", self.invoice.number.text())]);
        let y = self.y + 3.0;
        self.page().text(MARGIN, y, &continued, (Weight::Bold, 9.0), MUTED, Align::Left);
        self.y += 9.0;
        true
    }

    /// Writes wrapped text across `width` from `x`, each line on the flow.
    pub fn paragraph(&mut self, x: f32, width: f32, text: &str, style: Style, color: Tint) {
        for line in wrap(text, style.0, style.1, width * 72.0 / 25.4) {
            self.ensure(LINE);
            self.y += LINE;
            let y = self.y;
            self.page().text(x, y, &line, style, color, Align::Left);
        }
    }

    /// The pages, each with the legal footer and its number.
    fn finish(mut self) -> Vec<Canvas> {
        let total = self.pages.len();
        let footer = footer_lines(self.invoice, self.words);
        for (i, page) in self.pages.iter_mut().enumerate() {
            page.rule(MARGIN, RIGHT, FOOTER_TOP, 0.5, RULE);
            let mut y = FOOTER_TOP + 4.5;
            for line in &footer {
                page.text(PAGE_WIDTH / 2.0 - Canvas::width(line, SMALL) / 2.0, y, line, SMALL, MUTED, Align::Left);
                y += 3.6;
            }
            let number = self.words.t_args("doc-page", &[("page", (i + 1).to_string()), ("pages", total.to_string())]);
            page.text(RIGHT, PAGE_HEIGHT - 8.0, &number, SMALL, MUTED, Align::Right);
        }
        self.pages
    }
}

/// The message of `part` for this kind of document: `doc-invoice-…` or `doc-credit-note-…`
/// (whole messages, so that each language words a credit note its own way).
pub(crate) fn kind_key(invoice: &IssuedInvoice, part: &str) -> &'static str {
    match (invoice.is_credit_note(), part) {
        (false, "named") => "doc-invoice-named",
        (false, "title") => "doc-invoice-title",
        (false, "continued") => "doc-continued",
        (false, "verify") => "doc-verify",
        (false, "verify-hint") => "doc-verify-hint",
        (false, _) => "doc-amount-in-words",
        (true, "named") => "doc-credit-note-named",
        (true, "title") => "doc-credit-note-title",
        (true, "continued") => "doc-credit-note-continued",
        (true, "verify") => "doc-credit-note-verify",
        (true, "verify-hint") => "doc-credit-note-verify-hint",
        (true, _) => "doc-credit-note-amount-in-words",
    }
}

/// The seller's legal identity, on every page: name, form and capital, address; then its
/// registration numbers.
fn footer_lines(invoice: &IssuedInvoice, words: Words) -> Vec<String> {
    let seller = &invoice.seller;
    let mut first = vec![seller.legal_name.clone()];
    match (&seller.legal_form, seller.share_capital_minor) {
        (Some(form), Some(capital)) => first.push(words.t_args(
            "doc-capital",
            &[("form", form.clone()), ("capital", words.money(Money::new(capital, invoice.currency)))],
        )),
        (Some(form), None) => first.push(form.clone()),
        _ => {}
    }
    if let Some(address) = &seller.address {
        first.push(address.lines().join(", "));
    }
    let mut second = parties::ids(&seller.ids, words);
    if let Some(city) = &seller.rcs_city {
        // Right after the SIREN, which it registers.
        second.insert(second.len().min(1), words.t_args("doc-rcs", &[("city", city.clone())]));
    }
    vec![first.join(" · "), second.join(" · ")].into_iter().filter(|l| !l.is_empty()).collect()
}

/// Due date, bank details, the exemption wording, and in France the late-payment mentions
/// owed to business customers. A credit note states instead what it credits and why.
fn terms(doc: &mut Pages) {
    let invoice = doc.invoice;
    let words = doc.words;
    doc.y += 4.0;
    if let Some(credited) = &invoice.credits {
        let credits = words.t_args(
            "doc-credit-note-credits",
            &[("number", credited.number.clone()), ("date", words.day(credited.issue_date))],
        );
        doc.paragraph(MARGIN, RIGHT - MARGIN, &credits, (Weight::Bold, 8.5), INK);
        let reason = words.t_args("doc-credit-note-reason", &[("reason", credited.reason.clone())]);
        doc.paragraph(MARGIN, RIGHT - MARGIN, &reason, BODY, INK);
        if let Some(exemption) = &invoice.exemption {
            doc.paragraph(MARGIN, RIGHT - MARGIN, exemption, BODY, INK);
        }
        return;
    }
    let days = (invoice.due_date - invoice.issue_date).num_days();
    let due = words.t_args("doc-pay-by", &[("date", words.day(invoice.due_date)), ("days", days.to_string())]);
    doc.paragraph(MARGIN, RIGHT - MARGIN, &due, (Weight::Bold, 8.5), INK);
    if let Some(account) = &invoice.seller.bank_account {
        let bank = match &invoice.seller.bic {
            Some(bic) => {
                words.t_args("doc-bank-bic", &[("account", account.display()), ("bic", bic.as_str().to_owned())])
            }
            None => words.t_args("doc-bank", &[("account", account.display())]),
        };
        doc.paragraph(MARGIN, RIGHT - MARGIN, &bank, BODY, INK);
    }
    if let Some(exemption) = &invoice.exemption {
        doc.paragraph(MARGIN, RIGHT - MARGIN, exemption, BODY, INK);
    }
    if let Some(late) = mentions::late_payment(&invoice.seller, &invoice.buyer) {
        let penalty = words.t_args(
            "doc-late-penalty",
            &[
                ("rate", domain::format::percent(words.lang, i64::from(late.penalty_bp))),
                ("indemnity", words.money(late.indemnity)),
            ],
        );
        doc.paragraph(MARGIN, RIGHT - MARGIN, &penalty, SMALL, MUTED);
    }
}

/// The verification address and its QR code, at the end of the document.
fn verification(doc: &mut Pages) {
    const SIZE: f32 = 24.0;
    doc.ensure(SIZE + 4.0);
    let top = doc.y + 4.0;
    let url = doc.invoice.verify_url.clone();
    let words = doc.words;
    let (heading, hint) = (words.t(kind_key(doc.invoice, "verify")), words.t(kind_key(doc.invoice, "verify-hint")));
    qr::draw(doc.page(), &url, RIGHT - SIZE, top, SIZE);
    doc.page().text(MARGIN, top + 7.0, &heading, (Weight::Bold, 8.5), INK, Align::Left);
    let mut y = top + 7.0;
    for line in wrap(&url, Weight::Regular, 8.0, (RIGHT - SIZE - MARGIN - 4.0) * 72.0 / 25.4) {
        y += 4.0;
        doc.page().text(MARGIN, y, &line, (Weight::Regular, 8.0), INK, Align::Left);
    }
    for line in wrap(&hint, SMALL.0, SMALL.1, (RIGHT - SIZE - MARGIN - 4.0) * 72.0 / 25.4) {
        y += 3.6;
        doc.page().text(MARGIN, y, &line, SMALL, MUTED, Align::Left);
    }
    doc.y = top + SIZE;
}

#[cfg(test)]
pub(crate) mod tests;
