//! The Factur-X XML of an issued document (UN/CEFACT Cross Industry Invoice D16B, profile
//! EN 16931, with the French CTC rules): what the PDF prints, as data an accounting system
//! reads without retyping. The codes are chosen in `domain::invoicing::einvoice`; this writes
//! them, in the order the schema wants, the same bytes for the same document.

mod xml;

use domain::invoicing::draft::views::DraftLineView;
use domain::invoicing::einvoice::{self, Note, VatCategory};
use domain::invoicing::issue::IssuedInvoice;
use domain::invoicing::mentions;
use domain::party::{LegalIds, PostalAddress};
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
    agreement(&mut x, invoice);
    x.empty("ram:ApplicableHeaderTradeDelivery");
    settlement(&mut x, invoice, words);
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

/// The parties (BG-4, BG-7).
fn agreement(x: &mut Xml, invoice: &IssuedInvoice) {
    x.open("ram:ApplicableHeaderTradeAgreement");
    let seller = &invoice.seller;
    let seller_address = seller.address.as_ref();
    let seller_email = seller.email.as_ref().map(|e| e.as_str());
    let seller_kind = domain::customer::CustomerKind::Business;
    party(
        x,
        "ram:SellerTradeParty",
        (&seller.legal_name, &seller.ids, seller_address),
        (seller_email, seller_kind),
        true,
    );
    let buyer = &invoice.buyer;
    let buyer_email = buyer.email.as_ref().map(|e| e.as_str());
    party(
        x,
        "ram:BuyerTradeParty",
        (&buyer.legal_name, &buyer.ids, Some(&buyer.address)),
        (buyer_email, buyer.kind),
        false,
    );
    x.close();
}

/// A party: its SIRET (BT-29/46), name, SIREN (BT-30/47), address, electronic address
/// (BT-34/49) and VAT number (BT-31/48). A seller without a VAT number (VAT-exempt) gives its
/// SIREN as its tax registration (BT-32), which BR-E-02 asks of exempt invoices.
fn party(
    x: &mut Xml,
    tag: &'static str,
    (name, ids, address): (&str, &LegalIds, Option<&PostalAddress>),
    (email, kind): (Option<&str>, domain::customer::CustomerKind),
    seller: bool,
) {
    x.open(tag);
    let (siren, siret, vat) = match ids {
        LegalIds::France { siren, siret, vat_number } => (
            siren.as_ref().map(|s| s.as_str()),
            siret.as_ref().map(|s| s.as_str()),
            vat_number.as_ref().map(|v| v.as_str()),
        ),
        LegalIds::Algeria { .. } => (None, None, None),
    };
    if let Some(siret) = siret {
        x.leaf_attr("ram:GlobalID", ("schemeID", einvoice::SIRET_SCHEME), siret);
    }
    x.leaf("ram:Name", name);
    if let Some(siren) = siren {
        x.open("ram:SpecifiedLegalOrganization");
        x.leaf_attr("ram:ID", ("schemeID", einvoice::SIREN_SCHEME), siren);
        x.close();
    }
    if let Some(address) = address {
        x.open("ram:PostalTradeAddress");
        x.leaf("ram:PostcodeCode", &address.postcode);
        x.leaf("ram:LineOne", &address.street);
        if let Some(street2) = &address.street2 {
            x.leaf("ram:LineTwo", street2);
        }
        x.leaf("ram:CityName", &address.city);
        x.leaf("ram:CountryID", ids.country().code());
        x.close();
    }
    if let Some((scheme, value)) = einvoice::electronic_address(ids, email, kind) {
        x.open("ram:URIUniversalCommunication");
        x.leaf_attr("ram:URIID", ("schemeID", scheme), &value);
        x.close();
    }
    match (vat, siren) {
        (Some(vat), _) => {
            x.open("ram:SpecifiedTaxRegistration");
            x.leaf_attr("ram:ID", ("schemeID", "VA"), vat);
            x.close();
        }
        (None, Some(siren)) if seller => {
            x.open("ram:SpecifiedTaxRegistration");
            x.leaf_attr("ram:ID", ("schemeID", "FC"), siren);
            x.close();
        }
        _ => {}
    }
    x.close();
}

