//! The top of the first page: the seller (left), the title, number and dates (right), then the
//! customer with its identifiers and delivery address, and the operation's category and
//! payment method.

use domain::invoicing::payment::PaymentMethod;
use domain::party::LegalIds;

use super::{BODY, LINE, Pages, RIGHT, SMALL};
use crate::canvas::{Align, INK, MARGIN, MUTED, SHADE, Style, Tint};
use crate::fonts::Weight;
use crate::text::Words;

/// A party's identifiers as printed (`SIREN 732 829 320`, `NIF 0001…`).
pub fn ids(ids: &LegalIds, words: Words) -> Vec<String> {
    ids.printed()
        .into_iter()
        .map(|(name, value)| {
            let key = match name {
                "siren" => "doc-id-siren",
                "siret" => "doc-id-siret",
                "vat_number" => "doc-id-vat-number",
                "nif" => "doc-id-nif",
                "nis" => "doc-id-nis",
                "rc" => "doc-id-rc",
                _ => "doc-id-ai",
            };
            words.t_args(key, &[("value", value)])
        })
        .collect()
}

pub fn header(doc: &mut Pages) {
    let invoice = doc.invoice;
    let words = doc.words;
    let seller = &invoice.seller;

    // Seller, left.
    let mut left = doc.y + 6.0;
    doc.page().text(MARGIN, left, &seller.legal_name, (Weight::Bold, 14.0), INK, Align::Left);
    left += 2.0;
    let mut contact: Vec<String> = seller.address.iter().flat_map(|a| a.lines()).collect();
    if let Some(email) = &seller.email {
        contact.push(words.t_args("doc-email", &[("value", email.as_str().to_owned())]));
    }
    if let Some(phone) = &seller.phone {
        contact.push(words.t_args("doc-phone", &[("value", phone.clone())]));
    }
    for line in contact {
        left += LINE;
        doc.page().text(MARGIN, left, &line, BODY, MUTED, Align::Left);
    }

    // Title, number and dates, right.
    let mut right = doc.y + 7.0;
    doc.page().text(
        RIGHT,
        right,
        &words.t(super::kind_key(invoice, "title")).to_uppercase(),
        (Weight::Bold, 18.0),
        INK,
        Align::Right,
    );
    right += 7.0;
    let number = words.t_args("doc-number", &[("number", invoice.number.text())]);
    doc.page().text(RIGHT, right, &number, (Weight::Bold, 11.0), INK, Align::Right);
    let mut dates = vec![words.t_args("doc-issue-date", &[("date", words.day(invoice.issue_date))])];
    match &invoice.credits {
        Some(credited) => dates.push(words.t_args("doc-credits-invoice", &[("number", credited.number.clone())])),
        None => dates.push(words.t_args("doc-due-date", &[("date", words.day(invoice.due_date))])),
    }
    for line in dates {
        right += LINE + 0.5;
        doc.page().text(RIGHT, right, &line, BODY, INK, Align::Right);
    }

    // Customer, in a shaded box on the right half.
    let top = left.max(right) + 8.0;
    let buyer = &invoice.buyer;
    let mut lines: Vec<(String, Style, Tint)> = vec![(buyer.legal_name.clone(), (Weight::Bold, 10.0), INK)];
    if let Some(form) = &buyer.legal_form {
        lines.push((form.clone(), BODY, INK));
    }
    lines.extend(buyer.address.lines().into_iter().map(|l| (l, BODY, INK)));
    lines.extend(ids(&buyer.ids, words).into_iter().map(|l| (l, SMALL, MUTED)));
    if let Some(delivery) = &buyer.delivery_address {
        lines.push((words.t_args("doc-deliver-to", &[("address", delivery.lines().join(", "))]), SMALL, MUTED));
    }
    let box_left = 110.0;
    let height = 9.0 + LINE * lines.len() as f32 + 2.0;
    doc.page().fill(box_left, top, RIGHT - box_left, height, SHADE);
    let mut y = top + 5.0;
    doc.page().text(box_left + 4.0, y, &words.t("doc-bill-to").to_uppercase(), (Weight::Bold, 7.0), MUTED, Align::Left);
    y += 1.0;
    for (line, style, color) in &lines {
        y += LINE;
        doc.page().text(box_left + 4.0, y, line, *style, *color, Align::Left);
    }

    // Operation and payment method, left of the customer.
    let mut y = top + 5.0;
    let category = words.t(invoice.category.label_key());
    doc.page().text(MARGIN, y, &words.t_args("doc-operation", &[("category", category)]), BODY, INK, Align::Left);
    if let Some(method) = invoice.payment_method {
        y += LINE + 0.5;
        let method = words.t(PaymentMethod::label_key(method));
        doc.page().text(MARGIN, y, &words.t_args("doc-payment-method", &[("method", method)]), BODY, INK, Align::Left);
    }
    doc.y = top + height + 6.0;
}
