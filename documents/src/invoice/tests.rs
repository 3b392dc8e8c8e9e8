use domain::company::CompanyProfileForm;
use domain::customer::CustomerForm;
use domain::invoicing::draft::Category;
use domain::invoicing::draft::views::DraftLineView;
use domain::invoicing::issue::{IssuedInvoice, VerificationId};
use domain::invoicing::line::{Discount, LinePrice};
use domain::invoicing::numbering::{DocumentNumber, Series, SeriesPrefix};
use domain::invoicing::payment::PaymentMethod;
use domain::invoicing::totals::Totals;
use domain::invoicing::vat::VatRate;
use domain::{Country, Currency, Lang, NaiveDate, Quantity};

use super::render_invoice;

fn line(i: usize, country: Country, designation: &str) -> DraftLineView {
    let (normal, reduced) = if country == Country::France { (2000, 1000) } else { (1900, 900) };
    let price = LinePrice {
        quantity: Quantity::from_milli(1_500 + i as i64 * 1_000).unwrap(),
        unit_price_minor: 45_00 + i as i64 * 10,
        discount: Discount::try_from(if i.is_multiple_of(3) { 500 } else { 0 }).unwrap(),
        vat: VatRate::of(if i % 4 == 1 { reduced } else { normal }, country).unwrap(),
    };
    DraftLineView {
        id: format!("l{i}"),
        position: i as i64 + 1,
        designation: designation.to_owned(),
        unit: "h".into(),
        quantity: price.quantity,
        unit_price_minor: price.unit_price_minor,
        discount: price.discount,
        vat: price.vat,
        amounts: price.amounts().unwrap(),
    }
}

pub fn sample(country: Country, lang: Lang, lines: usize) -> IssuedInvoice {
    let seller = match country {
        Country::France => CompanyProfileForm {
            legal_name: "Atelier Démo SARL".into(),
            legal_form: "SARL".into(),
            share_capital: "20000".into(),
            street: "12 rue de la République".into(),
            postcode: "69002".into(),
            city: "Lyon".into(),
            email: "factures@atelier-demo.fr".into(),
            siren: "732829320".into(),
            vat_number: "FR44732829320".into(),
            rcs_city: "Lyon".into(),
            bank_account: "FR7630006000011234567890189".into(),
            bic: "AGRIFRPP".into(),
            payment_terms: "30".into(),
            late_penalty_rate: "10".into(),
            invoice_prefix: "F".into(),
            credit_note_prefix: "AV".into(),
            document_lang: lang.tag().into(),
            ..CompanyProfileForm::default()
        },
        Country::Algeria => CompanyProfileForm {
            legal_name: "Atelier Démo SARL".into(),
            legal_form: "SARL".into(),
            share_capital: "1000000".into(),
            street: "5 rue Didouche Mourad".into(),
            postcode: "16000".into(),
            city: "Alger".into(),
            nif: "000016001234567".into(),
            nis: "000116001234567".into(),
            rc: "16/00-1234567B21".into(),
            ai: "16012345678".into(),
            payment_terms: "30".into(),
            invoice_prefix: "F".into(),
            credit_note_prefix: "AV".into(),
            document_lang: lang.tag().into(),
            ..CompanyProfileForm::default()
        },
    }
    .parse(country)
    .unwrap();
    let buyer = CustomerForm {
        kind: "business".into(),
        legal_name: "Boulangerie Martin".into(),
        legal_form: "SAS".into(),
        street: "4 place Bellecour".into(),
        postcode: "69002".into(),
        city: "Lyon".into(),
        siren: if country == Country::France { "552100554".into() } else { String::new() },
        ..CustomerForm::default()
    }
    .parse(country)
    .unwrap();
    let lines: Vec<DraftLineView> = (0..lines)
        .map(|i| {
            line(
                i,
                country,
                &format!(
                    "Intervention n° {} : diagnostic, remplacement du thermostat et essais de l’installation",
                    i + 1
                ),
            )
        })
        .collect();
    let prices: Vec<LinePrice> = lines
        .iter()
        .map(|l| LinePrice {
            quantity: l.quantity,
            unit_price_minor: l.unit_price_minor,
            discount: l.discount,
            vat: l.vat,
        })
        .collect();
    IssuedInvoice {
        series: Series::Invoice,
        number: DocumentNumber { prefix: SeriesPrefix::parse("F").unwrap(), year: 2026, sequence: 42 },
        verification_id: VerificationId::from_random(*b"0123456789abcdef"),
        verify_url: "http://127.0.0.1:3000/verify/1K6HKD3J6Q5VR6RVH6KSXVH46G".into(),
        issue_date: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
        due_date: NaiveDate::from_ymd_opt(2026, 4, 9).unwrap(),
        category: Category::Services,
        payment_method: Some(PaymentMethod::Transfer),
        exemption: None,
        seller,
        buyer,
        totals: Totals::of(&prices).unwrap(),
        lines,
        currency: if country == Country::France { Currency::Eur } else { Currency::Dzd },
        lang,
        credits: None,
    }
}

