//! An invoice's totals: per VAT rate, the base is the sum of its lines' nets and the VAT is
//! the base × rate, rounded to the cent half up — the rule of EN 16931 (BR-CO-17: per rate, on
//! the total excluding tax). Grand totals are plain sums of those, so that every total printed
//! is the exact sum of printed amounts (BR-CO-10, BR-CO-14, BR-CO-15).

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::line::{LineAmounts, LinePrice, round_half_up};
use super::vat::VatRate;
use crate::bounds::MAX_VALUE_MINOR;

/// The most lines one invoice holds: a long delivery, still printable.
pub const MAX_LINES: usize = 500;

/// One row of the VAT table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTotal {
    pub rate: VatRate,
    pub base_minor: i64,
    pub vat_minor: i64,
}

/// What an invoice comes to, in minor units.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub lines: Vec<LineAmounts>,
    /// Highest rate first.
    pub by_rate: Vec<RateTotal>,
    /// Excluding tax (BT-109).
    pub net_minor: i64,
    /// VAT (BT-110).
    pub vat_minor: i64,
    /// Including tax (BT-112).
    pub total_minor: i64,
}

impl Totals {
    pub fn of(prices: &[LinePrice]) -> Result<Self, &'static str> {
        if prices.is_empty() {
            return Err("invoice-without-lines");
        }
        if prices.len() > MAX_LINES {
            return Err("too-many-lines");
        }
        let lines = prices.iter().map(LinePrice::amounts).collect::<Result<Vec<_>, _>>()?;
        let mut bases: BTreeMap<Reverse<VatRate>, i128> = BTreeMap::new();
        for (price, amounts) in prices.iter().zip(&lines) {
            *bases.entry(Reverse(price.vat)).or_default() += i128::from(amounts.net_minor);
        }
        let by_rate: Vec<(VatRate, i128, i128)> = bases
            .into_iter()
            .map(|(Reverse(rate), base)| (rate, base, round_half_up(base * i128::from(rate.basis_points()), 10_000)))
            .collect();
        let net: i128 = by_rate.iter().map(|(_, base, _)| base).sum();
        let vat: i128 = by_rate.iter().map(|(_, _, vat)| vat).sum();
        let fits = |v: i128| i64::try_from(v).ok().filter(|v| *v <= MAX_VALUE_MINOR).ok_or("invoice-total-too-large");
        let total_minor = fits(net + vat)?;
        Ok(Self {
            lines,
            by_rate: by_rate
                .into_iter()
                .map(|(rate, base, vat)| Ok(RateTotal { rate, base_minor: fits(base)?, vat_minor: fits(vat)? }))
                .collect::<Result<_, &'static str>>()?,
            net_minor: fits(net)?,
            vat_minor: fits(vat)?,
            total_minor,
        })
    }

    /// Whether a rate of 0 appears, which needs an exemption wording on the document.
    pub fn has_zero_rate(&self) -> bool {
        self.by_rate.iter().any(|r| r.rate.is_zero())
    }
}

#[cfg(test)]
mod tests;
