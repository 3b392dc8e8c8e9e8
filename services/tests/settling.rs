//! Settling issued invoices, on every configured backend: payments (partial, full, refused
//! beyond what is due, in the future or before the invoice; Algerian stamp duty on cash),
//! credit notes (own series, line and invoice ceilings, sealed like invoices), the statuses
//! they give, and the database refusing the same excesses and any rewrite by hand (A31).

// Amounts in minor units are written units_cents (`81_00` is 81.00), as an accountant reads them.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use domain::invoicing::listing::InvoiceQuery;
use domain::invoicing::payment::Settlement;
use services::db::Backend;
use services::invoicing::{invoices, statements, verification};
use services::testing::{TestEnv, backends, code};

mod support;

use support::*;

#[tokio::test]
async fn payments_move_an_invoice_from_issued_to_paid() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        // 2 × 50.00 at 20 %: 120.00.
        let id = invoice(&env, &accountant, &martin, "20", &[("2", "50")]).await;
        let status = |v: &domain::invoicing::issued::InvoiceView| {
            let s = v.settling.as_ref().unwrap();
            (s.settlement, s.overdue, s.balance.due_minor())
        };
        let view = invoices::view(&accountant, &id, at(12, 2)).await.unwrap();
        assert_eq!(status(&view), (Settlement::Issued, false, 120_00), "{backend:?}");

        let manager = env.scope("manager@demo.example", "demo").await;
        assert_eq!(pay(&manager, &id, "2026-12-02", "10", "cash", at(12, 2)).await, Err("forbidden".into()));
        assert_eq!(pay(&accountant, &id, "2026-12-03", "10", "cash", at(12, 2)).await, Err("payment-in-future".into()));
        assert_eq!(
            pay(&accountant, &id, "2026-11-30", "10", "cash", at(12, 2)).await,
            Err("payment-before-issue".into())
        );
        assert_eq!(
            pay(&accountant, &id, "2026-12-02", "120,01", "card", at(12, 2)).await,
            Err("payment-above-due".into())
        );
        assert_eq!(pay(&accountant, &id, "2026-12-02", "-3", "card", at(12, 2)).await, Err("invalid-number".into()));

        pay(&accountant, &id, "2026-12-02", "40", "cheque", at(12, 2)).await.unwrap();
        let view = invoices::view(&accountant, &id, at(12, 2)).await.unwrap();
        assert_eq!(status(&view), (Settlement::PartlyPaid, false, 80_00));
        // Unpaid after its due date, it is overdue (the injected clock says when).
        let view = invoices::view(&accountant, &id, at(12, 31)).await.unwrap();
        assert!(!view.settling.as_ref().unwrap().overdue, "due today is not overdue yet");
        let later =
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
        assert!(invoices::view(&accountant, &id, later).await.unwrap().settling.unwrap().overdue);

        pay(&accountant, &id, "2026-12-05", "80", "transfer", at(12, 6)).await.unwrap();
        let view = invoices::view(&accountant, &id, later).await.unwrap();
        assert_eq!(status(&view), (Settlement::Paid, false, 0), "paid is never overdue");
        let settling = view.settling.unwrap();
        assert_eq!(settling.payments.iter().map(|p| p.amount_minor).collect::<Vec<_>>(), [40_00, 80_00]);
        assert!(!settling.can_pay);
        assert_eq!(
            pay(&accountant, &id, "2026-12-06", "0,01", "card", at(12, 6)).await,
            Err("payment-above-due".into())
        );

        // Another company's invoice is not found, and a credit note takes no payment.
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(pay(&acme, &id, "2026-12-02", "1", "cash", at(12, 2)).await, Err("not-found".into()));
        env.finish().await;
    }
}

#[tokio::test]
async fn algerian_cash_payments_bear_stamp_duty() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let admin = env.scope("admin@acme.example", "acme").await;
        let sahel = customer(&admin, "sahel").await;
        // 100 × 500 DA at 19 %: 59,500 DA.
        let id = invoice(&env, &admin, &sahel, "19", &[("100", "500")]).await;
        pay(&admin, &id, "2026-12-02", "30000", "cash", at(12, 2)).await.unwrap();
        pay(&admin, &id, "2026-12-02", "29000", "transfer", at(12, 2) + 1).await.unwrap();
        pay(&admin, &id, "2026-12-02", "300,50", "cash", at(12, 2) + 2).await.unwrap();
        let settling = invoices::view(&admin, &id, at(12, 2)).await.unwrap().settling.unwrap();
        let duties: Vec<_> = settling.payments.iter().map(|p| (p.amount_minor, p.stamp_duty_minor)).collect();
        assert_eq!(duties, [(30_000_00, 300_00), (29_000_00, 0), (300_50, 5_00)], "{backend:?}");
        assert!(settling.stamp_duty_applies);
        assert_eq!(settling.balance.due_minor(), 199_50, "the duty is paid on top, not off the invoice");
        env.finish().await;
    }
}

