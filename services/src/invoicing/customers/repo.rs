//! SQL of the customers.

use sqlx::{AnyExecutor, FromRow};

#[derive(Clone, Debug, Default, FromRow)]
pub struct CustomerRow {
    pub id: String,
    pub kind: String,
    pub legal_name: String,
    pub legal_form: Option<String>,
    pub street: String,
    pub street2: Option<String>,
    pub postcode: String,
    pub city: String,
    pub delivery_street: Option<String>,
    pub delivery_street2: Option<String>,
    pub delivery_postcode: Option<String>,
    pub delivery_city: Option<String>,
    pub email: Option<String>,
    pub payment_terms_days: Option<i64>,
    pub siren: Option<String>,
    pub siret: Option<String>,
    pub vat_number: Option<String>,
    pub nif: Option<String>,
    pub nis: Option<String>,
    pub rc: Option<String>,
    pub ai: Option<String>,
    pub sort_key: String,
    pub search_text: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The columns written from a form, in the order `bind_fields` binds them.
const FIELDS: [&str; 23] = [
    "kind",
    "legal_name",
    "legal_form",
    "street",
    "street2",
    "postcode",
    "city",
    "delivery_street",
    "delivery_street2",
    "delivery_postcode",
    "delivery_city",
    "email",
    "payment_terms_days",
    "siren",
    "siret",
    "vat_number",
    "nif",
    "nis",
    "rc",
    "ai",
    "sort_key",
    "search_text",
    "updated_at",
];

fn select() -> String {
    format!("SELECT id, {}, created_at FROM customers", FIELDS.join(", "))
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

fn bind_fields<'q>(query: Query<'q>, c: &'q CustomerRow) -> Query<'q> {
    query
        .bind(&c.kind)
        .bind(&c.legal_name)
        .bind(&c.legal_form)
        .bind(&c.street)
        .bind(&c.street2)
        .bind(&c.postcode)
        .bind(&c.city)
        .bind(&c.delivery_street)
        .bind(&c.delivery_street2)
        .bind(&c.delivery_postcode)
        .bind(&c.delivery_city)
        .bind(&c.email)
        .bind(c.payment_terms_days)
        .bind(&c.siren)
        .bind(&c.siret)
        .bind(&c.vat_number)
        .bind(&c.nif)
        .bind(&c.nis)
        .bind(&c.rc)
        .bind(&c.ai)
        .bind(&c.sort_key)
        .bind(&c.search_text)
        .bind(c.updated_at)
}

pub async fn insert<'e>(db: impl AnyExecutor<'e>, c: &CustomerRow, user_id: &str) -> Result<(), sqlx::Error> {
    let placeholders: Vec<String> = (1..=FIELDS.len() + 3).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO customers ({}, id, created_at, created_by) VALUES ({})",
        FIELDS.join(", "),
        placeholders.join(", ")
    );
    bind_fields(sqlx::query(&sql), c).bind(&c.id).bind(c.created_at).bind(user_id).execute(db).await?;
    Ok(())
}

/// Rewrites a customer's fields; false when there is no such customer.
pub async fn update<'e>(db: impl AnyExecutor<'e>, c: &CustomerRow) -> Result<bool, sqlx::Error> {
    let sets: Vec<String> = FIELDS.iter().enumerate().map(|(i, f)| format!("{f} = ${}", i + 1)).collect();
    let sql = format!("UPDATE customers SET {} WHERE id = ${}", sets.join(", "), FIELDS.len() + 1);
    let done = bind_fields(sqlx::query(&sql), c).bind(&c.id).execute(db).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM customers WHERE id = $1").bind(id).execute(db).await?.rows_affected() == 1)
}

pub async fn get<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<CustomerRow>, sqlx::Error> {
    sqlx::query_as(&format!("{} WHERE id = $1", select())).bind(id).fetch_optional(db).await
}

/// Customers by name after the customer `after` (keyset paging), whose search text holds
/// `text`. Only the conditions set appear in the SQL, so both planners seek in the name index.
pub async fn page<'e>(
    db: impl AnyExecutor<'e>,
    text: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<CustomerRow>, sqlx::Error> {
    let mut values: Vec<String> = Vec::new();
    let mut conditions = Vec::new();
    if let Some(after) = after {
        values.push(after.to_owned());
        conditions.push("(sort_key, id) > (SELECT sort_key, id FROM customers WHERE id = $1)".to_owned());
    }
    if let Some(text) = text {
        let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        values.push(format!("%{escaped}%"));
        conditions.push(format!("search_text LIKE ${} ESCAPE '\\'", values.len()));
    }
    let filter = if conditions.is_empty() { String::new() } else { format!(" WHERE {}", conditions.join(" AND ")) };
    let sql = format!("{}{filter} ORDER BY sort_key, id LIMIT {limit}", select());
    let mut query = sqlx::query_as(&sql);
    for value in values {
        query = query.bind(value);
    }
    query.fetch_all(db).await
}

pub async fn count<'e>(db: impl AnyExecutor<'e>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM customers").fetch_one(db).await?;
    Ok(n)
}

/// Whether a customer of that name already has that postcode (the duplicate an import or a
/// second click would create).
pub async fn exists<'e>(
    db: impl AnyExecutor<'e>,
    sort_key: &str,
    postcode: &str,
    except: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM customers WHERE sort_key = $1 AND postcode = $2 AND id <> $3 LIMIT 1")
            .bind(sort_key)
            .bind(postcode)
            .bind(except)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Invoices (drafts included) of a customer: while there are any, it stays.
pub async fn invoice_count<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM invoices WHERE customer_id = $1").bind(id).fetch_one(db).await?;
    Ok(n)
}

pub async fn name<'e>(db: impl AnyExecutor<'e>, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT legal_name FROM customers WHERE id = $1").bind(id).fetch_optional(db).await?;
    Ok(row.map(|(name,)| name))
}
