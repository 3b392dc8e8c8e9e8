//! Customer files as spreadsheets write them, and as they come back from an export.

use super::*;
use crate::Lang;
use crate::csv_file::CsvFile;
use crate::party::LegalIds;

fn problems(report: Report) -> Vec<(u64, String, String)> {
    report.errors.into_iter().map(|e| (e.line, e.column, e.code)).collect()
}

#[test]
fn a_french_export_with_french_headings_in_windows_1252() {
    let mut bytes = b"Raison sociale;Type;Adresse;Code postal;Ville;SIREN;D\xe9lai de paiement\r\n".to_vec();
    bytes.extend_from_slice(b"Boulangerie Martin;entreprise;4 place Bellecour;69002;Lyon;552 100 554;45\r\n");
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(b"Ren\xe9e Dupont;particulier;8 rue Ney;69006;Lyon;;\r\n");
    let customers = read_customers(&bytes, Country::France).unwrap();
    assert_eq!(customers.len(), 2);
    let (line, martin) = &customers[0];
    assert_eq!(
        (*line, martin.legal_name.as_str(), martin.terms.map(|t| t.days())),
        (2, "Boulangerie Martin", Some(45))
    );
    assert!(matches!(martin.ids, LegalIds::France { siren: Some(_), .. }));
    let (line, dupont) = &customers[1];
    assert_eq!(
        (*line, dupont.legal_name.as_str(), dupont.kind),
        (4, "Renée Dupont", crate::customer::CustomerKind::Individual)
    );
}

#[test]
fn every_problem_is_reported_with_its_line_and_nothing_is_returned() {
    let text = "legal_name,street,postcode,city,siren,email,kind\n\
                Alpha SARL,1 rue A,75001,Paris,552100555,,\n\
                Beta SAS,2 rue B,7500,Paris,,not-an-email,\n\
                Alpha SARL,3 rue C,75001,Paris,,,\n\
                Gamma,4 rue D,75002,Paris,,,friend\n";
    let report = read_customers(text.as_bytes(), Country::France).unwrap_err();
    assert_eq!(
        problems(report),
        [
            (2, "siren".into(), "siren-check-failed".into()),
            (3, "postcode".into(), "invalid-postcode".into()),
            (3, "email".into(), "invalid-email".into()),
            (5, "kind".into(), "invalid-customer-kind".into()),
        ]
    );
    let twice = "legal_name,street,postcode,city\nAlpha,1 rue A,75001,Paris\nALPHA,9 rue Z,75001,Paris\n";
    let report = read_customers(twice.as_bytes(), Country::France).unwrap_err();
    assert_eq!(problems(report), [(3, "legal_name".into(), "customer-twice-in-file".into())]);
    let missing = "name,city\nAlpha,Paris\n";
    let report = read_customers(missing.as_bytes(), Country::France).unwrap_err();
    assert_eq!(problems(report).iter().map(|p| p.2.as_str()).collect::<Vec<_>>(), ["missing-column", "missing-column"]);
}

#[test]
fn an_export_imports_again_unchanged_even_with_formula_like_cells() {
    let text = "legal_name;street;postcode;city;nif;rc;legal_form;kind\n\
                =SOMME(A1);Zone industrielle, lot 12;16012;Rouiba;000216001234567;16/00-0123456 B 18;SPA;\n\
                -Dar El Beida;Cité 5 juillet;16100;Alger;;;;individual\n";
    let customers: Vec<Customer> =
        read_customers(text.as_bytes(), Country::Algeria).unwrap().into_iter().map(|(_, c)| c).collect();
    assert_eq!(customers[0].legal_name, "=SOMME(A1)");
    for lang in Lang::ALL {
        let mut file = CsvFile::new(lang);
        file.row(COLUMNS.iter().map(|c| c.name)).unwrap();
        for customer in &customers {
            file.row(cells(customer)).unwrap();
        }
        let bytes = file.finish().unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("'=SOMME(A1)"), "neutralised in the file: {text}");
        let again: Vec<Customer> =
            read_customers(&bytes, Country::Algeria).unwrap().into_iter().map(|(_, c)| c).collect();
        assert_eq!(again, customers, "{lang:?}");
    }
}

#[test]
fn files_over_the_row_limit_are_refused() {
    let mut text = String::from("legal_name,street,postcode,city\n");
    for i in 0..=MAX_ROWS {
        text.push_str(&format!("Client {i},1 rue A,75001,Paris\n"));
    }
    let report = read_customers(text.as_bytes(), Country::France).unwrap_err();
    assert!(problems(report).iter().any(|p| p.2 == "too-many-rows"));
}