#[tokio::test]
async fn credit_notes_take_back_lines_within_what_was_invoiced() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        // 10 × 12.00 and 2 × 50.00 at 20 %: 264.00.
        let id = invoice(&env, &accountant, &martin, "20", &[("10", "12"), ("2", "50")]).await;
        let lines: Vec<String> = invoices::view(&accountant, &id, at(12, 2))
            .await
            .unwrap()
            .invoice
            .lines
            .iter()
            .map(|l| l.id.clone())
            .collect();
        let (a, b) = (lines[0].as_str(), lines[1].as_str());

        let manager = env.scope("manager@demo.example", "demo").await;
        assert_eq!(credit(&env, &manager, &id, &[(a, "1")], at(12, 2)).await, Err("forbidden".into()));
        assert_eq!(credit(&env, &accountant, &id, &[(a, "11")], at(12, 2)).await, Err("credit-above-line".into()));
        assert_eq!(
            credit(&env, &accountant, &id, &[("0b7f3a52-3c1e-4a4e-9d7a-1a2b3c4d5e6f", "1")], at(12, 2)).await,
            Err("not-found".into())
        );

        let first = credit(&env, &accountant, &id, &[(a, "4"), (b, "0,5")], at(12, 2)).await.unwrap();
        let note = invoices::view(&accountant, &first, at(12, 2)).await.unwrap();
        assert_eq!(
            note.invoice.number.text(),
            "AV-2026-00002",
            "{backend:?}: its own series, after the demo's credit note"
        );
        assert_eq!(note.invoice.totals.total_minor, 87_60, "4 × 12 + 0.5 × 50, plus 20 %");
        assert_eq!(note.invoice.credits.as_ref().map(|c| c.id.as_str()), Some(id.as_str()));
        assert!(note.bytes_intact && note.settling.is_none());
        // Sealed like an invoice: its hash is the hash of its stored bytes, and /verify knows it.
        let (_, pdf) = invoices::pdf(&accountant, &first).await.unwrap();
        assert_eq!(documents::sha256_hex(&pdf), note.sha256);
        assert!(verification::by_file(&env.state, &pdf, None).await.is_ok());

        let settling = invoices::view(&accountant, &id, at(12, 2)).await.unwrap().settling.unwrap();
        assert_eq!(settling.balance.credited_minor, 87_60);
        assert_eq!(settling.balance.due_minor(), 264_00 - 87_60);
        let remaining: Vec<_> = settling.creditable.iter().map(|l| l.remaining.milli()).collect();
        assert_eq!(remaining, [6_000, 1_500]);
        assert_eq!(settling.credit_notes.len(), 1);

        // What remains can be credited, and not a thousandth more.
        assert_eq!(credit(&env, &accountant, &id, &[(a, "6,0010")], at(12, 2)).await, Err("credit-above-line".into()));
        pay(&accountant, &id, "2026-12-02", "100", "transfer", at(12, 2)).await.unwrap();
        let second = credit(&env, &accountant, &id, &[(a, "6"), (b, "1,5")], at(12, 3)).await.unwrap();
        assert_eq!(
            invoices::view(&accountant, &second, at(12, 3)).await.unwrap().invoice.number.text(),
            "AV-2026-00003"
        );
        let settling = invoices::view(&accountant, &id, at(12, 3)).await.unwrap().settling.unwrap();
        assert_eq!(settling.balance.credited_minor, 264_00, "wholly credited");
        assert_eq!(settling.settlement, Settlement::Paid, "nothing left to pay: the 100.00 paid is owed back");
        assert!(!settling.can_credit);
        assert_eq!(credit(&env, &accountant, &id, &[(b, "0,001")], at(12, 3)).await, Err("credit-above-line".into()));
        // A credit note is not credited.
        assert_eq!(credit(&env, &accountant, &first, &[(a, "1")], at(12, 3)).await, Err("not-found".into()));
        env.finish().await;
    }
}

