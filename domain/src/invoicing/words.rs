//! Amounts in words, as Algerian invoices must print the total (and cheques and French
//! documents often do): `mille deux cent cinquante dinars algériens et soixante-quinze
//! centimes`, `one thousand two hundred fifty euros and seventy-five cents`.

mod english;
mod french;

use crate::{Currency, Lang, Money};

/// The names of a currency's units in one language: singular and plural, major and minor.
struct Units {
    major: (&'static str, &'static str),
    minor: (&'static str, &'static str),
}

fn units(lang: Lang, currency: Currency) -> Units {
    match (lang, currency) {
        (Lang::Fr, Currency::Eur) => Units { major: ("euro", "euros"), minor: ("centime", "centimes") },
        (Lang::Fr, Currency::Dzd) => {
            Units { major: ("dinar algérien", "dinars algériens"), minor: ("centime", "centimes") }
        }
        (Lang::En, Currency::Eur) => Units { major: ("euro", "euros"), minor: ("cent", "cents") },
        (Lang::En, Currency::Dzd) => {
            Units { major: ("Algerian dinar", "Algerian dinars"), minor: ("centime", "centimes") }
        }
    }
}

/// A non-negative amount in words; a negative one is written as its absolute value, the
/// document saying what it is (a credit note).
pub fn amount_in_words(lang: Lang, money: Money) -> String {
    let minor = money.minor.unsigned_abs();
    let (whole, cents) = (minor / 100, minor % 100);
    let Units { major, minor: sub } = units(lang, money.currency);
    let number = |n: u64| match lang {
        Lang::Fr => french::cardinal(n),
        Lang::En => english::cardinal(n),
    };
    // French is singular below two (« zéro euro »), English only for one.
    let singular = |n: u64| n == 1 || (lang == Lang::Fr && n == 0);
    let pick = |n: u64, (one, many): (&str, &str)| if singular(n) { one.to_owned() } else { many.to_owned() };
    let cents_part = format!("{} {}", number(cents), pick(cents, sub));
    if whole == 0 && cents > 0 {
        return cents_part;
    }
    let unit = pick(whole, major);
    let whole_part = match lang {
        // « un million d’euros », « deux milliards de dinars algériens »
        Lang::Fr if whole >= 1_000_000 && whole.is_multiple_of(1_000_000) => {
            let elided = if unit.starts_with(['a', 'e', 'i', 'o', 'u']) { "d’" } else { "de " };
            format!("{} {elided}{unit}", number(whole))
        }
        _ => format!("{} {unit}", number(whole)),
    };
    let and = match lang {
        Lang::Fr => "et",
        Lang::En => "and",
    };
    if cents == 0 { whole_part } else { format!("{whole_part} {and} {cents_part}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(minor: i64, currency: Currency) -> String {
        amount_in_words(Lang::Fr, Money::new(minor, currency))
    }

    fn en(minor: i64, currency: Currency) -> String {
        amount_in_words(Lang::En, Money::new(minor, currency))
    }

    #[test]
    fn french_amounts() {
        assert_eq!(
            fr(125_075, Currency::Dzd),
            "mille deux cent cinquante dinars algériens et soixante-quinze centimes"
        );
        assert_eq!(fr(100, Currency::Eur), "un euro");
        assert_eq!(fr(101, Currency::Eur), "un euro et un centime");
        assert_eq!(fr(0, Currency::Eur), "zéro euro");
        assert_eq!(fr(50, Currency::Eur), "cinquante centimes");
        assert_eq!(fr(100_000_000, Currency::Eur), "un million d’euros");
        assert_eq!(fr(200_000_000_000, Currency::Dzd), "deux milliards de dinars algériens");
        assert_eq!(fr(200_000_100, Currency::Dzd), "deux millions un dinars algériens");
        assert_eq!(fr(8_000_000, Currency::Eur), "quatre-vingt mille euros");
        assert_eq!(fr(1_900_500, Currency::Dzd), "dix-neuf mille cinq dinars algériens");
        assert_eq!(fr(-2_150, Currency::Eur), "vingt et un euros et cinquante centimes");
    }

    #[test]
    fn english_amounts() {
        assert_eq!(en(125_075, Currency::Eur), "one thousand two hundred fifty euros and seventy-five cents");
        assert_eq!(en(100, Currency::Dzd), "one Algerian dinar");
        assert_eq!(en(1, Currency::Eur), "one cent");
        assert_eq!(en(0, Currency::Dzd), "zero Algerian dinars");
        assert_eq!(en(100_000_000, Currency::Eur), "one million euros");
    }
}
