use super::*;
use crate::company::CompanyProfileForm;
use crate::country::Country;
use crate::customer::CustomerForm;

fn seller_fr() -> CompanyProfile {
    CompanyProfileForm {
        legal_name: "Atelier Démo SARL".into(),
        legal_form: "SARL".into(),
        share_capital: "20000".into(),
        street: "12 rue de la République".into(),
        postcode: "69002".into(),
        city: "Lyon".into(),
        siren: "732829320".into(),
        vat_number: "FR44732829320".into(),
        rcs_city: "Lyon".into(),
        payment_terms: "30".into(),
        late_penalty_rate: "10".into(),
        invoice_prefix: "F".into(),
        credit_note_prefix: "AV".into(),
        document_lang: "fr".into(),
        ..CompanyProfileForm::default()
    }
    .parse(Country::France)
    .unwrap()
}

fn buyer(kind: &str, siren: &str) -> CustomerForm {
    CustomerForm {
        kind: kind.into(),
        legal_name: "Boulangerie Martin".into(),
        street: "4 place Bellecour".into(),
        postcode: "69002".into(),
        city: "Lyon".into(),
        siren: siren.into(),
        ..CustomerForm::default()
    }
}

const VAT: DocumentFacts =
    DocumentFacts { charges_vat: true, has_zero_rate: false, has_exemption_wording: false, has_payment_method: false };

#[test]
fn a_complete_french_invoice_lacks_nothing() {
    let customer = buyer("business", "552100554").parse(Country::France).unwrap();
    assert_eq!(missing(&seller_fr(), &customer, VAT), []);
    let person = buyer("individual", "").parse(Country::France).unwrap();
    let seller = CompanyProfile { late_penalty_bp: None, ..seller_fr() };
    assert_eq!(missing(&seller, &person, VAT), [], "penalties and SIREN are business-to-business mentions");
}

#[test]
fn french_business_invoices_need_the_buyer_siren_and_a_penalty_rate() {
    let customer = buyer("business", "").parse(Country::France).unwrap();
    let seller = CompanyProfile { late_penalty_bp: None, ..seller_fr() };
    assert_eq!(missing(&seller, &customer, VAT), [Mention::LatePenaltyRate, Mention::BuyerSiren]);
}

#[test]
fn vat_charged_needs_a_vat_number_and_zero_rates_need_a_wording() {
    let customer = buyer("individual", "").parse(Country::France).unwrap();
    let LegalIds::France { siren, siret, .. } = seller_fr().ids else { unreachable!("a French seller") };
    let franchise = CompanyProfile { ids: LegalIds::France { siren, siret, vat_number: None }, ..seller_fr() };
    assert_eq!(missing(&franchise, &customer, VAT), [Mention::SellerVatNumber]);
    let exempt = DocumentFacts { charges_vat: false, has_zero_rate: true, ..VAT };
    assert_eq!(missing(&franchise, &customer, exempt), [Mention::ExemptionWording]);
    let worded = DocumentFacts { has_exemption_wording: true, ..exempt };
    assert_eq!(missing(&franchise, &customer, worded), []);
}

#[test]
fn an_empty_profile_lists_everything_it_lacks() {
    let french = CompanyProfile::initial("Nouvelle SAS".into(), Country::France);
    assert_eq!(
        missing_from_profile(&french),
        [
            Mention::SellerAddress,
            Mention::SellerLegalForm,
            Mention::SellerCapital,
            Mention::SellerSiren,
            Mention::SellerRcs
        ]
    );
    let algerian = CompanyProfile::initial("Nouvelle SARL".into(), Country::Algeria);
    assert_eq!(
        missing_from_profile(&algerian),
        [
            Mention::SellerAddress,
            Mention::SellerLegalForm,
            Mention::SellerCapital,
            Mention::SellerRc,
            Mention::SellerNif,
            Mention::SellerNis,
            Mention::SellerAi
        ]
    );
}

#[test]
fn an_individual_entrepreneur_has_no_capital_nor_rcs() {
    let ei = CompanyProfile { legal_form: Some("EI".into()), share_capital_minor: None, rcs_city: None, ..seller_fr() };
    assert_eq!(missing_from_profile(&ei), []);
}

#[test]
fn algerian_invoices_need_the_buyer_register_numbers_and_a_payment_method() {
    let seller = CompanyProfileForm {
        legal_name: "ACME Algérie SPA".into(),
        legal_form: "SPA".into(),
        share_capital: "1000000".into(),
        street: "Zone industrielle".into(),
        postcode: "16012".into(),
        city: "Rouiba".into(),
        nif: "000216001234567".into(),
        nis: "098716010123456".into(),
        rc: "16/00-0123456 B 18".into(),
        ai: "16012345678".into(),
        payment_terms: "30".into(),
        invoice_prefix: "F".into(),
        credit_note_prefix: "AV".into(),
        document_lang: "fr".into(),
        ..CompanyProfileForm::default()
    }
    .parse(Country::Algeria)
    .unwrap();
    let customer = buyer("business", "").parse(Country::Algeria).unwrap();
    assert_eq!(
        missing(&seller, &customer, VAT),
        [Mention::BuyerLegalForm, Mention::BuyerRc, Mention::BuyerNif, Mention::PaymentMethod]
    );
    let registered = CustomerForm {
        legal_form: "SARL".into(),
        nif: "001516000000001".into(),
        rc: "31/00-1234567 B 05".into(),
        ..buyer("business", "")
    }
    .parse(Country::Algeria)
    .unwrap();
    let paid_by_transfer = DocumentFacts { has_payment_method: true, ..VAT };
    assert_eq!(missing(&seller, &registered, paid_by_transfer), []);
}

#[test]
fn late_payment_mentions_are_for_french_business_customers() {
    let business = buyer("business", "552100554").parse(Country::France).unwrap();
    let person = buyer("individual", "").parse(Country::France).unwrap();
    let printed = late_payment(&seller_fr(), &business).unwrap();
    assert_eq!((printed.penalty_bp, printed.indemnity.minor), (1000, 40_00));
    assert_eq!(late_payment(&seller_fr(), &person), None);
    let no_rate = CompanyProfile { late_penalty_bp: None, ..seller_fr() };
    assert_eq!(late_payment(&no_rate, &business), None, "the missing rate is refused before issuing");
}