#[tokio::test]
async fn the_database_refuses_excess_and_rewrites_of_payments_and_credit_notes() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &martin, "20", &[("10", "12")]).await;
        let line = invoices::view(&accountant, &id, at(12, 2)).await.unwrap().invoice.lines[0].id.clone();
        let payment = pay(&accountant, &id, "2026-12-02", "100", "transfer", at(12, 2)).await.unwrap();
        let note = credit(&env, &accountant, &id, &[(&line, "1")], at(12, 2)).await.unwrap();
        let pool = accountant.db.pool();

        let mut refused = vec![
            // Payments: beyond what is due, before the invoice, on a credit note, rewritten, removed.
            format!(
                "INSERT INTO invoice_payments (id, invoice_id, customer_id, paid_on, amount_minor, method, \
                 stamp_duty_minor, recorded_at, recorded_by) VALUES ('p2', '{id}', '{martin}', '2026-12-02', 3000, 'cash', 0, 1, 'x')"
            ),
            format!(
                "INSERT INTO invoice_payments (id, invoice_id, customer_id, paid_on, amount_minor, method, \
                 stamp_duty_minor, recorded_at, recorded_by) VALUES ('p3', '{id}', '{martin}', '2026-11-30', 100, 'cash', 0, 1, 'x')"
            ),
            format!(
                "INSERT INTO invoice_payments (id, invoice_id, customer_id, paid_on, amount_minor, method, \
                 stamp_duty_minor, recorded_at, recorded_by) VALUES ('p4', '{note}', '{martin}', '2026-12-02', 100, 'cash', 0, 1, 'x')"
            ),
            // Booked to another customer than the invoice's.
            format!(
                "INSERT INTO invoice_payments (id, invoice_id, customer_id, paid_on, amount_minor, method, \
                 stamp_duty_minor, recorded_at, recorded_by) VALUES ('p5', '{id}', \
                 (SELECT id FROM customers WHERE id <> '{martin}' LIMIT 1), '2026-12-02', 100, 'cash', 0, 1, 'x')"
            ),
            format!("UPDATE invoice_payments SET amount_minor = 1 WHERE id = '{payment}'"),
            format!("DELETE FROM invoice_payments WHERE id = '{payment}'"),
            // Balances: moved by hand, opened by hand, removed.
            format!("UPDATE invoice_balances SET paid_minor = 0 WHERE invoice_id = '{id}'"),
            format!("UPDATE invoice_balances SET credited_minor = 0 WHERE invoice_id = '{id}'"),
            format!("UPDATE invoice_balances SET total_minor = 999999 WHERE invoice_id = '{id}'"),
            format!("UPDATE invoice_balances SET number = 'F-2026-99999' WHERE invoice_id = '{id}'"),
            format!("DELETE FROM invoice_balances WHERE invoice_id = '{id}'"),
            format!(
                "INSERT INTO invoice_balances (invoice_id, number, customer_id, issue_date, due_date, total_minor, \
                 credited_minor, paid_minor) VALUES ('{note}', 'AV-2026-00002', '{martin}', '2026-12-02', '2026-12-02', \
                 1440, 0, 0)"
            ),
            // The credit note, like any issued document.
            format!("UPDATE invoices SET total_minor = 1 WHERE id = '{note}'"),
            format!("UPDATE invoices SET credited_invoice_id = NULL WHERE id = '{note}'"),
            format!("UPDATE invoice_lines SET qty_milli = 9000 WHERE invoice_id = '{note}'"),
        ];
        if backend == Backend::Sqlite {
            refused.push(format!(
                "INSERT OR REPLACE INTO invoice_balances (invoice_id, number, customer_id, issue_date, due_date, \
                 total_minor, credited_minor, paid_minor) VALUES ('{id}', (SELECT number FROM invoices WHERE id = '{id}'), \
                 '{martin}', '2026-12-01', '2026-12-31', 14400, 0, 0)"
            ));
        } else {
            refused.extend(["TRUNCATE invoice_payments".to_owned(), "TRUNCATE invoice_balances CASCADE".to_owned()]);
        }
        for sql in &refused {
            assert!(sqlx::query(sql).execute(pool).await.is_err(), "{backend:?}: `{sql}` was accepted");
        }
        let settling = invoices::view(&accountant, &id, at(12, 2)).await.unwrap().settling.unwrap();
        assert_eq!((settling.balance.paid_minor, settling.balance.credited_minor), (100_00, 14_40), "{backend:?}");
        assert_eq!(invoices::issued_without_pdf(&accountant).await.unwrap(), 0, "the daily health check");

        // A credit note issued by hand beyond the invoice's line is refused by the database too.
        let over = "0c7f3a52-3c1e-4a4e-9d7a-1a2b3c4d5e6f";
        sqlx::query(&format!(
            "INSERT INTO invoices (id, status, customer_id, issue_date, due_date, category, created_at, updated_at, \
             created_by, credited_invoice_id) VALUES ('{over}', 'draft', '{martin}', '2026-12-02', '2026-12-02', \
             'goods', 1, 1, 'x', '{id}')"
        ))
        .execute(pool)
        .await
        .unwrap();
        sqlx::query(&format!(
            "INSERT INTO invoice_lines (id, invoice_id, position, designation, unit, qty_milli, unit_price_minor, \
             discount_bp, vat_bp, credits_line_id) VALUES ('l-over', '{over}', 1, 'x', 'u', 9500, 1200, 0, 2000, '{line}')"
        ))
        .execute(pool)
        .await
        .unwrap();
        // Everything else in order (the counter's next number, a PDF and its hash), so that
        // only the line's ceiling can refuse it.
        for sql in [
            "UPDATE document_counters SET last_sequence = last_sequence + 1 WHERE series = 'credit-note'".to_owned(),
            format!("INSERT INTO invoice_pdfs (invoice_id, pdf) VALUES ('{over}', 'x')"),
        ] {
            sqlx::query(&sql).execute(pool).await.unwrap();
        }
        let issue_by_hand = format!(
            "UPDATE invoices SET status = 'issued', series = 'credit-note', fiscal_year = 2026, sequence = 3, \
             number = 'AV-2026-00003', net_minor = 11400, vat_minor = 2280, total_minor = 13680, document = '{{}}', \
             pdf_sha256 = '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881', \
             verification_id = '{}', issued_at = 1, issued_by = 'x' WHERE id = '{over}'",
            "1".repeat(26)
        );
        let refusal = sqlx::query(&issue_by_hand).execute(pool).await.unwrap_err().to_string();
        assert!(refusal.contains("credit-above-line"), "{backend:?}: {refusal}");
        // Within the line, the invoice's total is the ceiling: 9 × 12.00 + 20 % on top of 14.40
        // credited already is 144.00; one cent more is refused.
        sqlx::query("UPDATE invoice_lines SET qty_milli = 9000 WHERE id = 'l-over'").execute(pool).await.unwrap();
        let refusal = sqlx::query(&issue_by_hand.replace("total_minor = 13680", "total_minor = 12961"))
            .execute(pool)
            .await
            .unwrap_err()
            .to_string();
        assert!(refusal.contains("credit-above-invoice"), "{backend:?}: {refusal}");
        env.finish().await;
    }
}

