//! The FEC (fichier des écritures comptables, LPF art. L47 A, BOI-CF-IOR-60-40-20): a fiscal
//! year's accounting entries as the tax office reads them. Sales journal VE: each invoice debits
//! the customer (411, with the customer's auxiliary account) with its total and credits sales
//! (706 services, 707 goods) and collected VAT (44571) per rate; a credit note does the reverse.
//! Bank (BQ, 512) and cash (CA, 53) journals: each payment debits the bank or the till and
//! credits the customer; an invoice settled within the year is lettered with its payments and
//! credit notes. Entries are numbered without gaps per journal, in date order; each balances.
//!
//! The file: the 18 columns of art. A47 A-1 in order, a header line, tab-separated, dates
//! `AAAAMMJJ`, amounts with a decimal comma, ISO-8859-15, named `SIRENFECAAAAMMJJ.txt`.

pub mod accounts;
mod file;

use std::collections::HashMap;

use chrono::NaiveDate;

pub use accounts::Accounts;
pub use file::{file_name, latin9, write};

use super::draft::Category;
use super::issue::IssuedInvoice;
use super::payment::PaymentMethod;

pub const COLUMNS: [&str; 18] = [
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Journal {
    Sales,
    Bank,
    Cash,
}

impl Journal {
    pub fn code(self) -> &'static str {
        match self {
            Self::Sales => "VE",
            Self::Bank => "BQ",
            Self::Cash => "CA",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Sales => "Ventes",
            Self::Bank => "Banque",
            Self::Cash => "Caisse",
        }
    }
}

/// An issued document, with the customer record it was issued to (for the auxiliary account).
pub struct Document<'a> {
    pub invoice: &'a IssuedInvoice,
    pub customer_id: &'a str,
}

/// A payment, with the invoice it settles.
pub struct Settled<'a> {
    pub invoice_number: &'a str,
    pub customer_id: &'a str,
    pub customer_name: &'a str,
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub method: PaymentMethod,
    pub reference: Option<&'a str>,
}

/// One line of the FEC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub journal: Journal,
    /// The entry's number in its journal, from 1.
    pub number: u32,
    pub date: NaiveDate,
    pub account: String,
    pub account_label: &'static str,
    /// The customer's auxiliary account and name, on the customer account's lines.
    pub auxiliary: Option<(String, String)>,
    pub piece: String,
    pub piece_date: NaiveDate,
    pub label: String,
    pub debit: i64,
    pub credit: i64,
    pub letter: Option<(String, NaiveDate)>,
    /// The invoice the line belongs to: its own, the one a credit note credits, the one a
    /// payment settles (what lettering matches).
    pub invoice: String,
}

/// The auxiliary account of a customer: `C` and the first eight characters of its id.
pub fn auxiliary_account(customer_id: &str) -> String {
    let short: String = customer_id.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
    format!("C{}", short.to_uppercase())
}

/// The year's entries: documents and payments (each in date order), numbered per journal,
/// invoices settled within the year lettered.
pub fn entries(documents: &[Document], payments: &[Settled], accounts: &Accounts) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut sales = 0;
    for doc in documents {
        sales += 1;
        lines.extend(document_lines(doc, sales, accounts));
    }
    let (mut bank, mut cash) = (0, 0);
    for payment in payments {
        let (journal, number, account, account_label) = match payment.method {
            PaymentMethod::Cash => {
                cash += 1;
                (Journal::Cash, cash, accounts.cash.clone(), "Caisse")
            }
            _ => {
                bank += 1;
                (Journal::Bank, bank, accounts.bank.clone(), "Banque")
            }
        };
        let label = format!("Règlement {} {}", payment.invoice_number, payment.customer_name);
        let piece = payment.reference.filter(|r| !r.trim().is_empty()).unwrap_or(payment.invoice_number).to_owned();
        let line = |account: String, account_label, auxiliary, debit, credit| Line {
            journal,
            number,
            date: payment.date,
            account,
            account_label,
            auxiliary,
            piece: piece.clone(),
            piece_date: payment.date,
            label: label.clone(),
            debit,
            credit,
            letter: None,
            invoice: payment.invoice_number.to_owned(),
        };
        lines.push(line(account, account_label, None, payment.amount_minor, 0));
        let aux = (auxiliary_account(payment.customer_id), payment.customer_name.to_owned());
        lines.push(line(accounts.receivable.clone(), "Clients", Some(aux), 0, payment.amount_minor));
    }
    letter(&mut lines, documents, payments);
    lines
}

