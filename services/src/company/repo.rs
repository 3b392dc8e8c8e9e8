//! SQL of the company profile (a single row per tenant database).

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, Default, FromRow)]
pub struct ProfileRow {
    pub legal_name: String,
    pub legal_form: Option<String>,
    pub country: String,
    pub currency: String,
    pub street: Option<String>,
    pub street2: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub share_capital_minor: Option<i64>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    pub rcs_city: Option<String>,
    pub nif: Option<String>,
    pub nis: Option<String>,
    pub rc: Option<String>,
    pub ai: Option<String>,
    pub bank_account: Option<String>,
    pub bic: Option<String>,
    pub payment_terms_days: i64,
    pub late_penalty_bp: Option<i64>,
    pub hourly_rate_minor: Option<i64>,
    pub invoice_prefix: String,
    pub credit_note_prefix: String,
    pub document_lang: String,
    /// Written by `upsert`, never read back into it.
    pub updated_at: Option<i64>,
}

const COLUMNS: &str = "legal_name, legal_form, country, currency, street, street2, postcode, city, email, phone, \
     share_capital_minor, siren, siret, vat_number, rcs_city, nif, nis, rc, ai, bank_account, bic, \
     payment_terms_days, late_penalty_bp, hourly_rate_minor, invoice_prefix, credit_note_prefix, document_lang";

pub async fn get<'e>(db: impl AnyExecutor<'e>) -> Result<Option<ProfileRow>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS}, updated_at FROM company_profile WHERE id = 1")).fetch_optional(db).await
}

pub async fn upsert<'e>(db: impl AnyExecutor<'e>, p: &ProfileRow, now_ms: i64) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = COLUMNS.split(", ").collect();
    let placeholders: Vec<String> = (1..=names.len() + 1).map(|i| format!("${i}")).collect();
    let updates: Vec<String> =
        names.iter().chain(["updated_at"].iter()).map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO company_profile (id, {COLUMNS}, updated_at) VALUES (1, {}) ON CONFLICT (id) DO UPDATE SET {}",
        placeholders.join(", "),
        updates.join(", ")
    );
    sqlx::query(&sql)
        .bind(&p.legal_name)
        .bind(&p.legal_form)
        .bind(&p.country)
        .bind(&p.currency)
        .bind(&p.street)
        .bind(&p.street2)
        .bind(&p.postcode)
        .bind(&p.city)
        .bind(&p.email)
        .bind(&p.phone)
        .bind(p.share_capital_minor)
        .bind(&p.siren)
        .bind(&p.siret)
        .bind(&p.vat_number)
        .bind(&p.rcs_city)
        .bind(&p.nif)
        .bind(&p.nis)
        .bind(&p.rc)
        .bind(&p.ai)
        .bind(&p.bank_account)
        .bind(&p.bic)
        .bind(p.payment_terms_days)
        .bind(p.late_penalty_bp)
        .bind(p.hourly_rate_minor)
        .bind(&p.invoice_prefix)
        .bind(&p.credit_note_prefix)
        .bind(&p.document_lang)
        .bind(now_ms)
        .execute(db)
        .await?;
    Ok(())
}
