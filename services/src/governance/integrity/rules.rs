//! Each rule of the integrity check, run on one company's database: its records read in one
//! snapshot, then judged (the judgement that is more than a comparison lives in the domain).

use std::collections::HashMap;

use domain::governance::integrity::missions::{Step, mission};
use domain::governance::integrity::numbering::Numbering;
use domain::governance::integrity::time_entries::{Sealed, changed};
use domain::governance::integrity::{Figure, Rule, RuleOutcome, Violation};
use sha2::{Digest, Sha256};

use super::repo;
use crate::control::TenantRecord;
use crate::db::Db;
use crate::{AppResult, AppState};

/// Issued documents (with their PDFs) and missions read per page.
const PDF_PAGE: i64 = 100;
const MISSION_PAGE: i64 = 1000;

pub async fn check(rule: Rule, state: &AppState, tenant: &TenantRecord, db: &Db) -> AppResult<RuleOutcome> {
    let mut out = RuleOutcome::new(rule);
    match rule {
        Rule::StockLevels => stock_levels(db, &mut out).await?,
        Rule::StockLots => stock_lots(db, &mut out).await?,
        Rule::InvoiceNumbers => invoice_numbers(db, &mut out).await?,
        Rule::InvoicePdfs => invoice_pdfs(db, &mut out).await?,
        Rule::Ledger => ledger(db, &mut out).await?,
        Rule::AuditLog => audit_log(state, tenant, &mut out).await?,
        Rule::Missions => missions(db, &mut out).await?,
        Rule::TimeEntries => time_entries(db, &mut out).await?,
    }
    Ok(out)
}

async fn stock_levels(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    let mut tx = db.begin_snapshot().await?;
    out.checked = repo::count(&mut *tx, "stock_levels").await?;
    let off = repo::levels_off(&mut *tx).await?;
    let missing = repo::levels_missing(&mut *tx).await?;
    tx.commit().await?;
    for l in off {
        let subject = format!("{} @ {}", l.article, l.site);
        if l.qty_milli < 0 || l.value_minor < 0 {
            out.add(Violation::new("level-negative", &subject, Figure::Quantity(0), Figure::Quantity(l.qty_milli)));
        }
        if l.qty_milli != l.moved_qty {
            let (expected, found) = (Figure::Quantity(l.moved_qty), Figure::Quantity(l.qty_milli));
            out.add(Violation::new("level-quantity", &subject, expected, found));
        }
        if l.value_minor != l.moved_value {
            let (expected, found) = (Figure::Amount(l.moved_value), Figure::Amount(l.value_minor));
            out.add(Violation::new("level-value", &subject, expected, found));
        }
    }
    for l in missing {
        let subject = format!("{} @ {}", l.article, l.site);
        out.add(Violation::new("level-missing", subject, Figure::Quantity(l.moved_qty), Figure::Missing));
    }
    Ok(())
}

async fn stock_lots(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    let mut tx = db.begin_snapshot().await?;
    out.checked = repo::count(&mut *tx, "lots").await?;
    let off = repo::lots_off(&mut *tx).await?;
    tx.commit().await?;
    for l in off {
        let lot = l.lot_number.unwrap_or_else(|| l.id.chars().take(8).collect());
        let subject = format!("{lot} ({} @ {})", l.article, l.site);
        if l.remaining_milli < 0 {
            out.add(Violation::new("lot-negative", &subject, Figure::Quantity(0), Figure::Quantity(l.remaining_milli)));
        }
        if l.remaining_milli != l.moved_qty {
            let (expected, found) = (Figure::Quantity(l.moved_qty), Figure::Quantity(l.remaining_milli));
            out.add(Violation::new("lot-remaining", subject, expected, found));
        }
    }
    Ok(())
}

async fn invoice_numbers(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    // One snapshot: a document issued between reading the counters and the numbers would
    // otherwise look like a gap or a counter behind.
    let mut tx = db.begin_snapshot().await?;
    let counters = repo::counters(&mut *tx).await?;
    let numbers = repo::numbers(&mut *tx).await?;
    tx.commit().await?;
    let mut walk = Numbering::new(counters.into_iter().map(|(series, year, last)| ((series, year), last)));
    for (series, year, sequence, number) in &numbers {
        walk.document(series, *year, *sequence, number, out);
    }
    walk.finish(out);
    Ok(())
}

async fn invoice_pdfs(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    let mut after = String::new();
    loop {
        let rows = repo::pdfs(db.pool(), &after, PDF_PAGE).await?;
        let Some(last) = rows.last() else { return Ok(()) };
        after = last.id.clone();
        for row in rows {
            out.checked += 1;
            let issued = row.pdf_sha256.clone().map_or(Figure::Missing, Figure::Text);
            let Some(pdf) = &row.pdf else {
                out.add(Violation::new("pdf-missing", &row.number, issued, Figure::Missing));
                continue;
            };
            let hash = hex::encode(Sha256::digest(pdf));
            if row.pdf_sha256.as_deref() != Some(hash.as_str()) {
                out.add(Violation::new("pdf-hash", &row.number, issued.clone(), Figure::Text(hash.clone())));
            }
            let chained = row.chained.as_deref().and_then(|fields| {
                let fields: serde_json::Value = serde_json::from_str(fields).ok()?;
                fields.get("pdf_sha256")?.as_str().map(str::to_owned)
            });
            match chained {
                None => out.add(Violation::new("pdf-not-chained", &row.number, Figure::Text(hash), Figure::Missing)),
                Some(chained) if chained != hash => out.add(Violation::new(
                    "pdf-chained-differs",
                    &row.number,
                    Figure::Text(chained),
                    Figure::Text(hash),
                )),
                Some(_) => {}
            }
        }
    }
}