/// An invoice's (or, reversed, a credit note's) lines: the customer, sales per rate, VAT per rate.
fn document_lines(doc: &Document, number: u32, accounts: &Accounts) -> Vec<Line> {
    let invoice = doc.invoice;
    let credit_note = invoice.is_credit_note();
    let side = |amount: i64, debit_side: bool| {
        if debit_side != credit_note { (amount, 0) } else { (0, amount) }
    };
    let number_text = invoice.number.text();
    let label =
        format!("{} {} {}", if credit_note { "Avoir" } else { "Facture" }, number_text, invoice.buyer.legal_name);
    let belongs_to = invoice.credits.as_ref().map_or_else(|| number_text.clone(), |c| c.number.clone());
    let line = |account: String, account_label, auxiliary, (debit, credit): (i64, i64)| Line {
        journal: Journal::Sales,
        number,
        date: invoice.issue_date,
        account,
        account_label,
        auxiliary,
        piece: number_text.clone(),
        piece_date: invoice.issue_date,
        label: label.clone(),
        debit,
        credit,
        letter: None,
        invoice: belongs_to.clone(),
    };
    let aux = (auxiliary_account(doc.customer_id), invoice.buyer.legal_name.clone());
    let mut lines =
        vec![line(accounts.receivable.clone(), "Clients", Some(aux), side(invoice.totals.total_minor, true))];
    let (sales, sales_label) = match invoice.category {
        Category::Goods => (&accounts.sales_goods, "Ventes de marchandises"),
        Category::Services | Category::Mixed => (&accounts.sales_services, "Prestations de services"),
    };
    for rate in &invoice.totals.by_rate {
        lines.push(line(sales.clone(), sales_label, None, side(rate.base_minor, false)));
    }
    for rate in invoice.totals.by_rate.iter().filter(|r| r.vat_minor != 0) {
        lines.push(line(accounts.vat_collected.clone(), "TVA collectée", None, side(rate.vat_minor, false)));
    }
    lines
}

/// Letters each invoice settled within the year (its total = its credit notes + its payments)
/// with them, on the customer account's lines: codes A, B… Z, AA…, the date the last one.
/// One pass over each list (a year holds a hundred thousand invoices).
fn letter(lines: &mut [Line], documents: &[Document], payments: &[Settled]) {
    // Per invoice number: what settled it, and the date of the last settlement.
    let mut settled: HashMap<String, (i64, Option<NaiveDate>)> = HashMap::new();
    let mut add = |number: &str, amount: i64, date: NaiveDate| {
        let slot = settled.entry(number.to_owned()).or_insert((0, None));
        slot.0 += amount;
        slot.1 = slot.1.max(Some(date));
    };
    for doc in documents {
        if let Some(credited) = &doc.invoice.credits {
            add(&credited.number, doc.invoice.totals.total_minor, doc.invoice.issue_date);
        }
    }
    for payment in payments {
        add(payment.invoice_number, payment.amount_minor, payment.date);
    }
    let mut letters: HashMap<String, (String, NaiveDate)> = HashMap::new();
    for doc in documents.iter().filter(|d| !d.invoice.is_credit_note()) {
        let number = doc.invoice.number.text();
        if let Some((amount, Some(last))) = settled.get(&number)
            && *amount == doc.invoice.totals.total_minor
        {
            let code = letter_code(letters.len() as u32 + 1);
            letters.insert(number, (code, *last));
        }
    }
    for line in lines.iter_mut().filter(|l| l.auxiliary.is_some()) {
        if let Some(letter) = letters.get(&line.invoice) {
            line.letter = Some(letter.clone());
        }
    }
}

/// 1 → A, 26 → Z, 27 → AA.
fn letter_code(mut n: u32) -> String {
    let mut code = Vec::new();
    while n > 0 {
        n -= 1;
        code.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    code.reverse();
    String::from_utf8(code).expect("ASCII letters")
}

#[cfg(test)]
mod tests;
