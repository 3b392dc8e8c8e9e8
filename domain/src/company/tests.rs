use super::*;

fn french() -> CompanyProfileForm {
    CompanyProfileForm {
        legal_name: "Atelier Démo SARL".into(),
        legal_form: "SARL".into(),
        share_capital: "20 000".into(),
        street: "12 rue de la République".into(),
        postcode: "69002".into(),
        city: "Lyon".into(),
        email: "Compta@Atelier-Demo.example".into(),
        phone: "+33 4 78 00 00 00".into(),
        siren: "732 829 320".into(),
        siret: "732 829 320 00074".into(),
        vat_number: "FR44732829320".into(),
        rcs_city: "Lyon".into(),
        bank_account: "FR76 3000 6000 0112 3456 7890 189".into(),
        bic: "BNPAFRPP".into(),
        payment_terms: "30".into(),
        late_penalty_rate: "12,15".into(),
        invoice_prefix: "f".into(),
        credit_note_prefix: "AV".into(),
        document_lang: "fr".into(),
        ..CompanyProfileForm::default()
    }
}

fn codes(form: &CompanyProfileForm, country: Country) -> Vec<(String, String)> {
    form.parse(country).unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect()
}

fn one(field: &str, code: &str) -> Vec<(String, String)> {
    vec![(field.to_owned(), code.to_owned())]
}

#[test]
fn a_complete_french_profile_parses_and_shows_again() {
    let profile = french().parse(Country::France).unwrap();
    assert_eq!(profile.share_capital_minor, Some(2_000_000));
    assert_eq!(profile.late_penalty_bp, Some(1215));
    assert_eq!(profile.invoice_prefix.as_str(), "F");
    assert_eq!(profile.email.as_ref().map(Email::as_str), Some("compta@atelier-demo.example"));
    assert_eq!(profile.country(), Country::France);
    let again = CompanyProfileForm::of(&profile, ',');
    assert_eq!(again.share_capital, "20000");
    assert_eq!(again.late_penalty_rate, "12,15");
    assert_eq!(again.siret, "73282932000074");
    assert_eq!(again.parse(Country::France), Ok(profile));
}

#[test]
fn every_problem_is_reported_at_once() {
    let form = CompanyProfileForm {
        legal_name: " ".into(),
        postcode: "690".into(),
        siret: "552 100 554 00013".into(),
        bank_account: "FR76 3000 6000 0112 3456 7890 188".into(),
        payment_terms: "90".into(),
        late_penalty_rate: "0".into(),
        credit_note_prefix: "F".into(),
        document_lang: "de".into(),
        phone: "call me".into(),
        ..french()
    };
    let fields: Vec<_> = codes(&form, Country::France);
    assert_eq!(
        fields,
        [
            ("legal_name", "required"),
            ("postcode", "invalid-postcode"),
            ("phone", "invalid-phone"),
            ("siret", "siret-not-this-siren"),
            ("bank_account", "iban-check-failed"),
            ("payment_terms", "terms-over-60-days"),
            ("late_penalty_rate", "amount-not-positive"),
            ("credit_note_prefix", "same-prefix-twice"),
            ("document_lang", "invalid-language"),
        ]
        .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
}

#[test]
fn algerian_profile_takes_algerian_identifiers_and_a_rib() {
    let form = CompanyProfileForm {
        legal_name: "ACME Algérie SPA".into(),
        legal_form: "SPA".into(),
        share_capital: "1 000 000".into(),
        street: "Zone industrielle".into(),
        postcode: "16012".into(),
        city: "Rouiba".into(),
        nif: "000216001234567".into(),
        nis: "098716010123456".into(),
        rc: "16/00-0123456 B 18".into(),
        ai: "16012345678".into(),
        bank_account: "007 99999 0000123456 78".into(),
        payment_terms: "90".into(),
        invoice_prefix: "FA".into(),
        credit_note_prefix: "AV".into(),
        document_lang: "fr".into(),
        ..CompanyProfileForm::default()
    };
    let profile = form.parse(Country::Algeria).unwrap();
    assert!(matches!(profile.bank_account, Some(BankAccount::Rib(_))));
    assert_eq!(profile.terms.days(), 90);
    let with_french = CompanyProfileForm { siren: "732829320".into(), rcs_city: "Lyon".into(), ..form };
    assert_eq!(
        codes(&with_french, Country::Algeria),
        [("siren", "not-for-this-country"), ("rcs_city", "not-for-this-country")]
            .map(|(f, c)| (f.to_owned(), c.to_owned()))
    );
}

#[test]
fn rates_terms_capital_and_phones_have_bounds() {
    assert_eq!(parse_rate_percent("100"), Ok(10_000));
    assert_eq!(parse_rate_percent("100,01"), Err("rate-over-100"));
    assert_eq!(parse_rate_percent("99999999999999999999"), Err("rate-over-100"));
    assert_eq!(parse_rate_percent("-3"), Err("invalid-number"));
    assert_eq!(PaymentTerms::parse("60", Country::France).map(PaymentTerms::days), Ok(60));
    assert_eq!(PaymentTerms::parse("61", Country::France), Err("terms-over-60-days"));
    assert_eq!(PaymentTerms::parse("366", Country::Algeria), Err("invalid-days"));
    assert_eq!(PaymentTerms::parse("-1", Country::Algeria), Err("invalid-days"));
    assert_eq!(PaymentTerms::parse(" ", Country::Algeria), Err("required"));
    assert_eq!(parse_capital("10000000000000000"), Err("amount-too-large"));
    assert_eq!(parse_phone("+213 (0)21 00 00 00"), Ok("+213 (0)21 00 00 00".to_owned()));
    assert_eq!(parse_phone("12 34"), Err("invalid-phone"));
    assert_eq!(parse_phone("0+33478000000"), Err("invalid-phone"));
    let long = "1".repeat(31);
    assert_eq!(parse_phone(&long), Err("too-long"));
    let form = CompanyProfileForm { legal_name: "x".repeat(121), ..french() };
    assert_eq!(codes(&form, Country::France), one("legal_name", "too-long"));
}

#[test]
fn a_new_company_starts_with_defaults() {
    let profile = CompanyProfile::initial("Nouvelle SAS".into(), Country::France);
    assert_eq!(profile.prefix(Series::Invoice).as_str(), "F");
    assert_eq!(profile.prefix(Series::CreditNote).as_str(), "AV");
    assert_eq!(profile.terms, PaymentTerms::DEFAULT);
    assert!(profile.address.is_none());
}