#[tokio::test]
async fn the_flag_off_stops_payments_and_credit_notes() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &martin, "20", &[("1", "10")]).await;
        let line = invoices::view(&accountant, &id, at(12, 2)).await.unwrap().invoice.lines[0].id.clone();
        services::governance::flags::set_on(&accountant.db, domain::Flag::Invoicing, false, "test", 5).await.unwrap();
        assert_eq!(pay(&accountant, &id, "2026-12-02", "1", "cash", at(12, 2)).await, Err("feature-off".into()));
        assert_eq!(credit(&env, &accountant, &id, &[(&line, "1")], at(12, 2)).await, Err("feature-off".into()));
        assert!(invoices::view(&accountant, &id, at(12, 2)).await.is_ok(), "reading still works");
        env.finish().await;
    }
}

#[tokio::test]
async fn the_list_filters_pages_and_adds_up_what_it_selects() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let garage = customer(&accountant, "garage des brotteaux").await;
        let demo_total = invoices::list(&accountant, &InvoiceQuery::default(), at(12, 2)).await.unwrap().totals;
        // 53 invoices of 12.00 to the garage (a page and a bit), 3 to Martin.
        let mut garage_ids = Vec::new();
        for _ in 0..53 {
            garage_ids.push(invoice(&env, &accountant, &garage, "20", &[("1", "10")]).await);
        }
        let paid = invoice(&env, &accountant, &martin, "20", &[("1", "100")]).await;
        let partly = invoice(&env, &accountant, &martin, "20", &[("1", "100")]).await;
        let _unpaid = invoice(&env, &accountant, &martin, "20", &[("1", "100")]).await;
        pay(&accountant, &paid, "2026-12-02", "120", "transfer", at(12, 2)).await.unwrap();
        pay(&accountant, &partly, "2026-12-02", "20", "transfer", at(12, 2)).await.unwrap();

        let list = |status: &str, customer: &str, now| {
            let query = InvoiceQuery::parse(status, customer, "2026-12-01", "", "").unwrap();
            let scope = &accountant;
            async move { invoices::list(scope, &query, now).await.unwrap() }
        };
        let martin_all = list("", &martin, at(12, 2)).await;
        assert_eq!(martin_all.customer_name.as_deref(), Some("Boulangerie Martin"), "{backend:?}");
        assert_eq!(martin_all.totals.count, 3);
        assert_eq!((martin_all.totals.total_minor, martin_all.totals.due_minor), (360_00, 220_00));
        let numbers = |l: &domain::invoicing::listing::InvoiceListing| {
            l.invoices.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(numbers(&list("paid", &martin, at(12, 2)).await), [paid]);
        assert_eq!(numbers(&list("partly-paid", &martin, at(12, 2)).await), [partly]);
        assert_eq!(list("unpaid", &martin, at(12, 2)).await.totals.count, 1);
        assert_eq!(list("overdue", "", at(12, 2)).await.totals.count, 0, "not due before the 31st");
        let january =
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
        let overdue = list("overdue", "", january).await;
        assert_eq!(overdue.totals.count, 55, "everything unpaid of December");
        assert!(overdue.invoices.iter().all(|i| i.overdue && i.due_minor > 0));

        // Pages of 50, newest first, then by number; the totals cover every page.
        let first = list("", &garage, at(12, 2)).await;
        assert_eq!((first.invoices.len(), first.totals.count), (50, 53));
        assert_eq!(first.totals.total_minor, 53 * 12_00);
        let after = first.next.clone().expect("a second page");
        let query = InvoiceQuery::parse("", &garage, "2026-12-01", "", &after).unwrap();
        let second = invoices::list(&accountant, &query, at(12, 2)).await.unwrap();
        assert_eq!(second.invoices.len(), 3);
        assert!(second.next.is_none());
        let mut seen: Vec<String> = numbers(&first);
        seen.extend(numbers(&second));
        garage_ids.reverse();
        assert_eq!(seen, garage_ids, "every invoice once, newest number first");

        let everything = invoices::list(&accountant, &InvoiceQuery::default(), at(12, 2)).await.unwrap().totals;
        assert_eq!(everything.count, demo_total.count + 56);
        // Another company's customer selects nothing of this one's.
        let acme = env.scope("admin@acme.example", "acme").await;
        let query = InvoiceQuery::parse("", &martin, "", "", "").unwrap();
        assert_eq!(code(invoices::list(&acme, &query, at(12, 2)).await), "not-found");
        env.finish().await;
    }
}

