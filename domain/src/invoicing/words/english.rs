//! English cardinals, short scale, hyphens from twenty-one to ninety-nine, no « and ».

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES: [(u64, &str); 4] =
    [(1_000_000_000_000, "trillion"), (1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")];

pub(super) fn cardinal(n: u64) -> String {
    if n == 0 {
        return UNITS[0].to_owned();
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, word) in SCALES {
        if rest >= scale {
            parts.push(format!("{} {word}", cardinal(rest / scale)));
            rest %= scale;
        }
    }
    if rest >= 100 {
        parts.push(format!("{} hundred", UNITS[(rest / 100) as usize]));
        rest %= 100;
    }
    if rest > 0 {
        parts.push(match rest {
            0..20 => UNITS[rest as usize].to_owned(),
            _ if rest.is_multiple_of(10) => TENS[(rest / 10) as usize].to_owned(),
            _ => format!("{}-{}", TENS[(rest / 10) as usize], UNITS[(rest % 10) as usize]),
        });
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::cardinal;

    #[test]
    fn numbers() {
        let cases = [
            (7, "seven"),
            (19, "nineteen"),
            (40, "forty"),
            (99, "ninety-nine"),
            (100, "one hundred"),
            (101, "one hundred one"),
            (1000, "one thousand"),
            (21_305, "twenty-one thousand three hundred five"),
            (1_000_001, "one million one"),
            (5_000_000_000_000, "five trillion"),
        ];
        for (n, words) in cases {
            assert_eq!(cardinal(n), words, "{n}");
        }
    }
}
