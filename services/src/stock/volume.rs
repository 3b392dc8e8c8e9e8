//! Synthetic volume for `atelier bench --stock`: many articles, sites and movements in one
//! company, written in large multi-row statements. Every movement still goes through the
//! database's trigger and checks, so levels, lots and values are as real ones would be.

use domain::article::NewArticle;
use domain::site::NewSite;
use domain::stock::movement::MovementKind;
use domain::{Permission, Quantity};
use uuid::Uuid;

use super::repo::{self, BATCH_ROWS, MovementRow, NewLot};
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult, sites};

/// How much to generate.
#[derive(Clone, Copy, Debug)]
pub struct Volume {
    pub articles: usize,
    pub sites: usize,
    /// Each article is stocked at this many sites, each level getting one receipt then issues.
    pub sites_per_article: usize,
    pub movements: usize,
}

/// The code of the n-th generated article.
pub fn article_code(n: usize) -> String {
    format!("BENCH-{n:06}")
}

/// Creates the sites (up to `volume.sites`), the articles and the movements, spread over the year
/// before `now_ms`; `progress` gets the number of movements written so far.
pub async fn generate(scope: &TenantScope, volume: Volume, now_ms: i64, progress: &dyn Fn(usize)) -> AppResult<()> {
    scope.require(Permission::StockMove)?;
    let mut site_ids: Vec<String> = sites::list(scope).await?.into_iter().map(|s| s.id).collect();
    for n in site_ids.len()..volume.sites {
        let new = NewSite::parse(&format!("BENCH-{n:02}"), &format!("Site de charge {n}"), "")
            .map_err(AppError::Validation)?;
        site_ids.push(sites::create(scope, new, now_ms).await?.id);
    }
    let mut tx = scope.db.begin_write().await?;
    let article_ids: Vec<String> = (0..volume.articles).map(|_| Uuid::new_v4().to_string()).collect();
    for (n, id) in article_ids.iter().enumerate() {
        let article = NewArticle {
            code: article_code(n),
            designation: format!("Article de charge n° {n}"),
            category: Some(format!("Famille {}", n % 40)),
            family: None,
            unit: "u".into(),
            purchase_price_minor: Some(100 + (n % 900) as i64),
            sale_price_minor: None,
            vat_rate_bp: 2000,
            min_stock: Quantity::units(20),
            max_stock: Some(Quantity::units(200)),
        };
        repo::insert_article(&mut *tx, id, &article, now_ms).await?;
    }
    tx.commit().await?;

    // Levels: (article, site) pairs; each gets a receipt of 1,000 then issues of 1 to 9.
    let levels = volume.articles * volume.sites_per_article;
    let per_level = volume.movements.div_ceil(levels.max(1)).max(1);
    let user = scope.user.id.clone();
    let year_ms: i64 = 365 * 86_400_000;
    let dated = |n: usize| now_ms - year_ms + (n as i64) * year_ms / (volume.movements.max(1) as i64);
    let mut written = 0;
    let mut level = 0;
    while written < volume.movements && level < levels {
        let mut tx = scope.db.begin_write().await?;
        let mut lots: Vec<(String, usize, usize)> = Vec::new();
        let mut legs: Vec<(String, usize, usize, Option<usize>, i64, i64)> = Vec::new();
        while legs.len() < BATCH_ROWS * 10 && level < levels && written + legs.len() < volume.movements {
            let article = level % volume.articles;
            let site = (level / volume.articles + article) % site_ids.len();
            let lot = lots.len();
            lots.push((Uuid::new_v4().to_string(), article, site));
            let cost = 100 + (article % 900) as i64;
            legs.push((Uuid::new_v4().to_string(), article, site, Some(lot), 1_000_000, 1_000 * cost));
            for k in 1..per_level {
                let qty = 1_000 * (1 + (article + k) % 9) as i64;
                legs.push((Uuid::new_v4().to_string(), article, site, Some(lot), -qty, -qty / 1_000 * cost));
            }
            level += 1;
        }
        let new_lots: Vec<NewLot> = lots
            .iter()
            .map(|(id, article, site)| NewLot {
                id,
                article: &article_ids[*article],
                site: &site_ids[*site],
                lot_number: None,
                expiry: None,
                unit_cost_minor: 100 + (*article % 900) as i64,
                origin: None,
                at_ms: now_ms - year_ms,
            })
            .collect();
        for chunk in new_lots.chunks(BATCH_ROWS) {
            repo::insert_lots(&mut *tx, chunk).await?;
        }
        let rows: Vec<MovementRow> = legs
            .iter()
            .enumerate()
            .map(|(i, (op, article, site, lot, qty, value))| MovementRow {
                operation: op,
                kind: if *qty > 0 { MovementKind::Receipt } else { MovementKind::Issue },
                article: &article_ids[*article],
                site: &site_ids[*site],
                lot: lot.map(|l| lots[l].0.as_str()),
                qty_milli: *qty,
                value_minor: *value,
                reason: None,
                reference: Some("BENCH"),
                reverses: None,
                mission: None,
                user_id: &user,
                at_ms: dated(written + i),
            })
            .collect();
        for chunk in rows.chunks(BATCH_ROWS) {
            repo::insert_movements(&mut *tx, chunk).await?;
        }
        tx.commit().await?;
        written += rows.len();
        progress(written);
    }
    Ok(())
}
