//! The structured invoice (Factur-X, profile EN 16931): the codes an issued document is
//! described with, chosen here so that the XML writer only writes. Code lists: UNTDID 1001
//! (document type), UNTDID 4461 (payment means), UNTDID 5305 (VAT category), UN/ECE
//! Recommendation 20 (units), ISO 6523 ICD and the CEF EAS list (identifier schemes), and the
//! French CTC rules (BR-FR) for the business process (BT-23) and the mandatory notes.
//!
//! Factur-X is French: an Algerian company's documents are PDF/A-3b without the XML.

use super::draft::Category;
use super::issue::IssuedInvoice;
use super::payment::PaymentMethod;
use super::vat::VatRate;
use crate::Country;
use crate::customer::CustomerKind;
use crate::party::LegalIds;

/// Whether `invoice` carries the Factur-X XML: a French seller's documents do.
pub fn applies(invoice: &IssuedInvoice) -> bool {
    invoice.seller.country() == Country::France
}

/// BT-3: commercial invoice (380) or credit note (381).
pub fn type_code(invoice: &IssuedInvoice) -> &'static str {
    if invoice.is_credit_note() { "381" } else { "380" }
}

/// BT-23, the French "cadre de facturation": a plain invoice (or credit note) of goods (B1),
/// services (S1) or both (M1).
pub fn business_process(category: Category) -> &'static str {
    match category {
        Category::Goods => "B1",
        Category::Services => "S1",
        Category::Mixed => "M1",
    }
}

/// BT-151 / BT-118: standard rate (S) when VAT is charged; exempt (E) at 0 %, the reason being
/// the document's exemption wording (BT-120), which issuing requires for a 0 % line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VatCategory {
    Standard,
    Exempt,
}

impl VatCategory {
    pub fn of(rate: VatRate) -> Self {
        if rate.is_zero() { Self::Exempt } else { Self::Standard }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Standard => "S",
            Self::Exempt => "E",
        }
    }
}

/// A rate as the XML writes it (BT-96, BT-119, BT-152): percent with two decimals, `20.00`,
/// `5.50`, `0.00` — the form the French rules list.
pub fn rate_percent(rate: VatRate) -> String {
    let bp = rate.basis_points();
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// BT-130: the UN/ECE Recommendation 20 code of a line's unit as typed ("h", "jour", "kg"…).
/// A unit the table does not know is "one" (C62), which is what a count of it is.
pub fn unit_code(unit: &str) -> &'static str {
    let unit = unit.trim().trim_end_matches('.').to_lowercase();
    match unit.as_str() {
        "h" | "hr" | "hrs" | "heure" | "heures" | "hour" | "hours" => "HUR",
        "min" | "minute" | "minutes" => "MIN",
        "j" | "jour" | "jours" | "d" | "day" | "days" => "DAY",
        "sem" | "semaine" | "semaines" | "week" | "weeks" => "WEE",
        "mois" | "month" | "months" => "MON",
        "kg" => "KGM",
        "g" => "GRM",
        "t" => "TNE",
        "m" => "MTR",
        "km" => "KMT",
        "m2" | "m²" => "MTK",
        "m3" | "m³" => "MTQ",
        "l" | "litre" | "litres" | "liter" | "liters" => "LTR",
        "u" | "pce" | "pc" | "pcs" | "pièce" | "pièces" | "piece" | "pieces" | "unité" | "unités" | "unit"
        | "units" => "H87",
        "forfait" | "lump sum" | "ens" | "ensemble" => "LS",
        _ => "C62",
    }
}

/// BT-81: how the invoice is to be paid. A transfer to an IBAN is a SEPA credit transfer (58);
/// with no method chosen, the seller's bank account makes it one too.
pub fn payment_means(method: Option<PaymentMethod>, has_iban: bool) -> Option<&'static str> {
    match method {
        Some(PaymentMethod::Transfer) if has_iban => Some("58"),
        Some(PaymentMethod::Transfer) => Some("30"),
        Some(PaymentMethod::Card) => Some("48"),
        Some(PaymentMethod::Cheque) => Some("20"),
        Some(PaymentMethod::Cash) => Some("10"),
        None => has_iban.then_some("58"),
    }
}

