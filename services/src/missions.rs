//! Missions: created planned or as emergencies, listed with filters and keyset paging, shown
//! with their timeline, moved through their states (`transitions`). Technicians see the
//! missions they are on, and the published ones that name nobody (which any may accept).

pub mod invoicing;
pub mod parts;
pub mod planning;
mod repo;
pub mod transitions;
pub mod volume;

use std::collections::HashMap;

use domain::events::NewEvent;
use domain::mission::commands::{Caller, MissionChanges, NewMission};
use domain::mission::state::{self, MissionState, Priority, Standing};
use domain::mission::views::{
    Emergency, MissionChoices, MissionDetails, MissionLine, MissionListing, MissionQuery, Offer, PAGE_SIZE, Person,
    Step, reference,
};
use domain::party::PostalAddress;
use domain::{Flag, Permission};
use uuid::Uuid;

use crate::members::roster;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, AppState, governance, timesheets};

/// Customers a form's list offers (more are reached from the customer's own page).
const CUSTOMER_CHOICES: i64 = 500;
/// The most emergencies the home page lists.
const EMERGENCIES_SHOWN: i64 = 20;

/// Refuses any write while the company has turned missions off (reading still works).
pub(crate) async fn require_writable(scope: &TenantScope) -> AppResult<()> {
    governance::flags::require(scope, Flag::Missions).await
}

