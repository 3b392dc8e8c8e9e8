//! The FEC and the sales journal of a generated year, on every configured backend: the 18
//! columns in order under their header, tabs, AAAAMMJJ dates, decimal commas, ISO-8859-15; every
//! entry balanced; numbers continuous per journal in date order; invoices debit the customer's
//! auxiliary account, credit notes the reverse; payments from the bank or the till, lettered
//! with the invoices they settle; the accounts as the accountant set them (audited).

mod support;

use std::collections::BTreeMap;

use domain::invoicing::fec::COLUMNS;
use domain::invoicing::fec::accounts::AccountsForm;
use services::audit::RequestMeta;
use services::clock::Clock;
use services::invoicing::accounting;
use services::testing::{TestEnv, backends, code};
use support::*;

/// The FEC's records, each split into its fields (the header first).
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    // ISO-8859-15 agrees with Latin-1 on every letter this test reads.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    assert!(text.ends_with("\r\n"));
    text.trim_end_matches("\r\n").split("\r\n").map(|r| r.split('\t').map(str::to_owned).collect()).collect()
}

fn minor(amount: &str) -> i64 {
    let (units, cents) = amount.split_once(',').unwrap_or_else(|| panic!("decimal comma: {amount}"));
    assert_eq!(cents.len(), 2, "{amount}");
    units.parse::<i64>().unwrap() * 100 + cents.parse::<i64>().unwrap()
}

