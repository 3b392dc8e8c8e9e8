//! What the invoicing tests share: a customer by name, the injected clock's days, and an
//! invoice issued, paid or credited through the services as a user would.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::customer::views::CustomerQuery;
use domain::invoicing::credit::{CreditForm, quantity_key};
use domain::invoicing::draft::{DraftForm, LineForm};
use domain::invoicing::payment::PaymentForm;
use services::invoicing::{credits, customers, drafts, issuing, payments};
use services::tenancy::TenantScope;
use services::testing::{TestEnv, code};

pub const BASE: &str = "https://erp.example.fr";

pub async fn customer(scope: &TenantScope, name: &str) -> String {
    let query = CustomerQuery::parse(Some(name), None).unwrap();
    customers::list(scope, &query).await.unwrap().lines[0].id.clone()
}

/// Noon (UTC) of a day in 2026, as the injected clock gives it.
pub fn at(m: u32, d: u32) -> i64 {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap().and_hms_opt(12, 0, 0).unwrap().and_utc().timestamp_millis()
}

/// Issues, on 1 December 2026, an invoice due on the 31st with `lines` (quantity, unit price),
/// all at `vat` %; returns its id.
pub async fn invoice(env: &TestEnv, scope: &TenantScope, customer: &str, vat: &str, lines: &[(&str, &str)]) -> String {
    let form = DraftForm {
        customer: customer.into(),
        issue_date: "2026-12-01".into(),
        due_date: "2026-12-31".into(),
        category: "goods".into(),
        payment_method: "transfer".into(),
        ..DraftForm::default()
    };
    let id = drafts::create(scope, &form.parse().unwrap(), 1).await.unwrap();
    let country = scope.country().unwrap();
    for (i, (quantity, price)) in lines.iter().enumerate() {
        let line = LineForm {
            draft: id.clone(),
            designation: format!("Article {}", i + 1),
            quantity: (*quantity).into(),
            unit_price: (*price).into(),
            vat_rate: vat.into(),
            ..LineForm::default()
        };
        drafts::add_line(scope, &id, &line.parse(country).unwrap().1, 2).await.unwrap();
    }
    issuing::issue(&env.state, scope, &id, at(12, 1), BASE).await.unwrap();
    id
}

pub async fn pay(
    scope: &TenantScope,
    invoice: &str,
    date: &str,
    amount: &str,
    method: &str,
    now: i64,
) -> Result<String, String> {
    let form = PaymentForm {
        invoice: invoice.into(),
        date: date.into(),
        amount: amount.into(),
        method: method.into(),
        reference: String::new(),
    };
    let (id, entry) = form.parse().map_err(|e| e.0[0].code.clone())?;
    payments::record(scope, &id, &entry, now).await.map_err(|e| code::<()>(Err(e)))
}

pub async fn credit(
    env: &TestEnv,
    scope: &TenantScope,
    invoice: &str,
    taken: &[(&str, &str)],
    now: i64,
) -> Result<String, String> {
    let form = CreditForm {
        invoice: invoice.into(),
        reason: "Marchandise retournée".into(),
        quantity: taken.iter().map(|(l, q)| (quantity_key(l), (*q).to_owned())).collect::<BTreeMap<_, _>>(),
    };
    let request = form.parse().map_err(|e| e.0[0].code.clone())?;
    credits::issue(&env.state, scope, &request, now, BASE).await.map_err(|e| code::<()>(Err(e)))
}
