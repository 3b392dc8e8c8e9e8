//! French cardinals in the traditional spelling used on invoices and cheques: hyphens below a
//! hundred, « et » in 21, 31… 71, « quatre-vingts » and « deux cents » plural unless a number
//! follows or « mille » does (« mille » never takes an s; « million » and « milliard » do).

const UNITS: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
    "quatorze", "quinze", "seize",
];
const TENS: [&str; 7] = ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"];

pub(super) fn cardinal(n: u64) -> String {
    if n == 0 {
        return UNITS[0].to_owned();
    }
    let mut parts = Vec::new();
    let billions = n / 1_000_000_000;
    if billions > 0 {
        let word = if billions > 1 { "milliards" } else { "milliard" };
        parts.push(format!("{} {word}", cardinal(billions)));
    }
    let millions = (n / 1_000_000) % 1000;
    if millions > 0 {
        let word = if millions > 1 { "millions" } else { "million" };
        parts.push(format!("{} {word}", below_1000(millions, true)));
    }
    let thousands = (n / 1000) % 1000;
    match thousands {
        0 => {}
        1 => parts.push("mille".to_owned()),
        _ => parts.push(format!("{} mille", below_1000(thousands, false))),
    }
    let rest = n % 1000;
    if rest > 0 {
        parts.push(below_1000(rest, true));
    }
    parts.join(" ")
}

/// `plural`: whether a final « cents » or « quatre-vingts » keeps its s (not before « mille »).
fn below_1000(n: u64, plural: bool) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let s = if plural { "s" } else { "" };
    match (hundreds, rest) {
        (0, _) => below_100(rest, plural),
        (1, 0) => "cent".to_owned(),
        (1, _) => format!("cent {}", below_100(rest, plural)),
        (_, 0) => format!("{} cent{s}", UNITS[hundreds as usize]),
        (_, _) => format!("{} cent {}", UNITS[hundreds as usize], below_100(rest, plural)),
    }
}

fn below_100(n: u64, plural: bool) -> String {
    let (tens, unit) = (n / 10, n % 10);
    match (tens, unit) {
        _ if n < 17 => UNITS[n as usize].to_owned(),
        (1, _) => format!("dix-{}", UNITS[unit as usize]),
        (2..=6, 0) => TENS[tens as usize].to_owned(),
        (2..=6, 1) => format!("{} et un", TENS[tens as usize]),
        (2..=6, _) => format!("{}-{}", TENS[tens as usize], UNITS[unit as usize]),
        (7, 1) => "soixante et onze".to_owned(),
        (7, _) => format!("soixante-{}", below_100(10 + unit, plural)),
        (8, 0) if plural => "quatre-vingts".to_owned(),
        (8, 0) => "quatre-vingt".to_owned(),
        (8, _) => format!("quatre-vingt-{}", UNITS[unit as usize]),
        _ => format!("quatre-vingt-{}", below_100(10 + unit, plural)),
    }
}

#[cfg(test)]
mod tests {
    use super::cardinal;

    #[test]
    fn the_tricky_numbers() {
        let cases = [
            (1, "un"),
            (16, "seize"),
            (17, "dix-sept"),
            (21, "vingt et un"),
            (22, "vingt-deux"),
            (70, "soixante-dix"),
            (71, "soixante et onze"),
            (77, "soixante-dix-sept"),
            (80, "quatre-vingts"),
            (81, "quatre-vingt-un"),
            (90, "quatre-vingt-dix"),
            (91, "quatre-vingt-onze"),
            (99, "quatre-vingt-dix-neuf"),
            (100, "cent"),
            (101, "cent un"),
            (180, "cent quatre-vingts"),
            (200, "deux cents"),
            (201, "deux cent un"),
            (1000, "mille"),
            (1001, "mille un"),
            (2000, "deux mille"),
            (80_000, "quatre-vingt mille"),
            (200_000, "deux cent mille"),
            (280_000, "deux cent quatre-vingt mille"),
            (1_000_000, "un million"),
            (2_000_000, "deux millions"),
            (80_000_000, "quatre-vingts millions"),
            (200_000_000, "deux cents millions"),
            (1_000_000_000, "un milliard"),
            (3_000_000_000, "trois milliards"),
            (
                1_234_567_891,
                "un milliard deux cent trente-quatre millions cinq cent soixante-sept mille huit cent quatre-vingt-onze",
            ),
            (10_000_000_000_000, "dix mille milliards"),
        ];
        for (n, words) in cases {
            assert_eq!(cardinal(n), words, "{n}");
        }
    }
}
