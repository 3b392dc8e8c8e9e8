//! The parsers that take outside input, fed what proptest generates (issue 17): any text, any
//! bytes, any JSON. None may panic, and whatever one accepts must read back to the same value
//! once written as Atelier writes it (a page, a CSV file, a number), in English and in French, or
//! be refused as ambiguous (`1,000` is a thousand in English and one in French): never read as
//! another value. (This found that a page's `1,000` read back as one.)
//! The REST API's JSON bodies are fuzzed over HTTP by schemathesis (`server/tests/rest.rs`).

use domain::article::NewArticle;
use domain::bounds::{MAX_ENTRY_MILLI, MAX_UNIT_PRICE_MINOR, parse_unit_price};
use domain::csv_file::CsvFile;
use domain::customer::import::read_customers;
use domain::decimal::parse_scaled;
use domain::invoicing::draft::{DraftForm, LineForm};
use domain::invoicing::numbering::{DocumentNumber, SeriesPrefix};
use domain::stock::import::{read_articles, read_opening_stock};
use domain::{Country, Email, Lang, Quantity, SiteCode, TenantCode, format};
use proptest::prelude::*;

const LANGS: [Lang; 2] = [Lang::En, Lang::Fr];

/// Text a person or a file could hold: any Unicode, with more of what parsers look at.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[0-9 ,.\u{a0}\u{202f}+-]{0,24}", "[A-Za-z0-9_./@-]{0,40}", "[ -~]{0,60}",]
}

/// Any JSON value, a few levels deep.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        typed().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 32, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("customer".to_owned()),
                    Just("quantity".to_owned()),
                    Just("unit_price".to_owned()),
                    Just("vat_rate".to_owned()),
                    Just("issue_date".to_owned()),
                    "[a-z_]{1,12}"
                ],
                inner,
                0..8
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn a_quantity_accepted_reads_back_as_pages_show_it(raw in typed()) {
        if let Ok(quantity) = Quantity::parse(&raw) {
            prop_assert!(quantity.milli() > 0 && quantity.milli() <= MAX_ENTRY_MILLI);
            for lang in LANGS {
                let shown = format::quantity(lang, quantity.milli());
                let read = Quantity::parse(&shown);
                prop_assert!(read == Ok(quantity) || read == Err("ambiguous-number"), "{:?} shown as {:?}: {:?}", raw, shown, read);
            }
        }
        let _ = Quantity::parse_count(&raw);
    }

    #[test]
    fn every_quantity_a_page_shows_reads_back(milli in 1..=MAX_ENTRY_MILLI) {
        for lang in LANGS {
            let shown = format::quantity(lang, milli);
            let read = Quantity::parse(&shown).map(Quantity::milli);
            prop_assert!(read == Ok(milli) || read == Err("ambiguous-number"), "{}: {:?}", shown, read);
        }
    }

    #[test]
    fn an_amount_accepted_reads_back_as_pages_and_files_write_it(raw in typed()) {
        if let Ok(minor) = parse_unit_price(&raw) {
            prop_assert!((0..=MAX_UNIT_PRICE_MINOR).contains(&minor));
            for lang in LANGS {
                // Two decimals always show which mark is the decimal one: never ambiguous.
                let shown = format::decimal(lang, minor, 2);
                prop_assert_eq!(parse_unit_price(&shown), Ok(minor), "{:?} shown as {:?}", raw, shown);
            }
            for point in [',', '.'] {
                prop_assert_eq!(parse_unit_price(&format::plain_decimal(minor, 2, point, false)), Ok(minor));
            }
        }
        for places in 0..=4 {
            let _ = parse_scaled(&raw, places);
        }
    }

    #[test]
    fn codes_accepted_are_the_codes_read_back(raw in typed()) {
        if let Ok(code) = TenantCode::parse(&raw) {
            prop_assert_eq!(TenantCode::parse(code.as_str()), Ok(code.clone()));
        }
        if let Ok(code) = SiteCode::parse(&raw) {
            prop_assert_eq!(SiteCode::parse(code.as_str()), Ok(code.clone()));
        }
        if let Ok(prefix) = SeriesPrefix::parse(&raw) {
            prop_assert_eq!(SeriesPrefix::parse(prefix.as_str()), Ok(prefix.clone()));
        }
        if let Ok(number) = DocumentNumber::parse(&raw) {
            prop_assert_eq!(DocumentNumber::parse(&number.text()), Ok(number.clone()));
        }
        if let Ok(email) = Email::parse(&raw) {
            prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
        }
    }

    #[test]
    fn document_numbers_read_back(prefix in "[A-Z][A-Z0-9]{0,9}", year in 2000..=2999_i32, sequence in 1..=999_999_999_i64) {
        let number = DocumentNumber { prefix: SeriesPrefix::parse(&prefix).unwrap(), year, sequence };
        prop_assert_eq!(DocumentNumber::parse(&number.text()), Ok(number));
    }

    #[test]
    fn csv_files_of_any_bytes_are_read_or_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = read_articles(&bytes);
        let _ = read_opening_stock(&bytes);
        let _ = read_customers(&bytes, Country::France);
        let _ = read_customers(&bytes, Country::Algeria);
    }

    #[test]
    fn csv_files_of_any_text_are_read_or_refused_without_panic(
        heading in prop_oneof![
            Just("code;designation;unit;purchase_price;vat_rate;min_stock".to_owned()),
            Just("article_code,site_code,quantity,unit_cost,lot_number,expiry".to_owned()),
            Just("kind;legal_name;street;postcode;city;email".to_owned()),
            typed()
        ],
        rows in prop::collection::vec(typed(), 0..6),
    ) {
        let file = format!("{heading}\n{}", rows.join("\n"));
        let _ = read_articles(file.as_bytes());
        let _ = read_opening_stock(file.as_bytes());
        let _ = read_customers(file.as_bytes(), Country::France);
    }

    #[test]
    fn articles_written_to_a_csv_file_read_back_the_same(
        articles in prop::collection::vec(article(), 1..6),
        lang in prop_oneof![Just(Lang::En), Just(Lang::Fr)],
    ) {
        // Codes are unique in a file: keep the first of each.
        let mut seen = std::collections::HashSet::new();
        let articles: Vec<NewArticle> = articles.into_iter().filter(|a| seen.insert(a.code.clone())).collect();
        let mut file = CsvFile::new(lang);
        let point = file.point();
        file.row(["code", "designation", "category", "family", "unit", "purchase_price", "sale_price", "vat_rate", "min_stock", "max_stock"]).unwrap();
        let price = |minor: Option<i64>| minor.map(|m| format::plain_decimal(m, 2, point, false)).unwrap_or_default();
        for a in &articles {
            file.row([
                a.code.clone(),
                a.designation.clone(),
                a.category.clone().unwrap_or_default(),
                a.family.clone().unwrap_or_default(),
                a.unit.clone(),
                price(a.purchase_price_minor),
                price(a.sale_price_minor),
                format::plain_decimal(a.vat_rate_bp, 2, point, true),
                format::plain_decimal(a.min_stock.milli(), 3, point, true),
                a.max_stock.map(|q| format::plain_decimal(q.milli(), 3, point, true)).unwrap_or_default(),
            ]).unwrap();
        }
        let bytes = file.finish().unwrap();
        let read: Vec<NewArticle> = read_articles(&bytes)
            .map_err(|report| TestCaseError::fail(format!("{:?}", report.errors)))?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        prop_assert_eq!(read, articles);
    }

    #[test]
    fn invoice_forms_from_any_json_are_parsed_or_refused_without_panic(value in json()) {
        if let Ok(form) = serde_json::from_value::<DraftForm>(value.clone()) {
            let _ = form.parse();
        }
        if let Ok(form) = serde_json::from_value::<LineForm>(value) {
            let _ = form.parse(Country::France);
            let _ = form.parse(Country::Algeria);
        }
    }

    #[test]
    fn invoice_lines_from_any_text_are_parsed_or_refused_without_panic(
        quantity in typed(), unit_price in typed(), discount in typed(), vat_rate in typed(), designation in typed(),
    ) {
        let form = LineForm {
            draft: "0190a1b2-0000-7000-8000-000000000001".into(),
            designation,
            quantity,
            unit_price,
            discount,
            vat_rate,
            ..LineForm::default()
        };
        for country in [Country::France, Country::Algeria] {
            if let Ok((_, line)) = form.parse(country) {
                // Whatever is accepted has amounts within bounds.
                prop_assert!(line.price.amounts().is_ok());
            }
        }
    }
}

