//! A company's rows of the control database, as a backup holds them (JSON) and as a restore
//! puts them back: its registry row and settings, its members' accounts, single sign-on, API
//! tokens, invoices' verification ids, emergency mode and audit chain.

use std::collections::{BTreeMap, HashMap, HashSet};

use domain::audit::chain::AuditLink;
use domain::hash_chain::{GENESIS, follow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::AnyConnection;

use super::BackupError;
use crate::audit::{chain, repo as audit_repo};
use crate::control::repo::company_rows::{self as repo, JsonRow};
use crate::db::{Backend, Db};
use crate::secret_box::SecretKey;
use crate::tenancy::Location;

/// The control tables holding a company's rows, in the order they are put back: each after the
/// tables its rows refer to.
pub const TABLES: [&str; 11] = [
    "tenants",
    "tenant_security",
    "users",
    "totp_secrets",
    "recovery_codes",
    "memberships",
    "identity_providers",
    "sso_identities",
    "issued_documents",
    "api_tokens",
    "emergency_modes",
];

/// Audit events read at a time.
const AUDIT_PAGE: i64 = 1_000;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyRows {
    pub code: String,
    /// Table → rows.
    pub tables: BTreeMap<String, Vec<JsonRow>>,
    /// The company's audit chain, from its first event.
    pub audit: Vec<AuditLink>,
}

impl CompanyRows {
    /// Reads them in one snapshot, so that the rows and the chain are of the same moment.
    pub async fn read(control: &Db, code: &str) -> Result<Self, BackupError> {
        let mut tx = control.begin_snapshot().await?;
        let mut tables = BTreeMap::new();
        for table in TABLES {
            tables.insert(table.to_owned(), repo::company_rows(&mut *tx, table, code).await?);
        }
        let mut audit = Vec::new();
        loop {
            let after = audit.last().map_or(0, |l: &AuditLink| l.seq);
            let page = audit_repo::links(&mut *tx, code, after, AUDIT_PAGE).await?;
            if page.is_empty() {
                break;
            }
            for row in page {
                audit.push(chain::link_of(row)?.1);
            }
        }
        tx.rollback().await?;
        Ok(Self { code: code.to_owned(), tables, audit })
    }

    /// Puts them back in a database where the company is not registered: its registry row
    /// pointing at `location`, its members' accounts unless an account with the same e-mail
    /// exists (then the company's rows name that one), and its audit chain as it was. Refused
    /// if anything names another company, a column this version does not have, a sealed secret
    /// that does not open with this installation's key, or a chain that does not hold.
    pub async fn put_back(
        &self,
        conn: &mut AnyConnection,
        backend: Backend,
        key: &SecretKey,
        location: &Location,
    ) -> Result<Summary, BackupError> {
        if let Some(unknown) = self.tables.keys().find(|t| !TABLES.contains(&t.as_str())) {
            return Err(refused(format!("the rows name a table that is not a company's: {unknown}")));
        }
        let mut put = PutBack { code: &self.code, key, accounts: HashMap::new(), created: HashSet::new() };
        let mut summary = Summary::default();
        for table in TABLES {
            let rows = self.tables.get(table).map(Vec::as_slice).unwrap_or_default();
            let columns = repo::columns(conn, backend, table).await?;
            for row in rows {
                if let Some(unknown) = row.keys().find(|c| !columns.contains(c)) {
                    return Err(refused(format!(
                        "{table}.{unknown}: no such column here (the backup was made by a newer Atelier)"
                    )));
                }
                let Some(row) = put.prepare(conn, table, row, location).await? else { continue };
                repo::insert(conn, backend, table, &row).await?;
                summary.rows += 1;
            }
        }
        summary.accounts_created = put.created.len();
        summary.accounts_shared = put.accounts.len() - put.created.len();
        self.put_back_audit(conn).await?;
        summary.audit_events = self.audit.len();
        Ok(summary)
    }

    async fn put_back_audit(&self, conn: &mut AnyConnection) -> Result<(), BackupError> {
        if let Some(stray) = self.audit.iter().find(|l| l.chain != self.code || l.tenant.as_deref() != Some(&self.code))
        {
            return Err(refused(format!("audit event {} belongs to another chain ({})", stray.seq, stray.chain)));
        }
        follow((0, GENESIS.to_owned()), &self.audit).map_err(|b| refused(format!("the audit chain: {b}")))?;
        let head = audit_repo::hold_head(conn, &self.code).await?;
        if head.0 != 0 {
            return Err(refused(format!(
                "this installation already holds {} audit events of {}: a chain is put back only where it is empty",
                head.0, self.code
            )));
        }
        for link in &self.audit {
            audit_repo::insert_link(conn, link).await?;
        }
        Ok(())
    }
}

/// What putting back wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub rows: usize,
    pub accounts_created: usize,
    /// Members who already had an account here (same e-mail), kept as it is.
    pub accounts_shared: usize,
    pub audit_events: usize,
}

