//! Document numbers without gaps or duplicates: issued documents walked in (series, fiscal
//! year, sequence) order beside the counters that handed their numbers out.

use std::collections::BTreeMap;

use super::{Figure, RuleOutcome, SHOWN_PER_RULE, Violation};
use crate::invoicing::numbering::{DocumentNumber, SeriesPrefix};

type SeriesYear = (String, i64);

/// The walk; feed every issued document in order with [`Numbering::document`], then
/// [`Numbering::finish`].
pub struct Numbering {
    counters: BTreeMap<SeriesYear, i64>,
    current: Option<SeriesYear>,
    last: i64,
    /// The prefix of the series' last number read, to name the missing ones as they would print.
    prefix: Option<SeriesPrefix>,
}

impl Numbering {
    /// `counters`: each series and fiscal year with the last sequence it handed out.
    pub fn new(counters: impl IntoIterator<Item = (SeriesYear, i64)>) -> Self {
        Self { counters: counters.into_iter().collect(), current: None, last: 0, prefix: None }
    }

    /// One issued document; `sequence` None when the row holds none (it should).
    pub fn document(&mut self, series: &str, year: i64, sequence: Option<i64>, number: &str, out: &mut RuleOutcome) {
        out.checked += 1;
        let key = (series.to_owned(), year);
        if self.current.as_ref() != Some(&key) {
            self.close(out);
            self.current = Some(key);
            self.last = 0;
            self.prefix = None;
        }
        let Some(sequence) = sequence else {
            out.add(Violation::new("number-missing", number, Figure::Text(series.to_owned()), Figure::Missing));
            return;
        };
        if let Ok(read) = DocumentNumber::parse(number) {
            self.prefix = Some(read.prefix);
        }
        if sequence <= self.last {
            out.add(Violation::new("number-duplicate", number, Figure::Count(1), Figure::Count(2)));
            return;
        }
        self.gaps(self.last + 1, sequence - 1, out);
        self.last = sequence;
    }

    /// Closes the last series, then reports the counters no document answered.
    pub fn finish(mut self, out: &mut RuleOutcome) {
        self.close(out);
        for ((series, year), counter) in std::mem::take(&mut self.counters) {
            self.current = Some((series, year));
            self.prefix = None;
            self.gaps(1, counter, out);
        }
    }

    fn close(&mut self, out: &mut RuleOutcome) {
        let Some(key) = self.current.take() else { return };
        let subject = format!("{} {}", key.0, key.1);
        match self.counters.remove(&key) {
            None if self.last > 0 => {
                out.add(Violation::new("counter-missing", subject, Figure::Count(self.last), Figure::Missing));
            }
            Some(counter) if counter < self.last => {
                out.add(Violation::new("counter-behind", subject, Figure::Count(self.last), Figure::Count(counter)));
            }
            Some(counter) => {
                self.current = Some(key);
                self.gaps(self.last + 1, counter, out);
                self.current = None;
            }
            None => {}
        }
    }

    /// Each missing sequence in `from..=to`: the first ones named, all counted (a counter
    /// pushed to a billion must not make a billion findings).
    fn gaps(&self, from: i64, to: i64, out: &mut RuleOutcome) {
        if from > to {
            return;
        }
        let Some((series, year)) = &self.current else { return };
        let named = to.min(from.saturating_add(SHOWN_PER_RULE as i64 - 1));
        for sequence in from..=named {
            let subject = match &self.prefix {
                Some(prefix) => DocumentNumber { prefix: prefix.clone(), year: *year as i32, sequence }.text(),
                None => format!("{series} {year} #{sequence}"),
            };
            out.add(Violation::new("number-gap", subject, Figure::Text(series.clone()), Figure::Missing));
        }
        out.violations += to - named;
    }
}

#[cfg(test)]
mod tests {
    use super::super::Rule;
    use super::*;

    fn walk(counters: &[(&str, i64, i64)], documents: &[(&str, i64, Option<i64>, &str)]) -> RuleOutcome {
        let mut out = RuleOutcome::new(Rule::InvoiceNumbers);
        let mut numbering = Numbering::new(counters.iter().map(|(s, y, c)| (((*s).to_owned(), *y), *c)));
        for (series, year, sequence, number) in documents {
            numbering.document(series, *year, *sequence, number, &mut out);
        }
        numbering.finish(&mut out);
        out
    }

    fn findings(out: &RuleOutcome) -> Vec<(String, String)> {
        out.shown.iter().map(|v| (v.finding.clone(), v.subject.to_string())).collect()
    }

    #[test]
    fn a_gapless_numbering_holds() {
        let out = walk(
            &[("credit-note", 2026, 1), ("invoice", 2025, 2), ("invoice", 2026, 1)],
            &[
                ("credit-note", 2026, Some(1), "AV-2026-00001"),
                ("invoice", 2025, Some(1), "F-2025-00001"),
                ("invoice", 2025, Some(2), "F-2025-00002"),
                ("invoice", 2026, Some(1), "F-2026-00001"),
            ],
        );
        assert!(out.holds(), "{:?}", out.shown);
        assert_eq!(out.checked, 4);
    }

    #[test]
    fn gaps_duplicates_and_counters_out_of_step_are_each_found() {
        let out = walk(
            &[("invoice", 2026, 6), ("credit-note", 2026, 2)],
            &[
                ("invoice", 2026, Some(1), "F-2026-00001"),
                ("invoice", 2026, Some(3), "F-2026-00003"),
                ("invoice", 2026, Some(3), "F-2026-00003"),
                ("invoice", 2026, Some(4), "F-2026-00004"),
                ("invoice", 2027, Some(1), "F-2027-00001"),
            ],
        );
        assert_eq!(
            findings(&out),
            [
                ("number-gap", "F-2026-00002"),
                ("number-duplicate", "F-2026-00003"),
                ("number-gap", "F-2026-00005"),
                ("number-gap", "F-2026-00006"),
                ("counter-missing", "invoice 2027"),
                ("number-gap", "credit-note 2026 #1"),
                ("number-gap", "credit-note 2026 #2"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let behind = walk(
            &[("invoice", 2026, 1)],
            &[("invoice", 2026, Some(1), "F-2026-00001"), ("invoice", 2026, Some(2), "F-2026-00002")],
        );
        assert_eq!(findings(&behind), [("counter-behind".to_owned(), "invoice 2026".to_owned())]);
        assert_eq!(behind.shown[0].found, Figure::Count(1));
    }

    #[test]
    fn a_counter_pushed_far_ahead_is_counted_without_naming_every_number() {
        let out = walk(&[("invoice", 2026, 1_000_000_001)], &[("invoice", 2026, Some(1), "F-2026-00001")]);
        assert_eq!(out.violations, 1_000_000_000);
        assert_eq!(out.shown.len(), SHOWN_PER_RULE);
        assert_eq!(out.shown[0].subject.to_string(), "F-2026-00002");
        let missing = walk(&[], &[("invoice", 2026, None, "F-2026-00009")]);
        assert_eq!(findings(&missing), [("number-missing".to_owned(), "F-2026-00009".to_owned())]);
    }
}
