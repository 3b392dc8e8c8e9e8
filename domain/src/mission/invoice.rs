//! What a finished mission's invoice draft holds: each technician's approved hours at the
//! mission's hourly rate, and each part used at its sale price.

use crate::Quantity;
use crate::invoicing::draft::DraftLine;
use crate::invoicing::line::{Discount, LinePrice};
use crate::invoicing::vat::VatRate;
use crate::timesheet::EntryStatus;
use crate::timesheet::views::EntryLine;

/// One technician's approved time on the mission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Labour {
    pub technician: String,
    pub minutes: u32,
}

/// One article used on the mission, net of what was put back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub article: String,
    pub designation: String,
    pub unit: String,
    pub quantity_milli: i64,
    pub sale_price_minor: Option<i64>,
    pub vat: VatRate,
}

/// How a labour line is worded and priced.
pub struct Pricing<'a> {
    /// None: the mission has no rate and the company none either.
    pub hourly_rate_minor: Option<i64>,
    pub vat: VatRate,
    /// The line's text for a technician, in the document's language.
    pub wording: &'a (dyn Fn(&str) -> String + Sync),
    pub hour_unit: &'a str,
}

/// Each technician's approved minutes, in the order they first appear; other entries (waiting,
/// sent back, already invoiced) are not invoiced.
pub fn labour_of(entries: &[EntryLine]) -> Vec<Labour> {
    let mut labour: Vec<Labour> = Vec::new();
    for entry in entries.iter().filter(|e| e.status == EntryStatus::Approved) {
        match labour.iter_mut().find(|l| l.technician == entry.technician) {
            Some(l) => l.minutes += entry.minutes,
            None => labour.push(Labour { technician: entry.technician.clone(), minutes: entry.minutes }),
        }
    }
    labour
}

/// Hours of work as an invoice quantity: thousandths of an hour, to the nearest.
pub fn hours(minutes: u32) -> Option<Quantity> {
    Quantity::from_milli((i64::from(minutes) * 1000 + 30) / 60)
}

/// The draft's lines: labour first, by technician, then the parts. Refused when hours have no
/// rate or a part no sale price, rather than invoiced at nothing.
pub fn lines(labour: &[Labour], parts: &[Part], pricing: &Pricing) -> Result<Vec<DraftLine>, &'static str> {
    let mut lines = Vec::new();
    for l in labour.iter().filter(|l| l.minutes > 0) {
        let rate = pricing.hourly_rate_minor.filter(|r| *r > 0).ok_or("mission-rate-missing")?;
        lines.push(DraftLine {
            article: None,
            designation: (pricing.wording)(&l.technician),
            unit: pricing.hour_unit.to_owned(),
            price: LinePrice {
                quantity: hours(l.minutes).ok_or("mission-rate-missing")?,
                unit_price_minor: rate,
                discount: Discount::NONE,
                vat: pricing.vat,
            },
        });
    }
    for p in parts.iter().filter(|p| p.quantity_milli > 0) {
        let price = p.sale_price_minor.filter(|p| *p > 0).ok_or("part-without-price")?;
        lines.push(DraftLine {
            article: Some(p.article.clone()),
            designation: p.designation.clone(),
            unit: p.unit.clone(),
            price: LinePrice {
                quantity: Quantity::from_milli(p.quantity_milli).ok_or("part-without-price")?,
                unit_price_minor: price,
                discount: Discount::NONE,
                vat: p.vat,
            },
        });
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Country;

    fn pricing(rate: Option<i64>) -> Pricing<'static> {
        Pricing {
            hourly_rate_minor: rate,
            vat: VatRate::standard(Country::France),
            wording: &|t| format!("Main-d’œuvre {t}"),
            hour_unit: "h",
        }
    }

    #[test]
    fn hours_at_the_rate_then_parts_at_their_price() {
        let labour =
            [Labour { technician: "Karim".into(), minutes: 150 }, Labour { technician: "Hugo".into(), minutes: 20 }];
        let parts = [Part {
            article: "a1".into(),
            designation: "Vis".into(),
            unit: "u".into(),
            quantity_milli: 10_000,
            sale_price_minor: Some(25),
            vat: VatRate::standard(Country::France),
        }];
        let lines = lines(&labour, &parts, &pricing(Some(55_00))).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[0].designation.as_str(), lines[0].price.quantity.milli()), ("Main-d’œuvre Karim", 2_500));
        assert_eq!(lines[1].price.quantity.milli(), 333, "20 minutes, to the nearest thousandth of an hour");
        assert_eq!((lines[2].article.as_deref(), lines[2].price.unit_price_minor), (Some("a1"), 25));
        assert_eq!(lines[0].price.vat.basis_points(), 2000);
    }

    #[test]
    fn no_rate_or_no_price_is_refused_not_invoiced_at_nothing() {
        let labour = [Labour { technician: "Karim".into(), minutes: 60 }];
        assert_eq!(lines(&labour, &[], &pricing(None)), Err("mission-rate-missing"));
        assert_eq!(lines(&[], &[], &pricing(None)), Ok(Vec::new()));
        let part = Part {
            article: "a1".into(),
            designation: "Vis".into(),
            unit: "u".into(),
            quantity_milli: 1_000,
            sale_price_minor: None,
            vat: VatRate::ZERO,
        };
        assert_eq!(lines(&[], &[part], &pricing(None)), Err("part-without-price"));
    }

    #[test]
    fn only_approved_minutes_are_invoiced_per_technician() {
        let line = |who: &str, minutes, status| EntryLine {
            id: "e".into(),
            mission_id: "m".into(),
            mission_reference: "M-00001".into(),
            mission_title: "t".into(),
            technician_id: who.into(),
            technician: who.into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            start_local_ms: None,
            end_local_ms: None,
            break_minutes: 0,
            minutes,
            note: None,
            status,
            return_reason: None,
        };
        let entries = [
            line("Karim", 60, EntryStatus::Approved),
            line("Hugo", 30, EntryStatus::Approved),
            line("Karim", 90, EntryStatus::Approved),
            line("Karim", 45, EntryStatus::Recorded),
        ];
        assert_eq!(
            labour_of(&entries),
            [Labour { technician: "Karim".into(), minutes: 150 }, Labour { technician: "Hugo".into(), minutes: 30 }]
        );
    }
}
