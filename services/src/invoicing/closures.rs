//! Closing periods of the ledger: on demand (`atelier close`, the closures page) or by the
//! server's scheduler, a day, a month or a fiscal year once over. The closure is itself a
//! ledger entry: the period's sums, the perpetual grand totals, the last entry it covers. From
//! then on the database refuses any entry dated in the period. Drafts still dated in it are
//! named: they will need a later date to be issued.

mod repo;

use chrono::NaiveDate;
use domain::Permission;
use domain::invoicing::ledger::closure::{self, ClosureFields, Period, PeriodKind, Sums};
use domain::invoicing::ledger::views::{CLOSURES_SHOWN, ClosureRow, LedgerView, StaleDraft};
use domain::invoicing::ledger::{Entry, EntryKind};

use super::drafts::day;
use super::ledger;
use crate::db::Db;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

/// A closure made: its entry, and the drafts still dated in the period.
#[derive(Clone, Debug)]
pub struct Closed {
    pub entry: Entry,
    pub fields: ClosureFields,
    pub drafts: Vec<DraftInPeriod>,
}

#[derive(Clone, Debug)]
pub struct DraftInPeriod {
    pub id: String,
    pub issue_date: NaiveDate,
    pub customer: String,
}

/// Closes `period` for the signed-in user.
pub async fn close(scope: &TenantScope, period: Period, now_ms: i64) -> AppResult<Closed> {
    scope.require(Permission::LedgerClose)?;
    close_in(&scope.db, period, scope.today(now_ms)?, now_ms).await
}

/// Closes `period` of the company whose database is `db`, `today` being its calendar day.
pub async fn close_in(db: &Db, period: Period, today: NaiveDate, now_ms: i64) -> AppResult<Closed> {
    let last = last_of_kind(db, period.kind).await?;
    let first = first_entry_date(db).await?;
    closure::check(period, today, last.as_ref().map(|(p, _)| *p), first).map_err(|refusal| match refusal {
        closure::ClosureRefusal::OutOfOrder { expected } => AppError::ClosureOutOfOrder { expected },
        other => AppError::Conflict(other.code()),
    })?;
    let drafts = repo::drafts_dated(db.pool(), &period.start.to_string(), &period.end.to_string()).await?;

    let mut tx = db.begin_write().await?;
    let head = ledger::hold(&mut tx).await?;
    // Another server (or `atelier close`) may have closed it since it was read.
    if repo::closed(&mut *tx, &period.entity()).await? {
        return Err(AppError::Conflict("period-already-closed"));
    }
    let mut sums = Sums::default();
    for row in repo::entries_dated(&mut *tx, &period.start.to_string(), &period.end.to_string()).await? {
        sums.add(&ledger::entry(row)?);
    }
    let perpetual = last.map(|(_, fields)| fields.perpetual).unwrap_or_default().plus(&sums);
    let fields = ClosureFields {
        period: period.label(),
        kind: period.kind,
        start: period.start,
        end: period.end,
        sums,
        perpetual,
        through_seq: head.0,
        through_hash: head.1,
    };
    let entity = period.entity();
    let record = ledger::Record {
        kind: EntryKind::Closure,
        entity: &entity,
        entity_id: &entity,
        date: period.end,
        fields: fields.to_value(),
    };
    let entry = match ledger::append(&mut tx, record, now_ms).await {
        Err(AppError::Database(e)) if crate::db::is_unique_violation(&e) => {
            return Err(AppError::Conflict("period-already-closed"));
        }
        other => other?,
    };
    repo::close_through(&mut *tx, &period.end.to_string()).await?;
    tx.commit().await?;
    let drafts = drafts
        .into_iter()
        .map(|d| {
            Ok(DraftInPeriod { issue_date: day("invoices.issue_date", &d.issue_date)?, id: d.id, customer: d.customer })
        })
        .collect::<AppResult<_>>()?;
    Ok(Closed { entry, fields, drafts })
}