async fn ledger(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    use domain::invoicing::ledger::{Break, GENESIS};
    // Read before the chain: entries appended while it is followed only take it past the head.
    let head = repo::ledger_head(db.pool()).await?.unwrap_or((0, GENESIS.to_owned()));
    let broken = match crate::invoicing::ledger::verify(db).await? {
        Err(broken) => Some(broken),
        Ok((seq, _)) if seq < head.0 => Some(Break::Truncated { reached: seq, head: head.0 }),
        Ok((seq, hash)) if seq == head.0 && hash != head.1 => {
            Some(Break::Unlinked { seq, expected_previous: head.1.clone() })
        }
        Ok(_) => None,
    };
    out.checked = repo::count(db.pool(), "ledger_entries").await?;
    if let Some(broken) = broken {
        let (expected, found) = (Figure::Missing, Figure::Text(broken.code().to_owned()));
        out.add(Violation::new(&format!("chain-{}", broken.code()), broken.seq().to_string(), expected, found));
    }
    Ok(())
}

async fn audit_log(state: &AppState, tenant: &TenantRecord, out: &mut RuleOutcome) -> AppResult<()> {
    let zone = crate::clock::stored_zone(&tenant.timezone)?;
    let mut checked = crate::audit::chain::check(&state.control, &tenant.code, zone).await?;
    // An event recorded between the last page read and the head is no truncation: look again.
    if checked.broken.as_ref().is_some_and(|b| b.code == "truncated") {
        checked = crate::audit::chain::check(&state.control, &tenant.code, zone).await?;
    }
    out.checked = checked.entries;
    if let Some(broken) = checked.broken {
        let found = Figure::Text(broken.kind.unwrap_or_else(|| broken.code.clone()));
        out.add(Violation::new(&format!("chain-{}", broken.code), broken.seq.to_string(), Figure::Missing, found));
    }
    Ok(())
}

async fn missions(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    let mut after = 0;
    loop {
        let mut tx = db.begin_snapshot().await?;
        let page = repo::missions(&mut *tx, after, MISSION_PAGE).await?;
        let Some(through) = page.last().map(|(_, number, _)| *number) else {
            tx.commit().await?;
            break;
        };
        let mut steps: HashMap<String, Vec<Step>> = HashMap::new();
        for (mission, from, to) in repo::history(&mut *tx, after, through).await? {
            steps.entry(mission).or_default().push((from, to));
        }
        tx.commit().await?;
        for (id, number, state) in &page {
            mission(*number, state, steps.get(id).map_or(&[][..], Vec::as_slice), out);
        }
        after = through;
    }
    for (state, counted, recorded) in repo::state_counts_off(db.pool()).await? {
        let state = Figure::MissionState(state);
        out.add(Violation::new("mission-count", state, Figure::Count(counted), Figure::Count(recorded)));
    }
    Ok(())
}

async fn time_entries(db: &Db, out: &mut RuleOutcome) -> AppResult<()> {
    let mut tx = db.begin_snapshot().await?;
    out.checked = repo::count(&mut *tx, "time_entries WHERE status IN ('approved', 'invoiced')").await?;
    let off = repo::seals_off(&mut *tx).await?;
    tx.commit().await?;
    for row in off {
        let subject = Figure::TimeEntry { day: row.work_date.clone(), mission: row.mission };
        let approved = matches!(row.status.as_str(), "approved" | "invoiced");
        if !approved {
            let found = Figure::Fields(vec![format!("status-{}", row.status)]);
            out.add(Violation::new("time-unapproved", subject, Figure::Missing, found));
            continue;
        }
        let entry = Sealed {
            mission_id: row.mission_id,
            technician_id: row.technician_id,
            work_date: row.work_date,
            started_at: row.started_at,
            ended_at: row.ended_at,
            break_minutes: row.break_minutes,
            minutes: row.minutes,
            note: row.note,
            approved_by: row.approved_by,
            approved_at: row.approved_at,
        };
        if row.sealed == 0 {
            out.add(Violation::new("time-unsealed", subject, Figure::Missing, Figure::Count(entry.minutes)));
            continue;
        }
        let seal = Sealed {
            mission_id: row.s_mission_id.unwrap_or_default(),
            technician_id: row.s_technician_id.unwrap_or_default(),
            work_date: row.s_work_date.unwrap_or_default(),
            started_at: row.s_started_at,
            ended_at: row.s_ended_at,
            break_minutes: row.s_break_minutes.unwrap_or_default(),
            minutes: row.s_minutes.unwrap_or_default(),
            note: row.s_note,
            approved_by: row.s_approved_by,
            approved_at: row.s_approved_at,
        };
        let fields = changed(&entry, &seal).into_iter().map(str::to_owned).collect();
        out.add(Violation::new("time-changed", subject, Figure::Count(seal.minutes), Figure::Fields(fields)));
    }
    Ok(())
}