/// Creates a mission: an emergency is published at once, a planned one starts new. Returns
/// its id.
pub async fn create(state: &AppState, scope: &TenantScope, new: &NewMission, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::MissionsManage)?;
    require_writable(scope).await?;
    if let Some(technician) = &new.technician
        && !roster(state, scope).await?.is_technician(technician)
    {
        return Err(AppError::field("technician", "not-a-technician"));
    }
    let mut tx = scope.db.begin_write().await?;
    let customer =
        repo::customer(&mut *tx, &new.customer).await?.ok_or(AppError::field("customer", "unknown-customer"))?;
    if !repo::site_exists(&mut *tx, &new.site).await? {
        return Err(AppError::field("site", "unknown-site"));
    }
    let address = new.address.clone().unwrap_or_else(|| where_to_go(&customer));
    let state = if new.priority == Priority::Emergency { MissionState::Published } else { MissionState::New };
    let id = Uuid::new_v4().to_string();
    let number = repo::next_number(&mut tx).await?;
    let search_text = search_text(number, &new.title, &customer.legal_name, &address.city);
    let row = repo::NewRow {
        id: &id,
        number,
        customer_id: &new.customer,
        site_id: &new.site,
        title: &new.title,
        description: new.description.as_deref(),
        street: &address.street,
        street2: address.street2.as_deref(),
        postcode: &address.postcode,
        city: &address.city,
        priority: new.priority.as_str(),
        planned_start: new.planned_start,
        planned_minutes: new.planned_minutes.map(i64::from),
        customer_reference: new.customer_reference.as_deref(),
        hourly_rate_minor: new.hourly_rate_minor,
        caller_name: new.caller.as_ref().map(|c| c.name.as_str()),
        caller_phone: new.caller.as_ref().and_then(|c| c.phone.as_deref()),
        state: state.as_str(),
        search_text: &search_text,
        created_by: &scope.user.id,
        now: now_ms,
    };
    repo::insert(&mut *tx, &row).await?;
    repo::record(&mut *tx, &id, None, state.as_str(), None, &scope.user.id, now_ms).await?;
    if let Some(technician) = &new.technician {
        repo::add_technician(&mut *tx, &id, technician, now_ms).await?;
    }
    if let Some(kind) = new.priority.created_event() {
        let event = NewEvent::mission(kind, &id, number, &new.title);
        crate::events::record(&mut tx, Some(&scope.user.id), &event, now_ms).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Changes what a mission is, where, when and on which terms, until it is done. An empty
/// address goes back to the customer's.
pub async fn update(scope: &TenantScope, id: &str, changes: &MissionChanges, now_ms: i64) -> AppResult<()> {
    scope.require(Permission::MissionsManage)?;
    require_writable(scope).await?;
    let mut tx = scope.db.begin_write().await?;
    let row = repo::get(&mut *tx, id).await?.ok_or(AppError::NotFound)?;
    if !stored_state(&row.state)?.editable() {
        return Err(AppError::Conflict("mission-closed"));
    }
    let customer = repo::customer(&mut *tx, &row.customer_id).await?.ok_or(AppError::NotFound)?;
    let address = changes.address.clone().unwrap_or_else(|| where_to_go(&customer));
    let priority =
        stored_priority(&row.priority)?.edited(changes.priority).map_err(|code| AppError::field("priority", code))?;
    let search_text = search_text(row.number, &changes.title, &customer.legal_name, &address.city);
    let written = repo::Changes {
        title: &changes.title,
        description: changes.description.as_deref(),
        address: &address,
        priority: priority.as_str(),
        planned_start: changes.planned_start,
        planned_minutes: changes.planned_minutes.map(i64::from),
        customer_reference: changes.customer_reference.as_deref(),
        hourly_rate_minor: changes.hourly_rate_minor,
        search_text: &search_text,
        now: now_ms,
    };
    if !repo::update(&mut *tx, id, &row.state, &written).await? {
        return Err(AppError::Conflict("mission-closed"));
    }
    tx.commit().await?;
    Ok(())
}

/// What the list's search looks in: reference, title, customer, city.
pub(crate) fn search_text(number: i64, title: &str, customer: &str, city: &str) -> String {
    [reference(number).as_str(), title, customer, city].join(" ").to_lowercase()
}

/// Where a technician goes for a customer: its delivery address, else its address.
fn where_to_go(c: &repo::AddressRow) -> PostalAddress {
    match (&c.delivery_street, &c.delivery_postcode, &c.delivery_city) {
        (Some(street), Some(postcode), Some(city)) => PostalAddress {
            street: street.clone(),
            street2: c.delivery_street2.clone(),
            postcode: postcode.clone(),
            city: city.clone(),
        },
        _ => PostalAddress {
            street: c.street.clone(),
            street2: c.street2.clone(),
            postcode: c.postcode.clone(),
            city: c.city.clone(),
        },
    }
}

/// Who a list or a page is for: everything, or a technician's own.
fn viewer(scope: &TenantScope) -> AppResult<Option<&str>> {
    if scope.allows(Permission::MissionsRead) {
        Ok(None)
    } else if scope.allows(Permission::MissionsWork) {
        Ok(Some(&scope.user.id))
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn list(state: &AppState, scope: &TenantScope, query: &MissionQuery) -> AppResult<MissionListing> {
    let visible_to = viewer(scope)?;
    let day_start = |d: Option<domain::NaiveDate>| {
        d.map(|d| crate::clock::day_start_utc_ms(scope.zone, &domain::format::iso_day(d)))
            .map(|ms| ms.ok_or_else(|| AppError::Internal("day out of range".into())))
            .transpose()
    };
    let filter = repo::Filter {
        text: query.text.as_deref(),
        state: query.state.map(MissionState::as_str),
        technician: query.technician.as_deref(),
        customer: query.customer.as_deref(),
        from: day_start(query.from)?,
        to: day_start(query.to.and_then(|d| d.succ_opt()))?,
        after: query.after,
        visible_to,
    };
    let mut rows = repo::page(scope.db.pool(), &filter, PAGE_SIZE + 1).await?;
    let next = (rows.len() as i64 > PAGE_SIZE).then(|| {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| r.number)
    });
    let roster = roster(state, scope).await?;
    let technicians = technicians_by_mission(scope, &rows).await?;
    let lines = rows
        .into_iter()
        .map(|row| {
            let names =
                technicians.get(&row.id).map(|ids| ids.iter().map(|t| roster.name(t)).collect()).unwrap_or_default();
            line_of(scope, row, names)
        })
        .collect::<AppResult<_>>()?;
    Ok(MissionListing {
        lines,
        next: next.flatten(),
        can_create: scope.allows(Permission::MissionsManage),
        technicians: if visible_to.is_none() { roster.technicians } else { Vec::new() },
    })
}

async fn technicians_by_mission(
    scope: &TenantScope,
    rows: &[repo::MissionRow],
) -> AppResult<HashMap<String, Vec<String>>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut by_mission: HashMap<String, Vec<String>> = HashMap::new();
    for (mission, user) in repo::technicians_of(scope.db.pool(), &ids).await? {
        by_mission.entry(mission).or_default().push(user);
    }
    Ok(by_mission)
}

fn line_of(scope: &TenantScope, row: repo::MissionRow, technicians: Vec<String>) -> AppResult<MissionLine> {
    Ok(MissionLine {
        reference: reference(row.number),
        state: stored_state(&row.state)?,
        priority: stored_priority(&row.priority)?,
        planned_local_ms: row.planned_start.map(|t| scope.local_ms(t)),
        id: row.id,
        title: row.title,
        customer: row.customer_name,
        city: row.city,
        technicians,
    })
}

fn stored_state(raw: &str) -> AppResult<MissionState> {
    MissionState::parse(raw).map_err(|_| AppError::corrupt("missions.state", raw))
}

fn stored_priority(raw: &str) -> AppResult<Priority> {
    Priority::parse(raw).map_err(|_| AppError::corrupt("missions.priority", raw))
}

/// A mission as its reader may see it: a technician sees theirs and the open published ones;
/// anything else, like another company's id, is not found.
pub(crate) async fn visible(scope: &TenantScope, id: &str) -> AppResult<(repo::MissionRow, Vec<String>)> {
    let visible_to = viewer(scope)?;
    let row = repo::get(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    let technicians: Vec<String> = repo::technicians_of(scope.db.pool(), std::slice::from_ref(&row.id))
        .await?
        .into_iter()
        .map(|(_, u)| u)
        .collect();
    let open = row.state == MissionState::Published.as_str() && technicians.is_empty();
    match visible_to {
        Some(user) if !open && !technicians.iter().any(|t| t == user) => Err(AppError::NotFound),
        _ => Ok((row, technicians)),
    }
}

pub async fn details(state: &AppState, scope: &TenantScope, id: &str, now_ms: i64) -> AppResult<MissionDetails> {
    let (row, technician_ids) = visible(scope, id).await?;
    let roster = roster(state, scope).await?;
    let mission_state = stored_state(&row.state)?;
    let priority = stored_priority(&row.priority)?;
    let standing = Standing {
        permissions: &scope.permissions,
        assignee: technician_ids.contains(&scope.user.id),
        open: technician_ids.is_empty(),
    };
    let offers = state::actions(mission_state, &standing)
        .into_iter()
        .filter_map(|a| state::transition(a, mission_state).map(|t| Offer { action: a, note: t.note }))
        .collect();
    let timeline = repo::history(scope.db.pool(), &row.id)
        .await?
        .into_iter()
        .map(|s| {
            Ok(Step {
                from: s.from_state.as_deref().map(stored_state).transpose()?,
                to: stored_state(&s.to_state)?,
                note: s.note,
                actor: roster.name(&s.actor_id),
                at_local_ms: scope.local_ms(s.at_ms),
            })
        })
        .collect::<AppResult<_>>()?;
    let can_assign = scope.allows(Permission::MissionsManage) && mission_state.editable();
    let technicians: Vec<Person> =
        technician_ids.iter().map(|id| Person { id: id.clone(), name: roster.name(id) }).collect();
    let assignable = if can_assign {
        roster.technicians.iter().filter(|t| !technician_ids.contains(&t.id)).cloned().collect()
    } else {
        Vec::new()
    };
    let (time, time_minutes) = timesheets::of_mission(&roster, scope, &row.id).await?;
    let (parts, parts_cost_minor) = parts::used(scope, &row.id).await?;
    let invoiced = row.invoice_id.is_some();
    Ok(MissionDetails {
        reference: reference(row.number),
        description: row.description,
        customer_id: row.customer_id,
        customer: row.customer_name,
        address: PostalAddress { street: row.street, street2: row.street2, postcode: row.postcode, city: row.city },
        site_id: row.site_id,
        site: row.site_name,
        priority,
        planned_local_ms: row.planned_start.map(|t| scope.local_ms(t)),
        planned_minutes: row.planned_minutes.and_then(|m| u32::try_from(m).ok()),
        customer_reference: row.customer_reference,
        hourly_rate_minor: row.hourly_rate_minor,
        currency: scope.currency()?,
        caller: row.caller_name.map(|name| Caller { name, phone: row.caller_phone }),
        waiting_minutes: waiting(mission_state, priority, row.created_at, now_ms),
        state: mission_state,
        state_since_local_ms: scope.local_ms(row.state_since),
        invoice_id: row.invoice_id,
        technicians,
        timeline,
        offers,
        can_assign,
        assignable,
        time,
        time_minutes,
        can_record_time: scope.allows(Permission::TimeRecord) && standing.assignee && mission_state.takes_work(),
        can_withdraw: parts::may_withdraw(scope, mission_state, standing.assignee),
        can_invoice: scope.allows(Permission::MissionsInvoice)
            && scope.allows(Permission::InvoiceDraft)
            && mission_state == MissionState::Done
            && !invoiced,
        parts,
        parts_cost_minor,
        id: row.id,
        title: row.title,
    })
}

/// Minutes an emergency has waited for a technician, while it waits.
fn waiting(state: MissionState, priority: Priority, created_at: i64, now_ms: i64) -> Option<i64> {
    (priority == Priority::Emergency && state == MissionState::Published).then(|| (now_ms - created_at).max(0) / 60_000)
}

/// Emergencies nobody has accepted yet, oldest first, with how long each has waited: what
/// managers and admins see first on their home page (and what an alert rule watches).
pub async fn emergencies(scope: &TenantScope, now_ms: i64) -> AppResult<Vec<Emergency>> {
    scope.require(Permission::MissionsManage)?;
    repo::waiting_emergencies(scope.db.pool(), EMERGENCIES_SHOWN)
        .await?
        .into_iter()
        .map(|row| {
            Ok(Emergency {
                reference: reference(row.number),
                since_local_ms: scope.local_ms(row.created_at),
                waiting_minutes: (now_ms - row.created_at).max(0) / 60_000,
                caller: row.caller_name.map(|name| Caller { name, phone: row.caller_phone }),
                id: row.id,
                title: row.title,
                customer: row.customer_name,
                city: row.city,
            })
        })
        .collect()
}

/// What the mission forms choose from: customers, sites, technicians.
pub async fn choices(state: &AppState, scope: &TenantScope) -> AppResult<MissionChoices> {
    scope.require(Permission::MissionsManage)?;
    let person = |(id, name): (String, String)| Person { id, name };
    let customers = repo::customer_choices(scope.db.pool(), CUSTOMER_CHOICES).await?.into_iter().map(person).collect();
    let sites = crate::sites::list(scope).await?.into_iter().map(|s| Person { id: s.id, name: s.name }).collect();
    Ok(MissionChoices {
        customers,
        sites,
        technicians: roster(state, scope).await?.technicians,
        currency: scope.currency()?,
    })
}