/// A credit note of two lines of the sample invoice.
pub fn credit_note(country: Country, lang: Lang) -> IssuedInvoice {
    let original = sample(country, lang, 6);
    let taken = std::collections::BTreeMap::from([
        ("l1".to_owned(), Quantity::units(1)),
        ("l4".to_owned(), Quantity::from_milli(500).unwrap()),
    ]);
    let mut n = 0;
    let lines = domain::invoicing::credit::credit_lines(&original.lines, &Default::default(), &taken, || {
        n += 1;
        format!("c{n}")
    })
    .unwrap();
    let credited = domain::invoicing::credit::CreditedInvoice {
        id: "invoice-id".into(),
        number: original.number.text(),
        issue_date: original.issue_date,
        reason: "Deux heures facturées en trop".into(),
    };
    let number = DocumentNumber { prefix: SeriesPrefix::parse("AV").unwrap(), year: 2026, sequence: 3 };
    let verify = domain::invoicing::issue::Verify::new(
        "http://127.0.0.1:3000",
        VerificationId::from_random(*b"fedcba9876543210"),
    );
    let today = NaiveDate::from_ymd_opt(2026, 3, 20).unwrap();
    let (lines, totals) = lines;
    IssuedInvoice::credit_note(
        &original,
        original.seller.clone(),
        credited,
        (lines.into_iter().map(|(_, l)| l).collect(), totals),
        (number, verify, today),
    )
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("a PDF lopdf reads back").get_pages().len()
}

#[test]
fn the_same_invoice_gives_the_same_bytes() {
    let invoice = sample(Country::France, Lang::Fr, 12);
    let first = render_invoice(&invoice);
    assert!(first.starts_with(b"%PDF-"));
    for _ in 0..3 {
        assert_eq!(render_invoice(&invoice), first, "rendering is deterministic");
    }
    let mut other = invoice.clone();
    other.number.sequence = 43;
    assert_ne!(render_invoice(&other), first, "another number, other bytes");
}

#[test]
fn a_long_invoice_spans_pages() {
    assert_eq!(pages(&render_invoice(&sample(Country::France, Lang::En, 3))), 1);
    let long = render_invoice(&sample(Country::France, Lang::Fr, 200));
    let n = pages(&long);
    assert!(n >= 8, "200 lines take several pages, not {n}");
}

#[test]
fn both_countries_and_languages_render() {
    for country in [Country::France, Country::Algeria] {
        for lang in Lang::ALL {
            let pdf = render_invoice(&sample(country, lang, 5));
            assert_eq!(pages(&pdf), 1, "{country:?} {lang:?}");
        }
    }
}

/// Writes sample PDFs to look at (`pdftoppm`): `ATELIER_SAMPLE_PDF_DIR=/tmp/pdf cargo test -p documents`.
#[test]
fn sample_files_when_asked() {
    let Ok(dir) = std::env::var("ATELIER_SAMPLE_PDF_DIR") else { return };
    std::fs::create_dir_all(&dir).unwrap();
    for (name, invoice) in [
        ("fr-fr", sample(Country::France, Lang::Fr, 8)),
        ("fr-en", sample(Country::France, Lang::En, 8)),
        ("dz-fr", sample(Country::Algeria, Lang::Fr, 6)),
        ("fr-200", sample(Country::France, Lang::Fr, 200)),
        ("credit-fr", credit_note(Country::France, Lang::Fr)),
        ("credit-dz-en", credit_note(Country::Algeria, Lang::En)),
    ] {
        std::fs::write(format!("{dir}/{name}.pdf"), render_invoice(&invoice)).unwrap();
    }
}

/// An external tool, or None when it is not installed. `scripts/test.sh` installs them and sets
/// `ATELIER_REQUIRE_TOOLS`, so that there a missing tool fails instead of skipping.
pub(crate) fn tool(name: &str) -> Option<std::process::Command> {
    let found = std::process::Command::new(name).arg("--version").output().is_ok();
    if !found {
        assert!(std::env::var_os("ATELIER_REQUIRE_TOOLS").is_none(), "{name} is required here");
        eprintln!("{name} is not installed: this check is SKIPPED");
    }
    found.then(|| std::process::Command::new(name))
}

/// qpdf (structure, streams, cross-reference table) and poppler's pdftotext (the embedded
/// font's Unicode map: what a reader copies is what was printed), on a short and a long invoice.
#[test]
fn independent_tools_read_the_files_back() {
    let dir = std::env::temp_dir().join(format!("atelier-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, invoice) in
        [("short", sample(Country::France, Lang::Fr, 3)), ("long", sample(Country::Algeria, Lang::En, 200))]
    {
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, render_invoice(&invoice)).unwrap();
        if let Some(mut qpdf) = tool("qpdf") {
            let out = qpdf.arg("--check").arg(&path).output().unwrap();
            let report = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "qpdf --check {name}: {report}");
            assert!(report.contains("No syntax or stream encoding errors found"), "{report}");
        }
        if let Some(mut pdftotext) = tool("pdftotext") {
            let out = pdftotext.arg("-layout").arg(&path).arg("-").output().unwrap();
            assert!(out.status.success());
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("F-2026-00042"), "{name}: {text}");
            // Extraction turns no-break spaces into plain ones.
            let total =
                domain::format::money(invoice.lang, domain::Money::new(invoice.totals.total_minor, invoice.currency))
                    .replace(['\u{a0}', '\u{202f}'], " ");
            assert!(text.contains(&total), "{name}: the total {total} is readable text");
            assert!(text.contains("Boulangerie Martin"));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A credit note reads as one: its own title and number, the invoice it credits, its reason,
/// no due date nor bank details (nothing is to be paid on it).
#[test]
fn a_credit_note_names_the_invoice_it_credits() {
    let Some(mut pdftotext) = tool("pdftotext") else { return };
    let dir = std::env::temp_dir().join(format!("atelier-credit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("credit.pdf");
    let credit = credit_note(Country::France, Lang::Fr);
    let pdf = render_invoice(&credit);
    assert_eq!(render_invoice(&credit), pdf, "deterministic too");
    std::fs::write(&path, &pdf).unwrap();
    let out = pdftotext.arg("-layout").arg(&path).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in ["AVOIR", "AV-2026-00003", "Sur facture F-2026-00042", "Motif : Deux heures facturées en trop"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(!text.contains("Échéance") && !text.contains("IBAN"), "nothing to pay on a credit note: {text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