/// A valid article: what a company could have typed, with text that needs quoting in a CSV file
/// (separators, quotes, a leading `=` the writer neutralises).
fn article() -> impl Strategy<Value = NewArticle> {
    let text = |max: usize| {
        prop_oneof![
            proptest::string::string_regex(&format!("[A-Za-zÀ-ÿ0-9 ;,\"'=+@-]{{1,{max}}}")).unwrap().boxed(),
            Just("=SUM(A1)".to_owned()).boxed(),
            Just("Vis \"M6\"; inox".to_owned()).boxed(),
        ]
        .prop_filter_map("no surrounding space, something left", |s: String| {
            let t = s.trim().to_owned();
            (!t.is_empty()).then_some(t)
        })
    };
    (
        "[A-Z0-9][A-Z0-9_./-]{0,31}",
        text(200),
        proptest::option::of(text(80)),
        proptest::option::of(text(80)),
        "[a-z]{1,12}",
        proptest::option::of(0..=MAX_UNIT_PRICE_MINOR),
        proptest::option::of(0..=MAX_UNIT_PRICE_MINOR),
        0..=10_000_i64,
        0..=MAX_ENTRY_MILLI,
        proptest::option::of(1..=MAX_ENTRY_MILLI),
    )
        .prop_map(|(code, designation, category, family, unit, purchase, sale, vat, min, max)| NewArticle {
            code,
            designation,
            category,
            family,
            unit,
            purchase_price_minor: purchase,
            sale_price_minor: sale,
            vat_rate_bp: vat,
            min_stock: Quantity::try_from(min).unwrap(),
            max_stock: max.map(|m| Quantity::try_from(m.max(min).max(1)).unwrap()),
        })
}