/// Closes every period due `today`, oldest first, each kind in turn; returns what it closed.
/// Several servers may run it at once: a period closed by another in between is skipped.
pub async fn close_due(db: &Db, today: NaiveDate, now_ms: i64) -> AppResult<Vec<Closed>> {
    let mut closed = Vec::new();
    let first = first_entry_date(db).await?;
    for kind in PeriodKind::ALL {
        loop {
            let last = last_of_kind(db, kind).await?.map(|(p, _)| p);
            let Some(period) = closure::next_due(kind, today, last, first) else { break };
            match close_in(db, period, today, now_ms).await {
                Ok(done) => closed.push(done),
                Err(AppError::Conflict("period-already-closed")) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(closed)
}

/// For the operator (`atelier close`, the scheduler): closes `period` of company `code`, or
/// with None every period due, at the company's today.
pub async fn close_tenant(
    state: &crate::AppState,
    code: &domain::TenantCode,
    period: Option<Period>,
    now_ms: i64,
) -> AppResult<Vec<Closed>> {
    let tenant = crate::control::tenant(state, code.as_str()).await?.ok_or(AppError::NotFound)?;
    let today = crate::clock::local_day(crate::clock::stored_zone(&tenant.timezone)?, now_ms)?;
    let db = state.tenants.get(&tenant).await?;
    match period {
        Some(period) => Ok(vec![close_in(&db, period, today, now_ms).await?]),
        None => close_due(&db, today, now_ms).await,
    }
}

/// The ledger page: head, newest closures, drafts dated in closed periods, years, accounts.
pub async fn page(scope: &TenantScope, now_ms: i64) -> AppResult<LedgerView> {
    scope.require(Permission::LedgerRead)?;
    let pool = scope.db.pool();
    let today = scope.today(now_ms)?;
    let head = repo::head(pool).await?;
    let closed_through = head.2.as_deref().map(|d| day("ledger_head.closed_through", d)).transpose()?;
    let (mut periods, mut days) = (Vec::new(), Vec::new());
    let newest = [(false, &mut periods), (true, &mut days)];
    for (daily, rows) in newest {
        for (entry, f) in list_some(scope, Some(daily), CLOSURES_SHOWN).await? {
            rows.push(row(entry, f));
        }
    }
    let stale_drafts = match &head.2 {
        Some(through) => repo::drafts_dated(pool, "2000-01-01", through)
            .await?
            .into_iter()
            .map(|d| {
                Ok(StaleDraft {
                    issue_date: day("invoices.issue_date", &d.issue_date)?,
                    id: d.id,
                    customer: d.customer,
                })
            })
            .collect::<AppResult<_>>()?,
        None => Vec::new(),
    };
    let mut years = repo::years(pool).await?;
    let this_year = chrono::Datelike::year(&today);
    if !years.contains(&this_year) {
        years.insert(0, this_year);
    }
    Ok(LedgerView {
        head_seq: head.0,
        head_hash: head.1,
        closed_through,
        periods,
        days,
        days_total: repo::daily_closures(pool).await?,
        stale_drafts,
        years,
        currency: scope.currency()?,
        fec: scope.country()? == domain::Country::France,
        accounts: super::accounting::accounts(scope).await?.form(),
        can_close: scope.allows(Permission::LedgerClose),
        can_edit_accounts: scope.allows(Permission::AccountingManage),
        today,
    })
}

fn row(entry: Entry, f: ClosureFields) -> ClosureRow {
    ClosureRow {
        seq: entry.seq,
        hash: entry.hash,
        kind: f.kind,
        period: f.period,
        start: f.start,
        end: f.end,
        documents: f.sums.invoices.count + f.sums.credit_notes.count,
        turnover_minor: f.sums.turnover(),
        payments_minor: f.sums.payments.amount,
        perpetual_turnover_minor: f.perpetual.turnover(),
    }
}

/// Every closure, newest first.
pub async fn list(scope: &TenantScope) -> AppResult<Vec<(Entry, ClosureFields)>> {
    list_some(scope, None, i64::MAX).await
}

/// The newest `limit` closures: of days only, of months and years only, or all (None).
async fn list_some(scope: &TenantScope, daily: Option<bool>, limit: i64) -> AppResult<Vec<(Entry, ClosureFields)>> {
    scope.require(Permission::LedgerRead)?;
    let mut out = Vec::new();
    for row in repo::closures(scope.db.pool(), daily, limit).await? {
        let entry = ledger::entry(row)?;
        let fields =
            ClosureFields::of(&entry).ok_or_else(|| AppError::corrupt("ledger_entries.fields", &entry.entity))?;
        out.push((entry, fields));
    }
    Ok(out)
}

async fn last_of_kind(db: &Db, kind: PeriodKind) -> AppResult<Option<(Period, ClosureFields)>> {
    let Some(row) = repo::last_closure(db.pool(), kind.as_str()).await? else { return Ok(None) };
    let entry = ledger::entry(row)?;
    let period =
        Period::of_entity(&entry.entity).ok_or_else(|| AppError::corrupt("ledger_entries.entity", &entry.entity))?;
    let fields = ClosureFields::of(&entry).ok_or_else(|| AppError::corrupt("ledger_entries.fields", &entry.entity))?;
    Ok(Some((period, fields)))
}

async fn first_entry_date(db: &Db) -> AppResult<Option<NaiveDate>> {
    repo::first_entry_date(db.pool()).await?.as_deref().map(|d| day("ledger_entries.entry_date", d)).transpose()
}
