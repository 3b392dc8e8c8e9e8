//! Fluent translations. The `.ftl` files are embedded at compile time, so the same lookup works
//! while rendering on the server and after hydration in the browser.

mod request;

use std::borrow::Cow;
use std::collections::HashMap;

use domain::{ErrorDetail, Lang, Money, format};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};
use leptos::prelude::*;

pub use request::request_lang;

use crate::api::ApiError;

static_loader! {
    pub static LOCALES = {
        locales: "../locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: our arguments are already formatted
        // text, and the marks would end up in copied figures and in test assertions.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The page's language and the translation and formatting helpers that depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n {
    pub lang: Lang,
}

fn language_id(lang: Lang) -> LanguageIdentifier {
    lang.tag().parse().expect("static language tag")
}

impl I18n {
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&language_id(self.lang), key)
    }

    /// A message that may not exist, for codes recorded as data (audit details).
    pub fn try_t(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(&language_id(self.lang), key)
    }

    /// A message with arguments; the arguments are already formatted for the language.
    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        LOCALES.lookup_with_args(&language_id(self.lang), key, &args)
    }

    /// A message about `n` things: `$n` (a number) selects the plural form, `$count` is `n` as
    /// the reader writes it.
    pub fn t_count(&self, key: &str, n: i64) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = HashMap::from([
            (Cow::Borrowed("n"), FluentValue::from(n)),
            (Cow::Borrowed("count"), FluentValue::from(self.integer(n))),
        ]);
        LOCALES.lookup_with_args(&language_id(self.lang), key, &args)
    }

    /// The message for an error: `error-<code>`, with what its detail says (the reason a
    /// company was suspended, the period to close first, the quantities of a shortage, a limit).
    pub fn error(&self, error: &ApiError) -> String {
        match &error.detail {
            Some(ErrorDetail::Reason { text }) => {
                self.t_args(&format!("error-{}-reason", error.code), &[("reason", text.clone())])
            }
            Some(ErrorDetail::Shortage { available, requested }) => self.t_args(
                "error-insufficient-stock",
                &[("available", self.quantity(available.milli())), ("requested", self.quantity(requested.milli()))],
            ),
            Some(ErrorDetail::Limit { limit }) => {
                self.t_args(&format!("error-{}", error.code), &[("limit", self.integer(*limit))])
            }
            Some(ErrorDetail::Rows { total, .. }) => self.t_count("error-file-refused", *total as i64),
            Some(ErrorDetail::Mentions { missing }) => {
                let list: Vec<String> = missing.iter().map(|m| self.t(m.label_key())).collect();
                self.t_args("error-mentions-missing", &[("list", list.join(", "))])
            }
            Some(ErrorDetail::Unapproved { entries }) => {
                let list: Vec<String> = entries
                    .iter()
                    .map(|(who, day, minutes)| format!("{who} ({}, {})", self.day(*day), self.duration(*minutes)))
                    .collect();
                self.t_args("error-time-unapproved", &[("list", list.join(" ; "))])
            }
            None => self.t(&format!("error-{}", error.code)),
        }
    }

    /// The message for a field error code such as `required` or `too-long`.
    pub fn field_error(&self, code: &str) -> String {
        self.t(&format!("field-{code}"))
    }

    pub fn integer(&self, value: i64) -> String {
        format::integer(self.lang, value)
    }

    /// A stock quantity given in thousandths of its unit.
    pub fn quantity(&self, milli: i64) -> String {
        format::quantity(self.lang, milli)
    }

    pub fn money(&self, amount: Money) -> String {
        format::money(self.lang, amount)
    }

    pub fn money_whole(&self, amount: Money) -> String {
        format::money_whole(self.lang, amount)
    }

    pub fn date(&self, local_ms: i64) -> String {
        format::date(self.lang, local_ms)
    }

    pub fn month(&self, day: domain::NaiveDate) -> String {
        format::month(self.lang, day)
    }

    pub fn day(&self, day: domain::NaiveDate) -> String {
        format::day(self.lang, day)
    }

    pub fn time(&self, local_ms: i64) -> String {
        domain::format::time(local_ms)
    }

    /// A time entry's hours, `08:00 – 12:00`, or nothing for an entry given as a duration.
    pub fn span(&self, start_local_ms: Option<i64>, end_local_ms: Option<i64>) -> String {
        match (start_local_ms, end_local_ms) {
            (Some(s), Some(t)) => format!("{} – {}", self.time(s), self.time(t)),
            _ => String::new(),
        }
    }

    pub fn duration(&self, minutes: u32) -> String {
        domain::format::duration(self.lang, minutes)
    }

    pub fn date_time(&self, local_ms: i64) -> String {
        format::date_time(self.lang, local_ms)
    }
}

pub fn provide_i18n(lang: Lang) {
    provide_context(I18n { lang });
}

/// The page's language: from context while rendering the page, and from `<html lang>` inside
/// an island hydrating in the browser (islands do not see the page's context).
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n { lang: request_lang() })
}
