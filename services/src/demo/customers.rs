//! The demo companies' customers, imported as a company would import its spreadsheet.

use crate::invoicing::customers;
use crate::tenancy::TenantScope;
use crate::{AppResult, AppState};

const DEMO: &str = "\
kind;legal_name;legal_form;street;postcode;city;email;payment_terms;siren;siret;vat_number
business;Boulangerie Martin;SAS;4 place Bellecour;69002;Lyon;compta@boulangerie-martin.example;30;552100554;55210055400013;FR96552100554
business;Garage des Brotteaux;SARL;21 boulevard des Belges;69006;Lyon;garage@brotteaux.example;45;732829320;;
business;Hôtel du Parc;SA;3 rue de la Charité;69002;Lyon;;;;;
individual;Renée Dupont;;8 rue Ney;69006;Lyon;renee.dupont@example.org;;;;
";

const ACME: &str = "\
kind;legal_name;legal_form;street;postcode;city;email;payment_terms;nif;nis;rc;ai
business;SARL Sahel Équipement;SARL;12 rue Didouche Mourad;16000;Alger;achats@sahel.example;30;001516000000001;001516010000002;16/00-1234567 B 05;16000123456
business;Oran Froid Industrie;EURL;Zone industrielle Es-Senia;31000;Oran;;60;003131000000004;;31/00-7654321 B 12;31000654321
individual;Karim Benali;;Cité 5 juillet, bâtiment 3;16100;Alger;;;;;;
";

pub async fn seed(state: &AppState, scope: &TenantScope) -> AppResult<()> {
    let file = if scope.tenant.code == "acme" { ACME } else { DEMO };
    customers::import(scope, file.as_bytes(), state.clock.now_ms()).await?;
    Ok(())
}
