//! Numbers, money and dates in the reader's conventions:
//! `1 234,56 €` and `22/11/2026` in French, `€1,234.56` and `22 Nov 2026` in English.

use crate::{Currency, Lang, Money};

/// French groups digits with a narrow no-break space, as the Imprimerie nationale and CLDR do.
const FR_GROUP: char = '\u{202F}';
const NBSP: char = '\u{A0}';

fn group_digits(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Fr => (FR_GROUP, ','),
        Lang::En => (',', '.'),
    }
}

/// An integer with grouped thousands.
pub fn integer(lang: Lang, value: i64) -> String {
    let (group, _) = separators(lang);
    let sign = if value < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(&value.unsigned_abs().to_string(), group))
}

/// A fixed-point value (`units` of 10^-`digits`) with grouped thousands.
pub fn decimal(lang: Lang, units: i64, digits: u32) -> String {
    let (group, point) = separators(lang);
    let scale = 10_u64.pow(digits);
    let abs = units.unsigned_abs();
    let sign = if units < 0 { "-" } else { "" };
    let whole = group_digits(&(abs / scale).to_string(), group);
    if digits == 0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole}{point}{:0width$}", abs % scale, width = digits as usize)
}

/// A fixed-point value for a file (CSV): no grouping, `point` as the decimal mark, and only the
/// decimals it needs when `trim` is set.
pub fn plain_decimal(units: i64, digits: u32, point: char, trim: bool) -> String {
    let scale = 10_u64.pow(digits);
    let abs = units.unsigned_abs();
    let sign = if units < 0 { "-" } else { "" };
    let text = format!("{sign}{}{point}{:0width$}", abs / scale, abs % scale, width = digits as usize);
    if trim { text.trim_end_matches('0').trim_end_matches(point).to_owned() } else { text }
}

/// A stock quantity with only the decimals it needs: `12`, `1,5` / `1.5`, `0,125`.
pub fn quantity(lang: Lang, milli: i64) -> String {
    let text = decimal(lang, milli, 3);
    let (_, point) = separators(lang);
    if text.contains(point) { text.trim_end_matches('0').trim_end_matches(point).to_owned() } else { text }
}

pub fn money(lang: Lang, amount: Money) -> String {
    with_currency(lang, amount, decimal(lang, amount.minor.abs(), amount.currency.minor_digits()))
}

/// An amount in whole units, its cents dropped (a chart's axis: `1 500 €`, `€1,500`).
pub fn money_whole(lang: Lang, amount: Money) -> String {
    let scale = 10_i64.pow(amount.currency.minor_digits());
    with_currency(lang, amount, decimal(lang, (amount.minor / scale).abs(), 0))
}

fn with_currency(lang: Lang, amount: Money, number: String) -> String {
    let sign = if amount.minor < 0 { "-" } else { "" };
    match (lang, amount.currency) {
        (Lang::Fr, Currency::Eur) => format!("{sign}{number}{NBSP}€"),
        (Lang::Fr, Currency::Dzd) => format!("{sign}{number}{NBSP}DA"),
        (Lang::En, Currency::Eur) => format!("{sign}€{number}"),
        (Lang::En, Currency::Dzd) => format!("{sign}DZD{NBSP}{number}"),
    }
}

/// A rate in basis points (VAT, discount), as `20 %` or `5,5 %`: the French and the English
/// usage of Atelier's documents both keep a no-break space before the sign.
pub fn percent(lang: Lang, basis_points: i64) -> String {
    let point = if lang == Lang::Fr { ',' } else { '.' };
    format!("{}{NBSP}%", plain_decimal(basis_points, 2, point, true))
}

const EN_MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm), to keep this crate
/// free of a calendar dependency in the browser bundle.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A date from *local* epoch milliseconds (the server has already applied the tenant's time zone).
pub fn date(lang: Lang, local_ms: i64) -> String {
    let (y, m, d) = civil_from_days(local_ms.div_euclid(86_400_000));
    match lang {
        Lang::Fr => format!("{d:02}/{m:02}/{y}"),
        Lang::En => format!("{d} {} {y}", EN_MONTHS[m as usize - 1]),
    }
}

/// A calendar day (an invoice's dates), as `date` writes it.
pub fn day(lang: Lang, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Fr => format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
        Lang::En => format!("{} {} {}", day.day(), EN_MONTHS[day.month0() as usize], day.year()),
    }
}

const EN_MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const FR_MONTH_NAMES: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The month of a day, with its year: `December 2026`, `décembre 2026`.
pub fn month(lang: Lang, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let names = if lang == Lang::Fr { FR_MONTH_NAMES } else { EN_MONTH_NAMES };
    format!("{} {}", names[day.month0() as usize], day.year())
}

