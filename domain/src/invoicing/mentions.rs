//! The legal mentions an invoice must carry, per country, and the check that lists what is
//! missing before a number is taken. What Atelier writes itself (number, dates, lines, VAT per
//! rate, totals, due date, the amount in words in Algeria, the fixed 40 € recovery indemnity for
//! French business customers) is always printed; what comes from the profile, the customer or
//! the draft is checked here.
//!
//! France: Code de commerce L441-9 and R123-237, CGI art. 242 nonies A. Algeria: décret
//! exécutif 05-468 (invoice conditions), art. 3.

use serde::{Deserialize, Serialize};

use crate::company::CompanyProfile;
use crate::customer::{Customer, CustomerKind};
use crate::party::LegalIds;
use crate::{Country, Currency, Money};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mention {
    SellerAddress,
    SellerLegalForm,
    SellerCapital,
    SellerSiren,
    SellerRcs,
    SellerVatNumber,
    SellerNif,
    SellerNis,
    SellerRc,
    SellerAi,
    LatePenaltyRate,
    BuyerSiren,
    BuyerLegalForm,
    BuyerNif,
    BuyerRc,
    PaymentMethod,
    ExemptionWording,
}

impl Mention {
    pub const ALL: [Self; 17] = [
        Self::SellerAddress,
        Self::SellerLegalForm,
        Self::SellerCapital,
        Self::SellerSiren,
        Self::SellerRcs,
        Self::SellerVatNumber,
        Self::SellerNif,
        Self::SellerNis,
        Self::SellerRc,
        Self::SellerAi,
        Self::LatePenaltyRate,
        Self::BuyerSiren,
        Self::BuyerLegalForm,
        Self::BuyerNif,
        Self::BuyerRc,
        Self::PaymentMethod,
        Self::ExemptionWording,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Self::SellerAddress => "mention-seller-address",
            Self::SellerLegalForm => "mention-seller-legal-form",
            Self::SellerCapital => "mention-seller-capital",
            Self::SellerSiren => "mention-seller-siren",
            Self::SellerRcs => "mention-seller-rcs",
            Self::SellerVatNumber => "mention-seller-vat-number",
            Self::SellerNif => "mention-seller-nif",
            Self::SellerNis => "mention-seller-nis",
            Self::SellerRc => "mention-seller-rc",
            Self::SellerAi => "mention-seller-ai",
            Self::LatePenaltyRate => "mention-late-penalty-rate",
            Self::BuyerSiren => "mention-buyer-siren",
            Self::BuyerLegalForm => "mention-buyer-legal-form",
            Self::BuyerNif => "mention-buyer-nif",
            Self::BuyerRc => "mention-buyer-rc",
            Self::PaymentMethod => "mention-payment-method",
            Self::ExemptionWording => "mention-exemption-wording",
        }
    }
}

/// What the document itself brings to the check.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocumentFacts {
    /// Some line charges VAT.
    pub charges_vat: bool,
    /// Some line is at 0 %.
    pub has_zero_rate: bool,
    pub has_exemption_wording: bool,
    pub has_payment_method: bool,
}

/// What the seller's profile still lacks for any invoice, whoever the customer: shown on the
/// settings page so that an admin completes it before the first invoice is refused.
pub fn missing_from_profile(seller: &CompanyProfile) -> Vec<Mention> {
    let mut missing = Vec::new();
    let individual = seller.is_individual_entrepreneur();
    let mut need = |present: bool, mention| {
        if !present {
            missing.push(mention);
        }
    };
    need(seller.address.is_some(), Mention::SellerAddress);
    need(seller.legal_form.is_some(), Mention::SellerLegalForm);
    need(individual || seller.share_capital_minor.is_some(), Mention::SellerCapital);
    match &seller.ids {
        LegalIds::France { siren, .. } => {
            need(siren.is_some(), Mention::SellerSiren);
            need(individual || seller.rcs_city.is_some(), Mention::SellerRcs);
        }
        LegalIds::Algeria { nif, nis, rc, ai } => {
            need(rc.is_some(), Mention::SellerRc);
            need(nif.is_some(), Mention::SellerNif);
            need(nis.is_some(), Mention::SellerNis);
            need(ai.is_some(), Mention::SellerAi);
        }
    }
    missing
}

/// Every mention an invoice from `seller` to `buyer` would lack; empty when it may be issued.
pub fn missing(seller: &CompanyProfile, buyer: &Customer, facts: DocumentFacts) -> Vec<Mention> {
    let mut missing = missing_from_profile(seller);
    let business = buyer.kind == CustomerKind::Business;
    let mut need = |present: bool, mention| {
        if !present {
            missing.push(mention);
        }
    };
    match (&seller.ids, &buyer.ids) {
        (LegalIds::France { vat_number, .. }, LegalIds::France { siren: buyer_siren, .. }) => {
            need(!facts.charges_vat || vat_number.is_some(), Mention::SellerVatNumber);
            need(!business || seller.late_penalty_bp.is_some(), Mention::LatePenaltyRate);
            need(!business || buyer_siren.is_some(), Mention::BuyerSiren);
        }
        (LegalIds::Algeria { .. }, LegalIds::Algeria { nif, rc, .. }) => {
            need(!business || buyer.legal_form.is_some(), Mention::BuyerLegalForm);
            need(!business || rc.is_some(), Mention::BuyerRc);
            need(!business || nif.is_some(), Mention::BuyerNif);
            need(facts.has_payment_method, Mention::PaymentMethod);
        }
        // A customer is always read for its company's country; a mismatch is a stored
        // record that breaks its own rules, refused by the service before it gets here.
        _ => {}
    }
    need(!facts.has_zero_rate || facts.has_exemption_wording, Mention::ExemptionWording);
    missing
}

/// What a French invoice to a business customer says about late payment (Code de commerce
/// L441-10): the penalty rate, and the fixed recovery indemnity, 40 € by décret 2012-1115.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LatePayment {
    pub penalty_bp: u32,
    pub indemnity: Money,
}

pub const RECOVERY_INDEMNITY_EUR_MINOR: i64 = 4_000;

/// The late-payment mentions an invoice from `seller` to `buyer` prints, if any.
pub fn late_payment(seller: &CompanyProfile, buyer: &Customer) -> Option<LatePayment> {
    let applies = seller.country() == Country::France && buyer.kind == CustomerKind::Business;
    applies.then_some(seller.late_penalty_bp).flatten().map(|penalty_bp| LatePayment {
        penalty_bp,
        indemnity: Money::new(RECOVERY_INDEMNITY_EUR_MINOR, Currency::Eur),
    })
}

#[cfg(test)]
mod tests;
