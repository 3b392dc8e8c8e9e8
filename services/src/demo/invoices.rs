//! The demo companies' invoices, prepared, issued and settled through the same services as a
//! user's: issued ones spread over the last weeks in every state (overdue, paid, partly paid,
//! one with a credit note; in Algeria, cash payments with their stamp duty), and a draft being
//! prepared (in France, for a business customer whose SIREN is not known yet: the draft says so).

use chrono::Days;
use domain::customer::views::CustomerQuery;
use domain::invoicing::credit::{CreditForm, quantity_key};
use domain::invoicing::draft::{DraftForm, LineForm};
use domain::invoicing::payment::PaymentForm;

use crate::invoicing::{credits, customers, drafts, invoices, issuing, payments};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState};

struct Demo {
    customer: &'static str,
    days_ago: u64,
    category: &'static str,
    method: &'static str,
    /// Designation, quantity, unit, unit price, VAT rate.
    lines: &'static [(&'static str, &'static str, &'static str, &'static str, &'static str)],
    issue: bool,
    /// Payments: amount (None: what is still due), method, days ago.
    payments: &'static [(Option<&'static str>, &'static str, u64)],
    /// A credit note: the line (from 0), the quantity taken back, the reason.
    credit: Option<(usize, &'static str, &'static str)>,
}

const DEMO: &[Demo] = &[
    Demo {
        customer: "Boulangerie Martin",
        days_ago: 45,
        category: "mixed",
        method: "transfer",
        lines: &[
            ("Dépannage du four à sole, diagnostic", "1,5", "h", "68", "20"),
            ("Thermostat de four 50-300 °C", "1", "u", "142,80", "20"),
        ],
        issue: true,
        payments: &[],
        credit: None,
    },
    Demo {
        customer: "Garage des Brotteaux",
        days_ago: 20,
        category: "services",
        method: "transfer",
        lines: &[("Contrôle annuel du compresseur", "1", "u", "185", "20"), ("Déplacement", "1", "u", "35", "20")],
        issue: true,
        payments: &[(None, "transfer", 8)],
        credit: None,
    },
    Demo {
        customer: "Boulangerie Martin",
        days_ago: 6,
        category: "mixed",
        method: "cheque",
        lines: &[
            ("Remplacement de mitigeurs, laboratoire", "3", "u", "89,90", "20"),
            ("Main-d’œuvre", "2,5", "h", "58", "20"),
            ("Guide d’entretien des fours", "1", "u", "24", "5,5"),
        ],
        issue: true,
        payments: &[(Some("200"), "cheque", 2)],
        credit: Some((2, "1", "Guide non livré, retiré de la commande")),
    },
    Demo {
        customer: "Renée Dupont",
        days_ago: 0,
        category: "services",
        method: "card",
        lines: &[("Entretien de chaudière gaz", "1", "u", "120", "10")],
        issue: true,
        payments: &[],
        credit: None,
    },
    Demo {
        customer: "Hôtel du Parc",
        days_ago: 0,
        category: "services",
        method: "",
        lines: &[("Visite de contrôle, chaufferie", "2", "h", "58", "20")],
        issue: false,
        payments: &[],
        credit: None,
    },
];

const ACME: &[Demo] = &[
    Demo {
        customer: "SARL Sahel Équipement",
        days_ago: 30,
        category: "goods",
        method: "transfer",
        lines: &[("Groupe froid 3 kW", "2", "u", "185000", "19"), ("Mise en service", "4", "h", "3500", "19")],
        issue: true,
        payments: &[(Some("100000"), "cash", 20)],
        credit: None,
    },
    Demo {
        customer: "Karim Benali",
        days_ago: 3,
        category: "services",
        method: "cash",
        lines: &[("Recharge de climatiseur", "1", "u", "8500", "19")],
        issue: true,
        payments: &[(None, "cash", 1)],
        credit: None,
    },
    Demo {
        customer: "Oran Froid Industrie",
        days_ago: 0,
        category: "goods",
        method: "transfer",
        lines: &[("Compresseur hermétique", "1", "u", "96000", "19")],
        issue: false,
        payments: &[],
        credit: None,
    },
];

/// Seeds the invoices of a demo company (its admin's scope). `base_url` is printed in the
/// verification addresses.
pub async fn seed(state: &AppState, scope: &TenantScope, base_url: &str) -> AppResult<()> {
    let now = state.clock.now_ms();
    let today = scope.today(now)?;
    let country = scope.country()?;
    for demo in if scope.tenant.code == "acme" { ACME } else { DEMO } {
        let query = CustomerQuery::parse(Some(demo.customer), None)?;
        let customer = customers::list(scope, &query)
            .await?
            .lines
            .into_iter()
            .find(|c| c.legal_name == demo.customer)
            .ok_or_else(|| AppError::Internal(format!("demo customer {} missing", demo.customer)))?
            .id;
        let date = today.checked_sub_days(Days::new(demo.days_ago)).unwrap_or(today);
        let header = DraftForm {
            customer,
            issue_date: domain::format::iso_day(date),
            category: demo.category.into(),
            payment_method: demo.method.into(),
            ..DraftForm::default()
        };
        let id = drafts::create(scope, &header.parse()?, now).await?;
        for (designation, quantity, unit, price, vat) in demo.lines {
            let line = LineForm {
                draft: id.clone(),
                designation: (*designation).into(),
                unit: (*unit).into(),
                quantity: (*quantity).into(),
                unit_price: (*price).into(),
                vat_rate: (*vat).into(),
                ..LineForm::default()
            };
            let (_, line) = line.parse(country)?;
            drafts::add_line(scope, &id, &line, now).await?;
        }
        if demo.issue {
            issuing::issue(state, scope, &id, now, base_url).await?;
            settle(state, scope, demo, &id, base_url).await?;
        }
    }
    Ok(())
}

/// The demo invoice's payments and credit note, recorded through the services as a user would.
async fn settle(state: &AppState, scope: &TenantScope, demo: &Demo, id: &str, base_url: &str) -> AppResult<()> {
    let now = state.clock.now_ms();
    let today = scope.today(now)?;
    if let Some((line, quantity, reason)) = demo.credit {
        let invoice = invoices::view(scope, id, now).await?;
        let line = invoice.invoice.lines.get(line).ok_or_else(|| AppError::Internal("demo credit line".into()))?;
        let form = CreditForm {
            invoice: id.to_owned(),
            reason: reason.into(),
            quantity: [(quantity_key(&line.id), quantity.to_owned())].into(),
        };
        credits::issue(state, scope, &form.parse()?, now, base_url).await?;
    }
    for (amount, method, days_ago) in demo.payments {
        let due = invoices::view(scope, id, now).await?.settling.map_or(0, |s| s.balance.due_minor());
        let amount = match amount {
            Some(amount) => (*amount).to_owned(),
            None => domain::format::plain_decimal(due, 2, '.', false),
        };
        let form = PaymentForm {
            invoice: id.to_owned(),
            date: domain::format::iso_day(today.checked_sub_days(Days::new(*days_ago)).unwrap_or(today)),
            amount,
            method: (*method).into(),
            reference: String::new(),
        };
        let (invoice, entry) = form.parse()?;
        payments::record(scope, &invoice, &entry, now).await?;
    }
    Ok(())
}
