//! The settlement (BG-16, BG-22, BG-23): currency, payment means, VAT breakdown, terms, totals,
//! and a credit note's invoice.

use domain::identifiers::bank::BankAccount;
use domain::invoicing::einvoice::{self, VatCategory};
use domain::invoicing::issue::IssuedInvoice;

use super::xml::Xml;
use super::{amount, date};
use crate::text::Words;

/// Currency, payment means, the VAT breakdown (BG-23), terms, totals (BG-22), and for a
/// credit note the invoice it credits (BT-25, BT-26).
pub(super) fn settlement(x: &mut Xml, invoice: &IssuedInvoice, words: Words) {
    x.open("ram:ApplicableHeaderTradeSettlement");
    x.leaf("ram:PaymentReference", &invoice.number.text());
    x.leaf("ram:InvoiceCurrencyCode", invoice.currency.code());
    let iban = match &invoice.seller.bank_account {
        Some(BankAccount::Iban(iban)) if !invoice.is_credit_note() => Some(iban.as_str()),
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
