//! Every message exists in English and in French, and every key the code uses exists.
//!
//! Keys are found in the sources: `.t("…")`, `.t_args("…"`, `label="…"`, success keys
//! (`Some("…")` in pages), and the error codes of the domain and the services, which the UI shows
//! as `error-<code>` and `field-<code>`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}

fn keys_of(lang: &str) -> BTreeSet<String> {
    files(&root().join("locales").join(lang), "ftl")
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
                .filter(|k| !k.is_empty() && !k.starts_with('#') && !k.starts_with(' '))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The string literals that follow `marker` in a source file.
fn literals_after(source: &str, marker: &str) -> Vec<String> {
    source
        .match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &source[i + marker.len()..];
            rest.find('"').map(|end| rest[..end].to_owned())
        })
        .collect()
}

/// The second string literal of each call starting with `marker`, when both are literals
/// (`f("name", "code")`).
fn second_literal_after(source: &str, marker: &str) -> Vec<String> {
    source
        .match_indices(marker)
        .filter_map(|(i, _)| {
            let args: Vec<&str> = source[i..].split('"').collect();
            (args.len() > 3 && args[2] == ", ").then(|| args[3].to_owned())
        })
        .collect()
}

fn sources(dir: &str) -> Vec<String> {
    files(&root().join(dir).join("src"), "rs").iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

fn used_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for source in sources("app") {
        for marker in [".t(\"", ".t_args(\"", "label=\"", "title=\"", "Some(\"", "ApiError::new(\""] {
            for key in literals_after(&source, marker) {
                keys.insert(if marker.starts_with("ApiError") { format!("error-{key}") } else { key });
            }
        }
        // Success messages of forms: `finish(form, outcome, "ok-key", &values)`.
        for (i, _) in source.match_indices("::finish(") {
            let call = &source[i..source[i..].find(".await").map_or(source.len(), |end| i + end)];
            if let Some(end) = call.find("\", &") {
                let start = call[..end].rfind('"').map_or(end, |s| s + 1);
                if start < end {
                    keys.insert(call[start..end].to_owned());
                }
            }
        }
        // Labels of the company identifiers, passed around as data.
        keys.extend(literals_after(&source, "(\"company-").into_iter().map(|k| format!("company-{k}")));
    }
    for source in sources("domain").iter().chain(sources("services").iter()) {
        keys.extend(literals_after(source, "Err(\"").into_iter().map(|c| format!("field-{c}")));
        keys.extend(literals_after(source, "Conflict(\"").into_iter().map(|c| format!("error-{c}")));
        keys.extend(literals_after(source, "refused(\"").into_iter().map(|c| format!("error-{c}")));
        keys.extend(literals_after(source, "SsoRefused(\"").into_iter().map(|c| format!("error-{c}")));
        // `errors.add("field", "code")` and `AppError::field("field", "code")`, with a literal code.
        for marker in [".add(\"", "AppError::field("] {
            keys.extend(second_literal_after(source, marker).into_iter().map(|c| format!("field-{c}")));
        }
    }
    // Reasons of refused single sign-ons.
    let sso_rs = std::fs::read_to_string(root().join("services/src/sso/callback.rs")).unwrap();
    keys.extend(literals_after(&sso_rs, "=> \"sso-").into_iter().map(|c| format!("error-sso-{c}")));
    let error_rs = std::fs::read_to_string(root().join("services/src/error.rs")).unwrap();
    keys.extend(literals_after(&error_rs, "=> \"").into_iter().map(|c| format!("error-{c}")));
    // Keys of enumerations, through each one's `ALL` and `label_key`: pages use no other way to
    // name them.
    keys.extend(domain::Role::ALL.iter().map(|r| r.label_key().to_owned()));
    keys.extend(domain::AuditKind::ALL.iter().map(|k| k.label_key().to_owned()));
    keys.extend(domain::Lang::ALL.iter().map(|l| format!("language-{}", l.tag())));
    keys.extend(domain::Severity::ALL.map(|s| s.label_key().to_owned()));
    keys.extend(domain::stock::anomaly::Anomaly::ALL.map(|a| a.label_key().to_owned()));
    keys.extend(domain::stock::movement::MovementKind::ALL.map(|k| k.label_key().to_owned()));
    keys.extend(domain::stock::import::ImportKind::ALL.map(|k| k.label_key().to_owned()));
    keys.extend(domain::stock::import::ImportPhase::ALL.map(|p| p.label_key().to_owned()));
    keys.extend(domain::invoicing::payment::PaymentMethod::ALL.map(|m| m.label_key().to_owned()));
    keys.extend(domain::invoicing::payment::Settlement::ALL.map(|s| s.label_key().to_owned()));
    keys.extend(domain::invoicing::mentions::Mention::ALL.map(|m| m.label_key().to_owned()));
    keys.extend(domain::invoicing::draft::Category::ALL.map(|c| c.label_key().to_owned()));
    keys.extend(domain::Country::ALL.map(|c| c.label_key().to_owned()));
    keys.extend(domain::customer::CustomerKind::ALL.map(|k| k.label_key().to_owned()));
    keys.extend(domain::mission::state::MissionState::ALL.map(|s| s.label_key().to_owned()));
    keys.extend(domain::mission::state::Priority::ALL.map(|p| p.label_key().to_owned()));
    keys.extend(domain::mission::state::Action::ALL.map(|a| a.label_key().to_owned()));
    keys.extend(domain::timesheet::EntryStatus::ALL.map(|s| s.label_key().to_owned()));
    keys.extend(domain::events::EventKind::ALL.map(|k| k.label_key().to_owned()));
    keys.extend(domain::alerts::RuleKind::ALL.map(|k| k.label_key().to_owned()));
    keys.extend(domain::alerts::RuleKind::ALL.map(|k| format!("{}-hint", k.label_key())));
    keys.extend([domain::alerts::Unit::Minutes, domain::alerts::Unit::Days].map(|u| u.label_key().to_owned()));
    {
        use domain::governance::Mode;
        use domain::governance::flags::Closed;
        keys.extend(Mode::ALL.map(|m| m.label_key().to_owned()));
        keys.extend(Mode::ALL.map(|m| format!("{}-effect", m.label_key())));
        for mode in Mode::ALL {
            for code in [mode.closed_code(), mode.writes_code()] {
                keys.extend([format!("error-{code}"), format!("error-{code}-reason")]);
            }
        }
        keys.extend(domain::Flag::ALL.iter().map(|f| f.label_key().to_owned()));
        keys.extend(domain::Flag::ALL.iter().map(|f| f.category().label_key().to_owned()));
        keys.extend(domain::Flag::ALL.iter().map(|f| f.risk().label_key().to_owned()));
        let closed = [Closed::Off, Closed::Killed(String::new()), Closed::Role, Closed::Rollout];
        keys.extend(closed.iter().map(|c| format!("error-{}", c.code())));
        keys.insert("error-feature-killed-reason".into());
    }
    // Refusals of a mission's step, shown as a field error (the note) or a conflict.
    {
        use domain::mission::state::{Note, Refusal};
        keys.extend(
            [Refusal::NoteMissing(Note::Reason), Refusal::NoteMissing(Note::Report)]
                .map(|r| format!("field-{}", r.code())),
        );
        keys.extend([Refusal::NotFromHere, Refusal::NotTheirs].map(|r| format!("error-{}", r.code())));
    }
    // Refused erasures of personal data, and what the page says beside a member.
    {
        use domain::governance::personal_data::ErasureRefusal;
        keys.extend(ErasureRefusal::ALL.map(|r| format!("error-{}", r.code())));
        keys.extend(ErasureRefusal::ALL.map(|r| r.why_key().to_owned()));
    }
    // Codes the database's triggers raise, turned into conflicts by `AppError::raised`.
    keys.extend(
        ["mission-state-changed", "time-entry-overlaps", "customer-anonymised", "user-anonymised"]
            .map(|c| format!("error-{c}")),
    );
    keys.extend(["choose", "mission-no-technician-yet", "emergency-any-technician"].map(str::to_owned));
    keys.extend(["invoices", "missions", "alerts", "governance", "settings"].map(|a| format!("nav-{a}")));
    keys.insert("error-request-failed".into());
    keys
}

