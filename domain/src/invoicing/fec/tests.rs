use super::file::{amount, clean, day};
use super::*;

#[test]
fn text_is_written_in_latin_9() {
    assert_eq!(latin9("Créé 12 € œuvre Ÿ"), b"Cr\xe9\xe9 12 \xa4 \xbduvre \xbe".to_vec());
    assert_eq!(latin9("漢 ¤"), b"? ?".to_vec(), "what Latin-9 cannot say becomes ?");
    assert_eq!(clean("L’atelier\tdu\ncoin\u{202f}!"), "L'atelier du coin !");
}

#[test]
fn amounts_dates_and_letters_are_written_as_the_fec_reads_them() {
    assert_eq!(amount(123_456), "1234,56");
    assert_eq!(amount(5), "0,05");
    assert_eq!(amount(0), "0,00");
    assert_eq!(day(NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()), "20260309");
    assert_eq!(file_name("732829320", NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()), "732829320FEC20261231.txt");
    assert_eq!([1, 2, 26, 27, 52, 703].map(letter_code), ["A", "B", "Z", "AA", "AZ", "AAA"]);
    assert_eq!(auxiliary_account("3fa85f64-5717-4562-b3fc-2c963f66afa6"), "C3FA85F64");
}

#[test]
fn accounts_default_to_the_french_chart_and_stay_in_their_class() {
    let accounts = Accounts::default();
    assert_eq!((accounts.receivable.as_str(), accounts.vat_collected.as_str()), ("411", "44571"));
    let mut form = accounts.form();
    form.sales_services = "706 100".into();
    form.bank = "411".into();
    form.cash = "53x".into();
    let errors = form.clone().parse().unwrap_err();
    let codes: Vec<(&str, &str)> = errors.0.iter().map(|e| (e.field.as_str(), e.code.as_str())).collect();
    assert_eq!(codes, [("bank", "account-wrong-class"), ("cash", "invalid-account-number")]);
    form.bank = "512100".into();
    form.cash = "530".into();
    assert_eq!(form.parse().unwrap().sales_services, "706100");
}
