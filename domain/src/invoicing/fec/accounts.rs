//! The accounts the FEC posts to, per company: the French chart of accounts (PCG) by default,
//! editable by accountants (a sub-account such as 411000 or 706100 is fine, within its class).

use serde::{Deserialize, Serialize};

use crate::error::ValidationErrors;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    pub receivable: String,
    pub sales_goods: String,
    pub sales_services: String,
    pub vat_collected: String,
    pub bank: String,
    pub cash: String,
}

/// Each account: its field name, the PCG default, and the root it must start with.
pub const ACCOUNTS: [(&str, &str, &str); 6] = [
    ("receivable", "411", "411"),
    ("sales_goods", "707", "70"),
    ("sales_services", "706", "70"),
    ("vat_collected", "44571", "4457"),
    ("bank", "512", "51"),
    ("cash", "53", "53"),
];

impl Default for Accounts {
    fn default() -> Self {
        let mut form = AccountsForm::default();
        for (field, default, _) in ACCOUNTS {
            *form.slot(field) = default.to_owned();
        }
        form.parse().expect("the defaults are valid")
    }
}

impl Accounts {
    pub fn form(&self) -> AccountsForm {
        AccountsForm {
            receivable: self.receivable.clone(),
            sales_goods: self.sales_goods.clone(),
            sales_services: self.sales_services.clone(),
            vat_collected: self.vat_collected.clone(),
            bank: self.bank.clone(),
            cash: self.cash.clone(),
        }
    }
}

/// The mapping as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountsForm {
    pub receivable: String,
    pub sales_goods: String,
    pub sales_services: String,
    pub vat_collected: String,
    pub bank: String,
    pub cash: String,
}

impl AccountsForm {
    /// One account as typed, by its field name.
    pub fn get(&self, field: &str) -> &str {
        match field {
            "receivable" => &self.receivable,
            "sales_goods" => &self.sales_goods,
            "sales_services" => &self.sales_services,
            "vat_collected" => &self.vat_collected,
            "bank" => &self.bank,
            _ => &self.cash,
        }
    }

    fn slot(&mut self, field: &str) -> &mut String {
        match field {
            "receivable" => &mut self.receivable,
            "sales_goods" => &mut self.sales_goods,
            "sales_services" => &mut self.sales_services,
            "vat_collected" => &mut self.vat_collected,
            "bank" => &mut self.bank,
            _ => &mut self.cash,
        }
    }

    /// Each account: 2 to 12 digits, starting with its class's root (411 for customers, 70 for
    /// sales, 4457 for collected VAT, 51 for the bank, 53 for the till).
    pub fn parse(mut self) -> Result<Accounts, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        for (field, _, root) in ACCOUNTS {
            let value: String = self.slot(field).chars().filter(|c| !c.is_whitespace()).collect();
            if value.is_empty() {
                errors.add(field, "required");
            } else if !(2..=12).contains(&value.len()) || !value.bytes().all(|b| b.is_ascii_digit()) {
                errors.add(field, "invalid-account-number");
            } else if !value.starts_with(root) {
                errors.add(field, "account-wrong-class");
            }
            *self.slot(field) = value;
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Accounts {
            receivable: self.receivable,
            sales_goods: self.sales_goods,
            sales_services: self.sales_services,
            vat_collected: self.vat_collected,
            bank: self.bank,
            cash: self.cash,
        })
    }
}