/// A calendar day as a date field's value (`YYYY-MM-DD`).
pub fn iso_day(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// Date and time (24-hour clock in both languages, as is usual in France and Algeria).
pub fn date_time(lang: Lang, local_ms: i64) -> String {
    let minutes = local_ms.div_euclid(60_000).rem_euclid(24 * 60);
    let sep = match lang {
        Lang::Fr => " à ",
        Lang::En => ", ",
    };
    format!("{}{sep}{:02}:{:02}", date(lang, local_ms), minutes / 60, minutes % 60)
}

/// A time of day from *local* epoch milliseconds, `HH:MM` (both languages).
pub fn time(local_ms: i64) -> String {
    let minutes = local_ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A duration in minutes: `7 h 30` in French, `7h 30m` in English; whole hours alone.
pub fn duration(lang: Lang, minutes: u32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (lang, m) {
        (Lang::Fr, 0) => format!("{h} h"),
        (Lang::Fr, m) => format!("{h} h {m:02}"),
        (Lang::En, 0) => format!("{h}h"),
        (Lang::En, m) => format!("{h}h {m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_follows_local_conventions() {
        let amount = Money::new(123_456, Currency::Eur);
        assert_eq!(money(Lang::Fr, amount), "1\u{202F}234,56\u{A0}€");
        assert_eq!(money(Lang::En, amount), "€1,234.56");
        assert_eq!(money(Lang::Fr, Money::new(-5, Currency::Dzd)), "-0,05\u{A0}DA");
        assert_eq!(money_whole(Lang::Fr, Money::new(15_000_000, Currency::Eur)), "150\u{202F}000\u{A0}€");
        assert_eq!(money_whole(Lang::En, Money::new(15_000_099, Currency::Eur)), "€150,000");
        let august = chrono::NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
        assert_eq!((month(Lang::Fr, august), month(Lang::En, august)), ("août 2026".into(), "August 2026".into()));
        assert_eq!(money(Lang::En, Money::new(100_000_000, Currency::Dzd)), "DZD\u{A0}1,000,000.00");
    }

    #[test]
    fn integers_and_decimals_group_thousands() {
        assert_eq!(integer(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(integer(Lang::Fr, -1000), "-1\u{202F}000");
        assert_eq!(integer(Lang::En, 999), "999");
        assert_eq!(decimal(Lang::Fr, 1_500, 3), "1,500");
        assert_eq!(decimal(Lang::En, i64::MIN, 0), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn dates_in_both_languages() {
        // 2026-11-22T09:05:00 (local)
        let ms = 1_795_338_300_000;
        assert_eq!(date(Lang::Fr, ms), "22/11/2026");
        assert_eq!(date(Lang::En, ms), "22 Nov 2026");
        assert_eq!(date_time(Lang::Fr, ms), "22/11/2026 à 09:05");
        assert_eq!(date_time(Lang::En, ms), "22 Nov 2026, 09:05");
    }

    #[test]
    fn dates_before_the_epoch_and_leap_days() {
        assert_eq!(date(Lang::Fr, -86_400_000), "31/12/1969");
        assert_eq!(date(Lang::En, 951_782_400_000), "29 Feb 2000");
    }

    #[test]
    fn plain_decimals_for_files() {
        assert_eq!(plain_decimal(1_234_500, 3, ',', true), "1234,5");
        assert_eq!(plain_decimal(12_000, 3, '.', true), "12");
        assert_eq!(plain_decimal(-5, 2, ',', false), "-0,05");
        assert_eq!(plain_decimal(123_456, 2, '.', false), "1234.56");
    }

    #[test]
    fn quantities_show_only_the_decimals_they_need() {
        assert_eq!(quantity(Lang::En, 12_000), "12");
        assert_eq!(quantity(Lang::En, 1_500), "1.5");
        assert_eq!(quantity(Lang::Fr, 1_250_125), "1\u{202f}250,125");
        assert_eq!(quantity(Lang::Fr, 0), "0");
    }

    #[test]
    fn durations_and_times_of_day() {
        assert_eq!(duration(Lang::Fr, 450), "7 h 30");
        assert_eq!(duration(Lang::En, 450), "7h 30m");
        assert_eq!(duration(Lang::Fr, 120), "2 h");
        assert_eq!(duration(Lang::En, 5), "0h 05m");
        assert_eq!(time(8 * 3_600_000 + 5 * 60_000), "08:05");
    }
}
