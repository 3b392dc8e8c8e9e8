//! SQL of the company profile (a single row per tenant database).

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, Default, FromRow)]
pub struct CompanyProfile {
    pub legal_name: String,
    pub legal_form: Option<String>,
    pub country: String,
    pub currency: String,
    pub address: Option<String>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    pub rcs: Option<String>,
    pub nif: Option<String>,
    pub nis: Option<String>,
    pub rc: Option<String>,
    pub ai: Option<String>,
}

const COLUMNS: &str =
    "legal_name, legal_form, country, currency, address, siren, siret, vat_number, rcs, nif, nis, rc, ai";

pub async fn get<'e>(db: impl AnyExecutor<'e>) -> Result<Option<CompanyProfile>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM company_profile WHERE id = 1")).fetch_optional(db).await
}

pub async fn upsert<'e>(db: impl AnyExecutor<'e>, p: &CompanyProfile) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO company_profile (id, {COLUMNS}) VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT (id) DO UPDATE SET legal_name = excluded.legal_name, legal_form = excluded.legal_form, \
         country = excluded.country, currency = excluded.currency, address = excluded.address, siren = excluded.siren, \
         siret = excluded.siret, vat_number = excluded.vat_number, rcs = excluded.rcs, nif = excluded.nif, \
         nis = excluded.nis, rc = excluded.rc, ai = excluded.ai"
    ))
    .bind(&p.legal_name)
    .bind(&p.legal_form)
    .bind(&p.country)
    .bind(&p.currency)
    .bind(&p.address)
    .bind(&p.siren)
    .bind(&p.siret)
    .bind(&p.vat_number)
    .bind(&p.rcs)
    .bind(&p.nif)
    .bind(&p.nis)
    .bind(&p.rc)
    .bind(&p.ai)
    .execute(db)
    .await?;
    Ok(())
}
