//! Files as spreadsheets write them, and as attackers do.

use super::*;
use crate::stock::import::{ImportOutcome, ImportPhase, MAX_REPORTED, template};

fn errors(report: Report) -> Vec<(u64, String, String)> {
    report.errors.into_iter().map(|e| (e.line, e.column, e.code)).collect()
}

#[test]
fn a_french_spreadsheet_export_in_windows_1252_with_semicolons_and_decimal_commas() {
    let mut bytes =
        b"R\xe9f\xe9rence;D\xe9signation;Cat\xe9gorie;Unit\xe9;Prix d'achat;TVA;Stock min;Stock max\r\n".to_vec();
    bytes.extend_from_slice(b"vis-m8;Vis M8 \xd7 30 inox;Quincaillerie;u;0,18;20 %;100;1 000\r\n");
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(b"CHEV-6;Cheville \xab nylon \xbb 6 mm \x80;Fixation;u;\"0,05\";5,5;;\r\n");
    let articles = read_articles(&bytes).unwrap();
    assert_eq!(articles.len(), 2);
    let (line, vis) = &articles[0];
    assert_eq!((*line, vis.code.as_str(), vis.designation.as_str()), (2, "VIS-M8", "Vis M8 × 30 inox"));
    assert_eq!(
        (vis.purchase_price_minor, vis.vat_rate_bp, vis.max_stock),
        (Some(18), 2000, Some(Quantity::units(1000)))
    );
    let (line, chev) = &articles[1];
    assert_eq!(*line, 4, "lines are counted in the file, blank ones included");
    assert_eq!(chev.designation, "Cheville « nylon » 6 mm €");
    assert_eq!(chev.vat_rate_bp, 550);
}

#[test]
fn utf8_with_a_byte_order_mark_and_commas_with_decimal_points() {
    let text = "\u{feff}code,designation,purchase_price,min_stock\nCÂBLE-1,Câble électrique,\"1,35\",10\nCAB-2,Gaine,0.40,2.5\n";
    let articles = read_articles(text.as_bytes()).unwrap_err();
    // "CÂBLE-1" is not a valid article code (ASCII only); the rest reads fine.
    assert_eq!(errors(articles), vec![(2, "code".into(), "invalid-article-code".into())]);
    let text =
        "code,designation,purchase_price,min_stock\nCABLE-1,Câble électrique,\"1,35\",10\nCAB-2,Gaine,0.40,\"2,5\"\n";
    let articles = read_articles(text.as_bytes()).unwrap();
    assert_eq!(articles[0].1.purchase_price_minor, Some(135));
    assert_eq!(articles[1].1.min_stock, Quantity::from_milli(2_500).unwrap());
}

#[test]
fn every_problem_is_reported_with_its_line_and_column_and_nothing_is_returned() {
    let text = "code;designation;prix_achat;couleur\nA1;Un;1,5;rouge\nA1;Deux;x;bleu\n;Trois;;\n";
    let report = read_articles(text.as_bytes()).unwrap_err();
    assert_eq!(
        errors(report),
        vec![
            (1, "couleur".into(), "unknown-column".into()),
            (3, "purchase_price".into(), "invalid-number".into()),
            (4, "code".into(), "required".into()),
        ]
    );
    let text = "code;designation\nA1;Un\nA1;Deux\n";
    assert_eq!(
        errors(read_articles(text.as_bytes()).unwrap_err()),
        vec![(3, "code".into(), "duplicate-in-file".into())]
    );
}

#[test]
fn missing_columns_empty_files_and_ragged_rows() {
    assert_eq!(errors(read_articles(b"").unwrap_err()), vec![(1, "".into(), "empty-file".into())]);
    assert_eq!(errors(read_articles(b"code;designation\n").unwrap_err()), vec![(2, "".into(), "no-rows".into())]);
    assert_eq!(
        errors(read_opening_stock(b"article;quantite\nA;1\n").unwrap_err()),
        vec![(1, "site_code".into(), "missing-column".into())]
    );
    assert_eq!(
        errors(read_articles(b"code;designation\nA;B;C\n").unwrap_err()),
        vec![(2, "".into(), "too-many-fields".into())]
    );
    // A short row is read with its missing fields empty.
    assert_eq!(
        errors(read_articles(b"code;designation\nA\n").unwrap_err()),
        vec![(2, "designation".into(), "required".into())]
    );
}

#[test]
fn opening_stock_rows_with_lots_and_french_dates() {
    let text = "Article;Site;Quantité;Coût unitaire;Lot;DLUO\nvis-m6;lyon-01;1 500;0,12;L-1;31/12/2027\nGANT;PARIS-01;2,5;;;2027-02-28\n";
    let rows = read_opening_stock(text.as_bytes()).unwrap();
    assert_eq!(
        rows[0].1,
        OpeningRow {
            article_code: "VIS-M6".into(),
            site_code: "LYON-01".into(),
            quantity: Quantity::units(1500),
            unit_cost_minor: Some(12),
            lot_number: Some("L-1".into()),
            expiry: Some("2027-12-31".into()),
        }
    );
    assert_eq!((rows[1].1.quantity, rows[1].1.unit_cost_minor), (Quantity::from_milli(2_500).unwrap(), None));
    let bad = "article;site;quantity;expiry\nA;S;-2;30/02/2027\nA;S;0;2027-13-01\n";
    assert_eq!(
        errors(read_opening_stock(bad.as_bytes()).unwrap_err()),
        vec![
            (2, "quantity".into(), "invalid-quantity".into()),
            (2, "expiry".into(), "invalid-date".into()),
            (3, "quantity".into(), "quantity-not-positive".into()),
            (3, "expiry".into(), "invalid-date".into()),
        ]
    );
}