#[test]
fn english_and_french_have_the_same_keys() {
    let en = keys_of("en");
    let fr = keys_of("fr");
    assert!(en.len() > 50, "suspiciously few keys: {}", en.len());
    let only_en: Vec<_> = en.difference(&fr).collect();
    let only_fr: Vec<_> = fr.difference(&en).collect();
    assert!(only_en.is_empty() && only_fr.is_empty(), "only in en: {only_en:?}; only in fr: {only_fr:?}");
}

#[test]
fn every_key_used_in_code_exists() {
    let en = keys_of("en");
    let missing: Vec<_> = used_keys().into_iter().filter(|k| !en.contains(k)).collect();
    assert!(missing.is_empty(), "keys used in code but missing from locales/: {missing:?}");
}

#[test]
fn lookups_resolve_in_both_languages() {
    use app::i18n::I18n;
    let en = I18n { lang: domain::Lang::En };
    let fr = I18n { lang: domain::Lang::Fr };
    assert_eq!(en.t("login-title"), "Sign in");
    assert_eq!(fr.t("login-title"), "Connexion");
    assert_eq!(fr.t_args("sites-count", &[("shown", "2".into()), ("total", "3".into())]), "2 sur 3 sites");
}

/// Forms post to a server function through its own path (`Function::PATH`), never a path typed
/// as text: a form cannot post to an endpoint that does not exist, and the identity tests tie
/// every path to the access table. Computed keys likewise come from `label_key`.
#[test]
fn pages_name_endpoints_and_keys_through_types() {
    for dir in ["pages", "components"] {
        for file in files(&root().join("app/src").join(dir), "rs") {
            let source = std::fs::read_to_string(&file).unwrap();
            assert!(!source.contains("\"/api/"), "{}: a form action typed as text", file.display());
            for prefix in [
                "movement-",
                "role-",
                "audit-kind-",
                "severity-",
                "anomaly-",
                "import-kind-",
                "import-phase-",
                "payment-method-",
                "settlement-",
                "mention-",
                "customer-kind-",
                "country-",
                "category-",
            ] {
                let built = format!("format!(\"{prefix}{{");
                assert!(!source.contains(&built), "{}: a `{prefix}` key built as text", file.display());
            }
        }
    }
}
