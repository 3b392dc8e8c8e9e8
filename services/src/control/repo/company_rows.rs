//! SQL of a company's rows in the control database, read and written as JSON objects (column
//! name → number, text or null) for backups: the control tables hold nothing else, so one
//! reader and one writer serve every table, on both backends.

use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, AnyExecutor, Column, Row};

use crate::db::Backend;

/// One row: column name → value.
pub type JsonRow = Map<String, Value>;

/// The users a company's rows name: its members, its single sign-on accounts, and who created
/// or revoked its API tokens.
const COMPANY_USERS: &str = "SELECT user_id FROM memberships WHERE tenant_code = $1 \
                             UNION SELECT user_id FROM sso_identities WHERE tenant_code = $1 \
                             UNION SELECT created_by FROM api_tokens WHERE tenant_code = $1 \
                             UNION SELECT revoked_by FROM api_tokens WHERE tenant_code = $1";

/// The statement reading a table's rows of the company `$1`; `None` for a table not a company's.
fn select_of(table: &str) -> Option<String> {
    let filter = match table {
        "tenants" => "code = $1".to_owned(),
        "emergency_modes" => "scope = $1".to_owned(),
        "users" => format!("id IN ({COMPANY_USERS})"),
        "totp_secrets" | "recovery_codes" => format!("user_id IN ({COMPANY_USERS})"),
        "tenant_security" | "memberships" | "identity_providers" | "sso_identities" | "issued_documents"
        | "api_tokens" => "tenant_code = $1".to_owned(),
        _ => return None,
    };
    // Ordered, so that two backups of the same rows are the same file.
    Some(format!("SELECT * FROM {table} WHERE {filter} ORDER BY 1, 2"))
}

/// The company's rows of `table` (one of the company tables).
pub async fn company_rows<'e>(
    db: impl AnyExecutor<'e>,
    table: &str,
    tenant: &str,
) -> Result<Vec<JsonRow>, sqlx::Error> {
    let sql = select_of(table).ok_or_else(|| sqlx::Error::Protocol(format!("{table} is not a company table")))?;
    let rows = sqlx::query(&sql).bind(tenant).fetch_all(db).await?;
    rows.iter().map(json_row).collect()
}

fn json_row(row: &AnyRow) -> Result<JsonRow, sqlx::Error> {
    let mut out = JsonRow::new();
    for column in row.columns() {
        let at = column.ordinal();
        // The control tables hold integers and texts only (services/tests/schema.rs).
        let value = match row.try_get::<Option<i64>, _>(at) {
            Ok(number) => number.map_or(Value::Null, Value::from),
            Err(_) => row.try_get::<Option<String>, _>(at)?.map_or(Value::Null, Value::from),
        };
        out.insert(column.name().to_owned(), value);
    }
    Ok(out)
}

/// The columns of `table` in this database.
pub async fn columns(conn: &mut AnyConnection, backend: Backend, table: &str) -> Result<Vec<String>, sqlx::Error> {
    let sql = match backend {
        Backend::Sqlite => "SELECT name FROM pragma_table_info($1)",
        Backend::Postgres => {
            "SELECT column_name::text FROM information_schema.columns \
              WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    let rows: Vec<(String,)> = sqlx::query_as(sql).bind(table).fetch_all(conn).await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}

/// Inserts `row` into `table`; its columns must be among `table`'s (the caller checked them
/// against `columns`), the others take their defaults. The values travel as one JSON text
/// that the database itself unpacks into the columns' types.
pub async fn insert(conn: &mut AnyConnection, backend: Backend, table: &str, row: &JsonRow) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = row.keys().map(String::as_str).collect();
    let list = names.join(", ");
    let sql = match backend {
        Backend::Sqlite => {
            let values: Vec<String> = names.iter().map(|n| format!("json_extract($1, '$.\"{n}\"')")).collect();
            format!("INSERT INTO {table} ({list}) SELECT {}", values.join(", "))
        }
        Backend::Postgres => {
            format!("INSERT INTO {table} ({list}) SELECT {list} FROM jsonb_populate_record(NULL::{table}, $1::jsonb)")
        }
    };
    sqlx::query(&sql).bind(Value::Object(row.clone()).to_string()).execute(conn).await?;
    Ok(())
}

/// The id of the user with this e-mail address, if any.
pub async fn user_id_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM users WHERE email = $1").bind(email).fetch_optional(conn).await?;
    Ok(row.map(|(id,)| id))
}

/// Whether a user has this id.
pub async fn user_exists(conn: &mut AnyConnection, id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM users WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.is_some())
}
