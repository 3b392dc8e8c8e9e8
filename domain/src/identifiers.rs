//! The legal and bank identifiers printed on invoices, read as people type them (spaces, dots
//! and dashes between groups) and kept compact. Each type is valid once held, through serde too:
//! a company profile and a customer use the same parsers.

pub mod algeria;
pub mod bank;
pub mod france;

/// An identifier as typed, without the separators people put between groups.
fn compact(raw: &str) -> String {
    raw.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '.' | '-')).flat_map(char::to_uppercase).collect()
}

fn all_digits(s: &str, lengths: &[usize]) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Writes `s` in groups of the given sizes, the last group taking the rest.
fn grouped(s: &str, sizes: &[usize]) -> String {
    let mut out = String::with_capacity(s.len() + sizes.len());
    let mut rest = s;
    for size in sizes {
        if rest.len() <= *size {
            break;
        }
        let (head, tail) = rest.split_at(*size);
        out.push_str(head);
        out.push(' ');
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The string-backed identifier types share their serde and display plumbing.
macro_rules! identifier {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = &'static str;
            fn try_from(raw: String) -> Result<Self, Self::Error> {
                Self::parse(&raw)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
    };
}
use identifier;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_dropped_and_letters_raised() {
        assert_eq!(compact(" 732\u{a0}829.320-x "), "732829320X");
        assert_eq!(grouped("73282932000074", &[3, 3, 3]), "732 829 320 00074");
        assert_eq!(grouped("FR76300060000112", &[4, 4, 4, 4]), "FR76 3000 6000 0112");
        assert_eq!(grouped("12", &[3]), "12");
    }
}