struct PutBack<'a> {
    code: &'a str,
    key: &'a SecretKey,
    /// A backed-up account's id → the id of the account here.
    accounts: HashMap<String, String>,
    /// The accounts created by this restore.
    created: HashSet<String>,
}

impl PutBack<'_> {
    /// The row as it goes in, or `None` when it stays out (an account that exists here, and
    /// its second factor).
    async fn prepare(
        &mut self,
        conn: &mut AnyConnection,
        table: &str,
        row: &JsonRow,
        location: &Location,
    ) -> Result<Option<JsonRow>, BackupError> {
        let mut row = row.clone();
        let owner = match table {
            "tenants" => "code",
            "emergency_modes" => "scope",
            "users" | "totp_secrets" | "recovery_codes" => "",
            _ => "tenant_code",
        };
        if !owner.is_empty() && text(&row, owner)? != self.code {
            return Err(refused(format!("a row of {table} belongs to another company")));
        }
        match table {
            "tenants" => {
                row.insert("db_backend".into(), location.backend.as_str().into());
                row.insert("db_location".into(), location.location.clone().into());
            }
            "users" => return self.account(conn, row).await,
            "totp_secrets" | "recovery_codes" => {
                let user = text(&row, "user_id")?;
                if !self.created.contains(&user) {
                    return Ok(None);
                }
                if table == "totp_secrets" {
                    self.opens(&user, &text(&row, "secret_sealed")?, "a second-factor secret")?;
                }
            }
            "identity_providers" => {
                self.opens(&text(&row, "id")?, &text(&row, "client_secret_sealed")?, "an identity provider's secret")?
            }
            "memberships" | "sso_identities" => self.rename(&mut row, "user_id")?,
            "api_tokens" => {
                self.rename(&mut row, "created_by")?;
                if row.get("revoked_by").is_some_and(|v| !v.is_null()) {
                    self.rename(&mut row, "revoked_by")?;
                }
            }
            _ => {}
        }
        Ok(Some(row))
    }

    /// A member's account: the one here with the same e-mail, or this one created.
    async fn account(&mut self, conn: &mut AnyConnection, row: JsonRow) -> Result<Option<JsonRow>, BackupError> {
        let id = text(&row, "id")?;
        let email = text(&row, "email")?;
        if let Some(here) = repo::user_id_by_email(conn, &email).await? {
            self.accounts.insert(id, here);
            return Ok(None);
        }
        if repo::user_exists(conn, &id).await? {
            return Err(refused(format!("the account {id} exists here with another e-mail than {email}")));
        }
        self.accounts.insert(id.clone(), id.clone());
        self.created.insert(id);
        Ok(Some(row))
    }

    fn rename(&self, row: &mut JsonRow, column: &str) -> Result<(), BackupError> {
        let id = text(row, column)?;
        let here =
            self.accounts.get(&id).ok_or_else(|| refused(format!("{column} {id} names no backed-up account")))?;
        row.insert(column.to_owned(), here.clone().into());
        Ok(())
    }

    fn opens(&self, owner: &str, sealed: &str, what: &str) -> Result<(), BackupError> {
        self.key.open(owner, sealed).map(drop).map_err(|_| {
            refused(format!(
                "{what} of {} does not open with this installation's ATELIER_SECRET_KEY: restore with the key of \
                 the installation that made the backup",
                self.code
            ))
        })
    }
}

fn text(row: &JsonRow, column: &str) -> Result<String, BackupError> {
    match row.get(column) {
        Some(Value::String(text)) => Ok(text.clone()),
        _ => Err(refused(format!("a row without its {column}"))),
    }
}

fn refused(why: String) -> BackupError {
    BackupError::Refused(why)
}