/// Currency, payment means, the VAT breakdown (BG-23), terms, totals (BG-22), and for a
/// credit note the invoice it credits (BT-25, BT-26).
fn settlement(x: &mut Xml, invoice: &IssuedInvoice, words: Words) {
    x.open("ram:ApplicableHeaderTradeSettlement");
    x.leaf("ram:PaymentReference", &invoice.number.text());
    x.leaf("ram:InvoiceCurrencyCode", invoice.currency.code());
    let iban = match &invoice.seller.bank_account {
        Some(domain::identifiers::bank::BankAccount::Iban(iban)) if !invoice.is_credit_note() => Some(iban.as_str()),
        _ => None,
    };
    let means =
        if invoice.is_credit_note() { None } else { einvoice::payment_means(invoice.payment_method, iban.is_some()) };
    if let Some(code) = means {
        x.open("ram:SpecifiedTradeSettlementPaymentMeans");
        x.leaf("ram:TypeCode", code);
        if let (Some(iban), "58" | "30") = (iban, code) {
            x.open("ram:PayeePartyCreditorFinancialAccount");
            x.leaf("ram:IBANID", iban);
            x.close();
            if let Some(bic) = &invoice.seller.bic {
                x.open("ram:PayeeSpecifiedCreditorFinancialInstitution");
                x.leaf("ram:BICID", bic.as_str());
                x.close();
            }
        }
        x.close();
    }
    for rate in &invoice.totals.by_rate {
        let category = VatCategory::of(rate.rate);
        x.open("ram:ApplicableTradeTax");
        x.leaf("ram:CalculatedAmount", &amount(rate.vat_minor));
        x.leaf("ram:TypeCode", "VAT");
        if category == VatCategory::Exempt {
            x.leaf("ram:ExemptionReason", invoice.exemption.as_deref().unwrap_or_default());
        }
        x.leaf("ram:BasisAmount", &amount(rate.base_minor));
        x.leaf("ram:CategoryCode", category.code());
        x.leaf("ram:RateApplicablePercent", &einvoice::rate_percent(rate.rate));
        x.close();
    }
    x.open("ram:SpecifiedTradePaymentTerms");
    if !invoice.is_credit_note() {
        let days = (invoice.due_date - invoice.issue_date).num_days();
        let terms = words.t_args("doc-pay-by", &[("date", words.day(invoice.due_date)), ("days", days.to_string())]);
        x.leaf("ram:Description", &terms);
    }
    date(x, "ram:DueDateDateTime", "udt:DateTimeString", invoice.due_date);
    x.close();
    let totals = &invoice.totals;
    x.open("ram:SpecifiedTradeSettlementHeaderMonetarySummation");
    x.leaf("ram:LineTotalAmount", &amount(totals.net_minor));
    x.leaf("ram:TaxBasisTotalAmount", &amount(totals.net_minor));
    x.leaf_attr("ram:TaxTotalAmount", ("currencyID", invoice.currency.code()), &amount(totals.vat_minor));
    x.leaf("ram:GrandTotalAmount", &amount(totals.total_minor));
    x.leaf("ram:DuePayableAmount", &amount(totals.total_minor));
    x.close();
    if let Some(credited) = &invoice.credits {
        x.open("ram:InvoiceReferencedDocument");
        x.leaf("ram:IssuerAssignedID", &credited.number);
        date(x, "ram:FormattedIssueDateTime", "qdt:DateTimeString", credited.issue_date);
        x.close();
    }
    x.close();
}

fn date(x: &mut Xml, outer: &'static str, inner: &str, day: NaiveDate) {
    x.open(outer);
    x.leaf_attr(inner, ("format", "102"), &day.to_string().replace('-', ""));
    x.close();
}

/// An amount in minor units as the XML writes it: `1234.56`, `-3.10` (two decimals, point).
fn amount(minor: i64) -> String {
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
