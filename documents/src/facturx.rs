//! The Factur-X XML of an issued document (UN/CEFACT Cross Industry Invoice D16B, profile
//! EN 16931, with the French CTC rules): what the PDF prints, as data an accounting system
//! reads without retyping. The codes are chosen in `domain::invoicing::einvoice`; this writes
//! them, in the order the schema wants, the same bytes for the same document.

mod parties;
mod settlement;
mod xml;

use domain::invoicing::draft::views::DraftLineView;
use domain::invoicing::einvoice::{self, Note, VatCategory};
use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::mentions;
use domain::{NaiveDate, Quantity};

use crate::text::Words;
use xml::Xml;

/// The file name the XML takes inside the PDF, fixed by the Factur-X specification.
pub const FILE_NAME: &str = "factur-x.xml";
const GUIDELINE: &str = "urn:cen.eu:en16931:2017";

/// The XML of `invoice`, or None when its seller is not French (Factur-X is French).
pub fn facturx_xml(invoice: &IssuedInvoice) -> Option<String> {
    einvoice::applies(invoice).then(|| write(invoice))
}

fn write(invoice: &IssuedInvoice) -> String {
    let words = Words { lang: invoice.lang };
    let mut x = Xml::new();
    x.open_root();
    x.open("rsm:ExchangedDocumentContext");
    x.open("ram:BusinessProcessSpecifiedDocumentContextParameter");
    x.leaf("ram:ID", einvoice::business_process(invoice.category));
    x.close();
    x.open("ram:GuidelineSpecifiedDocumentContextParameter");
    x.leaf("ram:ID", GUIDELINE);
    x.close();
    x.close();
    document(&mut x, invoice, words);
    x.open("rsm:SupplyChainTradeTransaction");
    for (i, line) in invoice.lines.iter().enumerate() {
        line_item(&mut x, i, line, words);
    }
    parties::agreement(&mut x, invoice);
    x.empty("ram:ApplicableHeaderTradeDelivery");
    settlement::settlement(&mut x, invoice, words);
    x.close();
    x.close();
    x.finish()
}

/// BT-1, BT-3, BT-2 and the notes (BG-1): the French ones, then the treatment.
fn document(x: &mut Xml, invoice: &IssuedInvoice, words: Words) {
    x.open("rsm:ExchangedDocument");
    x.leaf("ram:ID", &invoice.number.text());
    x.leaf("ram:TypeCode", einvoice::type_code(invoice));
    date(x, "ram:IssueDateTime", "udt:DateTimeString", invoice.issue_date);
    for note in Note::REQUIRED {
        x.open("ram:IncludedNote");
        x.leaf("ram:Content", &note_text(invoice, note, words));
        x.leaf("ram:SubjectCode", note.subject_code());
        x.close();
    }
    x.open("ram:IncludedNote");
    x.leaf("ram:Content", einvoice::treatment(invoice.buyer.kind));
    x.leaf("ram:SubjectCode", "BAR");
    x.close();
    x.close();
}

/// What a French note says: the late-payment terms owed to businesses (the same as printed),
/// or that they do not apply to a consumer; never an early-payment discount.
fn note_text(invoice: &IssuedInvoice, note: Note, words: Words) -> String {
    let late = mentions::late_payment(&invoice.seller, &invoice.buyer);
    match (note, late) {
        (Note::RecoveryIndemnity, Some(late)) => {
            words.t_args("doc-note-recovery", &[("indemnity", words.money(late.indemnity))])
        }
        (Note::RecoveryIndemnity, None) => words.t("doc-note-recovery-none"),
        (Note::LatePenalties, Some(late)) => words
            .t_args("doc-note-penalties", &[("rate", domain::format::percent(words.lang, i64::from(late.penalty_bp)))]),
        (Note::LatePenalties, None) => words.t("doc-note-penalties-none"),
        (Note::EarlyPaymentDiscount, _) => words.t("doc-note-no-discount"),
    }
}

/// One line (BG-25): its quantity and unit, net price, VAT, discount, and net amount.
fn line_item(x: &mut Xml, i: usize, line: &DraftLineView, words: Words) {
    x.open("ram:IncludedSupplyChainTradeLineItem");
    x.open("ram:AssociatedDocumentLineDocument");
    x.leaf("ram:LineID", &(i + 1).to_string());
    x.close();
    x.open("ram:SpecifiedTradeProduct");
    x.leaf("ram:Name", &line.designation);
    x.close();
    x.open("ram:SpecifiedLineTradeAgreement");
    x.open("ram:NetPriceProductTradePrice");
    x.leaf("ram:ChargeAmount", &amount(line.unit_price_minor));
    x.close();
    x.close();
    x.open("ram:SpecifiedLineTradeDelivery");
    x.leaf_attr("ram:BilledQuantity", ("unitCode", einvoice::unit_code(&line.unit)), &quantity(line.quantity));
    x.close();
    x.open("ram:SpecifiedLineTradeSettlement");
    x.open("ram:ApplicableTradeTax");
    x.leaf("ram:TypeCode", "VAT");
    x.leaf("ram:CategoryCode", VatCategory::of(line.vat).code());
    x.leaf("ram:RateApplicablePercent", &einvoice::rate_percent(line.vat));
    x.close();
    if line.amounts.discount_minor != 0 {
        x.open("ram:SpecifiedTradeAllowanceCharge");
        x.open("ram:ChargeIndicator");
        x.leaf("udt:Indicator", "false");
        x.close();
        x.leaf("ram:CalculationPercent", &hundredths(line.discount.basis_points()));
        x.leaf("ram:BasisAmount", &amount(line.amounts.gross_minor));
        x.leaf("ram:ActualAmount", &amount(line.amounts.discount_minor));
        x.leaf("ram:ReasonCode", "95");
        x.leaf("ram:Reason", &words.t("doc-note-discount"));
        x.close();
    }
    x.open("ram:SpecifiedTradeSettlementLineMonetarySummation");
    x.leaf("ram:LineTotalAmount", &amount(line.amounts.net_minor));
    x.close();
    x.close();
    x.close();
}

pub(crate) fn date(x: &mut Xml, outer: &'static str, inner: &str, day: NaiveDate) {
    x.open(outer);
    x.leaf_attr(inner, ("format", "102"), &day.to_string().replace('-', ""));
    x.close();
}

/// An amount in minor units as the XML writes it: `1234.56`, `-3.10` (two decimals, point).
pub(crate) fn amount(minor: i64) -> String {
    hundredths(minor)
}

fn hundredths(value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let abs = value.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A quantity with the decimals it has (at most three): `2`, `1.5`, `0.125`.
fn quantity(q: Quantity) -> String {
    let milli = q.milli();
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    let fraction = format!("{:03}", abs % 1000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { format!("{sign}{}", abs / 1000) } else { format!("{sign}{}.{fraction}", abs / 1000) }
}

#[cfg(test)]
mod tests;
