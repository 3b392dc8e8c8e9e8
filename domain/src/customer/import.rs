//! Customers in CSV files: the columns of the import (English or French headings) and of the
//! export, which are the same, so an exported file imports again unchanged.

use std::collections::HashSet;

use super::{Customer, CustomerForm};
use crate::country::Country;
use crate::csv_import::{Column, Report, Rows, col, field};

/// The most customers one file may hold.
pub const MAX_ROWS: usize = 10_000;
/// The largest file accepted (a full file of long rows stays well below).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

pub const COLUMNS: &[Column] = &[
    col("kind", false, &["type", "type_client", "genre"]),
    col("legal_name", true, &["raison_sociale", "nom", "name", "client", "customer", "societe"]),
    col("legal_form", false, &["forme_juridique", "forme"]),
    col("street", true, &["adresse", "rue", "address", "adresse_1"]),
    col("street2", false, &["complement", "complement_d_adresse", "adresse_2", "address_2"]),
    col("postcode", true, &["code_postal", "cp", "zip", "postal_code"]),
    col("city", true, &["ville", "commune", "town"]),
    col("delivery_street", false, &["adresse_livraison", "rue_livraison"]),
    col("delivery_street2", false, &["complement_livraison", "adresse_livraison_2"]),
    col("delivery_postcode", false, &["code_postal_livraison", "cp_livraison"]),
    col("delivery_city", false, &["ville_livraison"]),
    col("email", false, &["e_mail", "courriel", "mail", "adresse_e_mail"]),
    col("payment_terms", false, &["delai_paiement", "delai_de_paiement", "delai", "conditions_paiement", "jours"]),
    col("siren", false, &[]),
    col("siret", false, &[]),
    col("vat_number", false, &["tva", "numero_tva", "tva_intracommunautaire", "n_tva", "vat"]),
    col("nif", false, &[]),
    col("nis", false, &[]),
    col("rc", false, &["registre_du_commerce", "numero_rc"]),
    col("ai", false, &["article_imposition", "article_d_imposition"]),
];

/// A kind as a spreadsheet may write it; empty means a business.
fn kind(raw: &str) -> Result<&'static str, &'static str> {
    match raw.trim().to_lowercase().as_str() {
        "" | "business" | "entreprise" | "professionnel" | "societe" | "société" => Ok("business"),
        "individual" | "particulier" | "personne" => Ok("individual"),
        _ => Err("invalid-customer-kind"),
    }
}

/// Reads a file of customers of a company in `country`: the customers with their line, or
/// every problem found. A name and postcode twice in one file is refused as a duplicate.
pub fn read_customers(bytes: &[u8], country: Country) -> Result<Vec<(u64, Customer)>, Report> {
    let mut report = Report::default();
    let rows = Rows::read(COLUMNS, bytes, MAX_ROWS, &mut report);
    let mut seen = HashSet::new();
    let mut customers = Vec::with_capacity(rows.rows.len());
    for (line, fields) in &rows.rows {
        let f = |name| field(fields, name).to_owned();
        let kind = match kind(&f("kind")) {
            Ok(kind) => kind.to_owned(),
            Err(code) => {
                report.add(*line, "kind", code);
                continue;
            }
        };
        let form = CustomerForm {
            kind,
            legal_name: f("legal_name"),
            legal_form: f("legal_form"),
            street: f("street"),
            street2: f("street2"),
            postcode: f("postcode"),
            city: f("city"),
            delivery_street: f("delivery_street"),
            delivery_street2: f("delivery_street2"),
            delivery_postcode: f("delivery_postcode"),
            delivery_city: f("delivery_city"),
            email: f("email"),
            payment_terms: f("payment_terms"),
            siren: f("siren"),
            siret: f("siret"),
            vat_number: f("vat_number"),
            nif: f("nif"),
            nis: f("nis"),
            rc: f("rc"),
            ai: f("ai"),
            id: String::new(),
        };
        match form.parse(country) {
            Ok(c) if !seen.insert((c.sort_key(), c.address.postcode.clone())) => {
                report.add(*line, "legal_name", "customer-twice-in-file")
            }
            Ok(customer) => customers.push((*line, customer)),
            Err(errors) => errors.0.iter().for_each(|e| report.add(*line, &e.field, &e.code)),
        }
    }
    if report.is_empty() { Ok(customers) } else { Err(report) }
}

/// The cells of one customer in an export, in the order of `COLUMNS`.
pub fn cells(customer: &Customer) -> Vec<String> {
    let form = customer.form("");
    let values = form.values();
    COLUMNS
        .iter()
        .map(|c| values.iter().find(|(name, _)| *name == c.name).map(|(_, v)| (*v).to_owned()).unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests;