/// ISO 6523 scheme of a French SIREN (BT-30, BT-47).
pub const SIREN_SCHEME: &str = "0002";
/// ISO 6523 scheme of a SIRET (BT-29, BT-46).
pub const SIRET_SCHEME: &str = "0009";
/// The electronic address scheme of the French directory, keyed by SIREN (BT-34, BT-49).
pub const FRENCH_DIRECTORY_SCHEME: &str = "0225";
/// The electronic address scheme of an e-mail address.
pub const EMAIL_SCHEME: &str = "EM";

/// A party's electronic address (BT-34, BT-49) as (scheme, value): a French business is
/// reached through the directory by its SIREN (BR-FR-21); an individual by e-mail when known.
pub fn electronic_address(ids: &LegalIds, email: Option<&str>, kind: CustomerKind) -> Option<(&'static str, String)> {
    match (ids, kind) {
        (LegalIds::France { siren: Some(siren), .. }, CustomerKind::Business) => {
            Some((FRENCH_DIRECTORY_SCHEME, siren.as_str().to_owned()))
        }
        _ => email.map(|e| (EMAIL_SCHEME, e.to_owned())),
    }
}

/// The French treatment of a document (note BAR): business to business, or to a consumer.
pub fn treatment(kind: CustomerKind) -> &'static str {
    match kind {
        CustomerKind::Business => "B2B",
        CustomerKind::Individual => "B2C",
    }
}

/// The notes every French document carries (BR-FR-05), by subject code: the recovery
/// indemnity (PMT), the late-payment penalties (PMD), and the early-payment discount (AAB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note {
    RecoveryIndemnity,
    LatePenalties,
    EarlyPaymentDiscount,
}

impl Note {
    pub const REQUIRED: [Self; 3] = [Self::RecoveryIndemnity, Self::LatePenalties, Self::EarlyPaymentDiscount];

    pub fn subject_code(self) -> &'static str {
        match self {
            Self::RecoveryIndemnity => "PMT",
            Self::LatePenalties => "PMD",
            Self::EarlyPaymentDiscount => "AAB",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_map_to_recommendation_20() {
        assert_eq!(unit_code("h"), "HUR");
        assert_eq!(unit_code(" Jours "), "DAY");
        assert_eq!(unit_code("m²"), "MTK");
        assert_eq!(unit_code("u"), "H87");
        assert_eq!(unit_code("Forfait"), "LS");
        assert_eq!(unit_code("palette"), "C62", "an unknown unit is counted");
    }

    #[test]
    fn rates_are_written_as_the_french_rules_list_them() {
        let rate = |bp| VatRate::of(bp, Country::France).unwrap();
        assert_eq!(rate_percent(rate(2000)), "20.00");
        assert_eq!(rate_percent(rate(550)), "5.50");
        assert_eq!(rate_percent(rate(210)), "2.10");
        assert_eq!(rate_percent(VatRate::ZERO), "0.00");
        assert_eq!(VatCategory::of(VatRate::ZERO), VatCategory::Exempt);
        assert_eq!(VatCategory::of(rate(1000)).code(), "S");
    }

    #[test]
    fn payment_means_follow_the_method_and_the_bank_account() {
        assert_eq!(payment_means(Some(PaymentMethod::Transfer), true), Some("58"));
        assert_eq!(payment_means(Some(PaymentMethod::Transfer), false), Some("30"));
        assert_eq!(payment_means(None, true), Some("58"));
        assert_eq!(payment_means(None, false), None);
        assert_eq!(payment_means(Some(PaymentMethod::Cash), true), Some("10"));
    }

    #[test]
    fn businesses_are_reached_by_siren_individuals_by_e_mail() {
        let siren = crate::identifiers::france::Siren::parse("732829320").unwrap();
        let ids = LegalIds::France { siren: Some(siren), siret: None, vat_number: None };
        assert_eq!(
            electronic_address(&ids, Some("a@b.fr"), CustomerKind::Business),
            Some(("0225", "732829320".to_owned()))
        );
        let none = LegalIds::empty(Country::France);
        assert_eq!(electronic_address(&none, Some("a@b.fr"), CustomerKind::Individual), Some(("EM", "a@b.fr".into())));
        assert_eq!(electronic_address(&none, None, CustomerKind::Individual), None);
    }
}