#[tokio::test]
async fn the_fec_of_a_year_balances_and_reads_as_the_tax_office_expects() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let paid = invoice(&env, &accountant, &martin, "20", &[("3", "40"), ("2", "12,5")]).await;
        let partly = invoice(&env, &accountant, &martin, "10", &[("1", "300")]).await;
        let credited = invoice(&env, &accountant, &martin, "5,5", &[("4", "25")]).await;
        pay(&accountant, &paid, "2026-12-02", "100", "transfer", at(12, 2)).await.unwrap();
        pay(&accountant, &paid, "2026-12-02", "74", "cash", at(12, 2)).await.unwrap();
        pay(&accountant, &partly, "2026-12-02", "30", "cheque", at(12, 2)).await.unwrap();
        let lines = services::invoicing::invoices::view(&accountant, &credited, at(12, 2)).await.unwrap().invoice.lines;
        credit(&env, &accountant, &credited, &[(lines[0].id.as_str(), "4")], at(12, 2)).await.unwrap();

        let meta = RequestMeta::default();
        let mut form = accounting::accounts(&accountant).await.unwrap().form();
        form.bank = "5121".into();
        accounting::set_accounts(&env.state, &meta, &accountant, form, at(12, 2)).await.unwrap();
        let bad = AccountsForm { bank: "411".into(), ..AccountsForm::default() };
        assert_eq!(code(accounting::set_accounts(&env.state, &meta, &accountant, bad, at(12, 2)).await), "required");

        let export = accounting::fec(&accountant, 2026).await.unwrap();
        assert_eq!(export.file_name, "732829320FEC20261231.txt", "{backend:?}");
        assert!(!export.bytes.windows(2).any(|w| w == [0xC3, 0xA9]), "no UTF-8 é: ISO-8859-15");
        assert!(export.bytes.contains(&0xE9), "é as one Latin-9 byte (TVA collectée)");
        let records = records(&export.bytes);
        assert_eq!(records[0], COLUMNS.map(str::to_owned).to_vec(), "the header");
        let body = &records[1..];
        assert!(body.len() > 20);
        let date = |s: &str| s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) && s.starts_with("2026");
        let mut balance: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut numbers: BTreeMap<String, Vec<(u32, String)>> = BTreeMap::new();
        for r in body {
            assert_eq!(r.len(), 18, "{r:?}");
            assert!(date(&r[3]) && date(&r[9]) && date(&r[15]), "{r:?}");
            assert!(r[14].is_empty() || date(&r[14]), "{r:?}");
            assert!(r[16].is_empty() && r[17].is_empty(), "amounts in the company's currency");
            *balance.entry((r[0].clone(), r[2].clone())).or_default() += minor(&r[11]) - minor(&r[12]);
            let number: u32 = r[2].strip_prefix(r[0].as_str()).unwrap().parse().unwrap();
            numbers.entry(r[0].clone()).or_default().push((number, r[3].clone()));
            if r[4] == "411" {
                assert!(r[6].starts_with('C') && !r[7].is_empty(), "the customer's auxiliary account: {r:?}");
            }
        }
        assert!(balance.values().all(|b| *b == 0), "{backend:?}: every entry balances: {balance:?}");
        for (journal, mut seen) in numbers {
            seen.dedup();
            let expected: Vec<u32> = (1..=seen.len() as u32).collect();
            assert_eq!(seen.iter().map(|(n, _)| *n).collect::<Vec<_>>(), expected, "{journal}: no gap");
            assert!(seen.windows(2).all(|w| w[0].1 <= w[1].1), "{journal}: in date order");
        }
        assert!(body.iter().any(|r| r[0] == "CA" && r[4] == "53"), "cash into the till");
        assert!(body.iter().any(|r| r[0] == "BQ" && r[4] == "5121"), "the bank account as set");

        // The credit note is the invoice reversed; the paid invoice is lettered with its payments.
        let of = |piece: &str| body.iter().filter(|r| r[8] == piece).collect::<Vec<_>>();
        let number = |id: &str| {
            let id = id.to_owned();
            let accountant = &accountant;
            async move {
                services::invoicing::invoices::view(accountant, &id, at(12, 2)).await.unwrap().invoice.number.text()
            }
        };
        let credit_note = body.iter().find(|r| r[10].starts_with("Avoir")).unwrap();
        assert_eq!(
            (credit_note[4].as_str(), minor(&credit_note[11])),
            ("411", 0),
            "a credit note credits the customer"
        );
        let paid_number = number(&paid).await;
        let letter = &of(&paid_number).iter().find(|r| r[4] == "411").unwrap()[13];
        assert!(!letter.is_empty(), "the paid invoice is lettered");
        let lettered: Vec<_> = body.iter().filter(|r| &r[13] == letter).collect();
        assert_eq!(lettered.len(), 3, "the invoice and its two payments: {lettered:?}");
        let partly_number = number(&partly).await;
        assert!(of(&partly_number).iter().all(|r| r[13].is_empty()), "partly paid: not lettered");

        // Sales credited net of credit notes: what the issued documents of the year come to.
        let sales: i64 = body.iter().filter(|r| r[4].starts_with("70")).map(|r| minor(&r[12]) - minor(&r[11])).sum();
        let (invoiced,): (i64,) = sqlx::query_as(
            "SELECT CAST(COALESCE(SUM(CASE WHEN series = 'invoice' THEN net_minor ELSE -net_minor END), 0) AS BIGINT) \
             FROM invoices WHERE status = 'issued' AND fiscal_year = 2026",
        )
        .fetch_one(accountant.db.pool())
        .await
        .unwrap();
        assert_eq!(sales, invoiced, "{backend:?}");

        let journal = accounting::sales_journal(&accountant, 2026, env.clock.now_ms()).await.unwrap();
        let text = String::from_utf8(journal.bytes).unwrap();
        assert!(text.starts_with("\u{feff}journal;date;piece;compte;compte_auxiliaire;libelle;debit;credit\r\n"));
        assert!(text.contains("\r\nVENTE;") && text.contains("\r\nAVOIR;"));

        let manager = env.scope("manager@demo.example", "demo").await;
        assert_eq!(code(accounting::fec(&manager, 2026).await.map(|_| ())), "forbidden");
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(code(accounting::fec(&acme, 2026).await.map(|_| ())), "fec-france-only");
        assert_eq!(code(accounting::fec(&accountant, 1999).await.map(|_| ())), "invalid-year");
        env.finish().await;
    }
}