#[test]
fn dates_both_ways_and_leap_years() {
    assert_eq!(parse_date("29/02/2028"), Ok("2028-02-29".into()));
    assert_eq!(parse_date("29/02/2027"), Err("invalid-date"));
    assert_eq!(parse_date("2027-04-31"), Err("invalid-date"));
    assert_eq!(parse_date("2027-4-1"), Err("invalid-date"));
    assert_eq!(parse_date("1/1/2027"), Err("invalid-date"));
}

#[test]
fn reports_are_capped_but_count_everything() {
    let mut text = String::from("code;designation\n");
    for _ in 0..(MAX_REPORTED + 100) {
        text.push_str(";x\n");
    }
    let report = read_articles(text.as_bytes()).unwrap_err();
    assert_eq!((report.errors.len(), report.total), (MAX_REPORTED, MAX_REPORTED + 100));
}

#[test]
fn hostile_bytes_never_panic() {
    // Fuzz-style: random bytes over an alphabet of separators, quotes, digits, high bytes
    // and line breaks; every outcome is rows or a report, never a panic.
    let alphabet: &[u8] = b";,\"\n\r 0123456789aAzZ-./\xe9\x80\xff\xc3\xa9";
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..3_000 {
        let mut bytes = b"code;designation;min_stock\n".to_vec();
        for _ in 0..(seed % 120) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        match read_articles(&bytes) {
            Ok(rows) => assert!(rows.iter().all(|(line, a)| *line >= 2 && !a.code.is_empty())),
            Err(report) => assert!(report.total >= report.errors.len() && !report.errors.is_empty()),
        }
        let _ = read_opening_stock(&bytes);
    }
}

#[test]
fn a27_neutralised_cells_are_read_back_unchanged() {
    let file = "code;designation;category\r\nA1;'=HYPERLINK(\"http://evil\",\"x\");'-boulons\r\nA2;'quote;-\r\n";
    let articles = read_articles(file.as_bytes()).unwrap();
    assert_eq!(articles[0].1.designation, "=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(articles[0].1.category.as_deref(), Some("-boulons"));
    assert_eq!(articles[1].1.designation, "'quote", "a quote before ordinary text is kept");
    assert_eq!(articles[1].1.category.as_deref(), Some("-"));
}

#[test]
fn kinds_phases_and_outcomes_have_one_name_each() {
    for kind in ImportKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        assert_eq!(kind.label_key(), format!("import-kind-{}", kind.as_str()));
    }
    for phase in ImportPhase::ALL {
        assert_eq!(serde_json::to_value(phase).unwrap(), phase.as_str());
        assert_eq!(phase.label_key(), format!("import-phase-{}", phase.as_str()));
    }
    for outcome in ImportOutcome::ALL {
        assert_eq!(serde_json::to_value(outcome).unwrap(), outcome.as_str());
        assert_eq!(ImportOutcome::parse(outcome.as_str()), Some(outcome));
    }
}

#[test]
fn templates_list_the_columns() {
    assert!(template(ImportKind::Articles).starts_with("code;designation;category"));
    assert_eq!(template(ImportKind::OpeningStock), "article_code;site_code;quantity;unit_cost;lot_number;expiry\r\n");
}

#[test]
fn three_decimals_are_read_by_the_files_own_decimal_mark() {
    // A French file (semicolons) writes decimals with a comma, an English one with a point: the
    // ambiguous `1,250` is a decimal in the first and a thousand in the second.
    let french = "article_code;site_code;quantity;unit_cost\nVIS-M6;LYON-01;1,250;0,12\nVIS-M6;LYON-01;2.500;1,5\n";
    let rows = read_opening_stock(french.as_bytes()).unwrap();
    assert_eq!(rows[0].1.quantity, Quantity::from_milli(1_250).unwrap());
    assert_eq!(rows[1].1.quantity, Quantity::from_milli(2_500_000).unwrap(), "the point groups thousands");
    assert_eq!(rows[1].1.unit_cost_minor, Some(150));
    let english = "article_code,site_code,quantity\nVIS-M6,LYON-01,\"1,250\"\nVIS-M6,LYON-01,1.250\n";
    let rows = read_opening_stock(english.as_bytes()).unwrap();
    assert_eq!(rows[0].1.quantity, Quantity::from_milli(1_250_000).unwrap());
    assert_eq!(rows[1].1.quantity, Quantity::from_milli(1_250).unwrap());
    let articles =
        read_articles("code;designation;min_stock;max_stock\nCAB-1;Câble;12,125;100,500\n".as_bytes()).unwrap();
    assert_eq!(
        (articles[0].1.min_stock.milli(), articles[0].1.max_stock.map(Quantity::milli)),
        (12_125, Some(100_500))
    );
}
