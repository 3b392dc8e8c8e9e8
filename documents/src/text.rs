//! The documents' words, from `locales/*/documents.ftl`, in the document's language (the
//! company's choice, not the reader's).

use std::borrow::Cow;
use std::collections::HashMap;

use domain::{Lang, Money, format};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

static_loader! {
    static LOCALES = {
        locales: "../locales",
        fallback_language: "en",
        // Arguments are formatted text already: no isolation marks inside a printed line.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Clone, Copy)]
pub struct Words {
    pub lang: Lang,
}

impl Words {
    fn id(self) -> LanguageIdentifier {
        self.lang.tag().parse().expect("static language tag")
    }

    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(&self.id(), key)
    }

    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        LOCALES.lookup_with_args(&self.id(), key, &args)
    }

    pub fn money(self, amount: Money) -> String {
        format::money(self.lang, amount)
    }

    pub fn day(self, day: domain::NaiveDate) -> String {
        format::day(self.lang, day)
    }
}