#[tokio::test]
async fn a_customer_statement_runs_the_balance_through_invoices_credit_notes_and_payments() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let garage = customer(&accountant, "garage des brotteaux").await;
        let before = statements::of_customer(&accountant, &garage, at(12, 2)).await.unwrap();
        assert_eq!(before.balance_minor, 0, "{backend:?}: the demo's invoice to the garage is paid");
        let id = invoice(&env, &accountant, &garage, "20", &[("10", "12")]).await;
        let line = invoices::view(&accountant, &id, at(12, 2)).await.unwrap().invoice.lines[0].id.clone();
        credit(&env, &accountant, &id, &[(&line, "1")], at(12, 2)).await.unwrap();
        pay(&accountant, &id, "2026-12-02", "50", "cheque", at(12, 2)).await.unwrap();

        let later =
            NaiveDate::from_ymd_opt(2027, 1, 5).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis();
        let s = statements::of_customer(&accountant, &garage, later).await.unwrap();
        let last: Vec<_> = s.entries.iter().rev().take(3).map(|e| (e.debit_minor, e.credit_minor)).collect();
        assert_eq!(last, [(0, 50_00), (0, 14_40), (144_00, 0)], "payment, credit note, invoice (newest first)");
        assert_eq!(s.balance_minor, 144_00 - 14_40 - 50_00);
        assert_eq!(s.entries.last().unwrap().balance_minor, s.balance_minor);
        assert_eq!(s.overdue_minor, s.balance_minor, "due on 31 December, unpaid in January");
        let acme = env.scope("admin@acme.example", "acme").await;
        assert_eq!(code(statements::of_customer(&acme, &garage, later).await), "not-found");
        env.finish().await;
    }
}
