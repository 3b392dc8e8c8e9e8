//! The audit log's hash chains (control migration 0010): each event is appended as the next
//! link of its company's chain (or the platform's), in the transaction that records it; a
//! chain is checked by following it from the first event and comparing the end with its head.

use domain::audit::chain::{AuditFields, AuditLink, ChainBreak, ChainCheck};
use domain::hash_chain::{Break, GENESIS, follow};

use super::repo::{self, LinkRow};
use crate::db::Db;
use crate::{AppError, AppResult};

/// Events read per query when following or exporting a chain.
const PAGE: i64 = 1000;

/// Appends the event to its chain, in the caller's transaction.
pub(super) async fn append(conn: &mut sqlx::AnyConnection, fields: AuditFields) -> AppResult<AuditLink> {
    let chain = domain::audit::chain::chain_of(fields.tenant.as_deref()).to_owned();
    let (seq, hash) = repo::hold_head(&mut *conn, &chain).await?;
    let link = AuditLink::next((seq, &hash), fields);
    repo::insert_link(conn, &link).await?;
    Ok(link)
}

/// Gives every event written before the chains existed its place, oldest first (at start-up,
/// after the migrations; nothing to do afterwards). Returns how many were chained.
pub async fn adopt_unchained(db: &Db) -> AppResult<u64> {
    let mut adopted = 0;
    loop {
        let rows = repo::unchained(db.pool(), PAGE).await?;
        if rows.is_empty() {
            return Ok(adopted);
        }
        let mut tx = db.begin_write().await?;
        for row in rows {
            let id = row.id;
            let fields = fields_of(row);
            let chain = domain::audit::chain::chain_of(fields.tenant.as_deref()).to_owned();
            let (seq, hash) = repo::hold_head(&mut tx, &chain).await?;
            let link = AuditLink::next((seq, &hash), fields);
            // Another process starting at the same time may have chained it first.
            adopted += u64::from(repo::chain_in(&mut tx, id, &link).await?);
        }
        tx.commit().await?;
    }
}

fn fields_of(row: LinkRow) -> AuditFields {
    AuditFields {
        at_ms: row.at_ms,
        kind: row.kind,
        tenant: row.tenant_code,
        user_id: row.user_id,
        subject: row.subject,
        detail: row.detail,
        client_ip: row.client_ip,
        user_agent: row.user_agent,
        request_id: row.request_id,
    }
}

/// The stored event in the chain's form (its id apart).
pub fn link_of(row: LinkRow) -> AppResult<(i64, AuditLink)> {
    let missing = |what: &str| AppError::corrupt(format!("audit_events.{what}"), row.id);
    let link = AuditLink {
        chain: row.chain.clone().ok_or_else(|| missing("chain"))?,
        seq: row.seq.ok_or_else(|| missing("seq"))?,
        previous: row.previous_hash.clone().ok_or_else(|| missing("previous_hash"))?,
        hash: row.hash.clone().ok_or_else(|| missing("hash"))?,
        at_ms: row.at_ms,
        kind: row.kind,
        tenant: present(row.tenant_code),
        user_id: present(row.user_id),
        subject: present(row.subject),
        detail: present(row.detail),
        client_ip: present(row.client_ip),
        user_agent: present(row.user_agent),
        request_id: present(row.request_id),
    };
    Ok((row.id, link))
}

/// An event written before the chains kept an empty text; its link holds none.
fn present(text: Option<String>) -> Option<String> {
    text.filter(|s| !s.is_empty())
}

/// Up to `limit` events of `chain` after seq `after`, with their ids.
pub async fn page(db: &Db, chain: &str, after: i64, limit: i64) -> AppResult<Vec<(i64, AuditLink)>> {
    repo::links(db.pool(), chain, after, limit).await?.into_iter().map(link_of).collect()
}

/// Follows `chain` from its first event to its last, then compares the end with the head the
/// database recorded: how far it holds, and the first break with the event found there.
pub async fn check(db: &Db, chain: &str, zone: chrono_tz::Tz) -> AppResult<ChainCheck> {
    let mut at = (0, GENESIS.to_owned());
    let broken = 'pages: loop {
        let rows = page(db, chain, at.0, PAGE).await?;
        if rows.is_empty() {
            break None;
        }
        for found in &rows {
            match follow(at.clone(), std::iter::once(&found.1)) {
                Ok(reached) => at = reached,
                Err(broken) => break 'pages Some(break_view(&broken, Some(found), zone)),
            }
        }
    };
    let broken = match broken {
        Some(broken) => Some(broken),
        None => end_against_head(db, chain, &at, zone).await?,
    };
    Ok(ChainCheck { chain: chain.to_owned(), entries: at.0, head: at.1, broken })
}

/// The last events may have been removed with the triggers out of the way: the head the
/// database recorded says where the chain should end.
async fn end_against_head(
    db: &Db,
    chain: &str,
    at: &(i64, String),
    zone: chrono_tz::Tz,
) -> AppResult<Option<ChainBreak>> {
    let head = repo::head(db.pool(), chain).await?.unwrap_or((0, GENESIS.to_owned()));
    if head == *at {
        return Ok(None);
    }
    let broken = if head.0 > at.0 {
        Break::Truncated { reached: at.0, head: head.0 }
    } else {
        Break::Unlinked { seq: at.0, expected_previous: head.1 }
    };
    Ok(Some(break_view(&broken, None, zone)))
}

fn break_view(broken: &Break, found: Option<&(i64, AuditLink)>, zone: chrono_tz::Tz) -> ChainBreak {
    ChainBreak {
        code: broken.code().to_owned(),
        seq: broken.seq(),
        explanation: broken.to_string(),
        event_id: found.map(|(id, _)| *id),
        at_local_ms: found.map(|(_, l)| crate::clock::to_local_ms(zone, l.at_ms)),
        kind: found.map(|(_, l)| l.kind.clone()),
    }
}

/// Every chain recorded: the platform's (`*`) and each company's that has an event.
pub async fn chains(db: &Db) -> AppResult<Vec<String>> {
    Ok(repo::chains(db.pool()).await?)
}
