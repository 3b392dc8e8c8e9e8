//! Archives and their offline verification, on every configured backend: a period's entries,
//! PDFs and manifest written from a real ledger; `verify` (and the Python verifier printed in
//! docs/verification.md) find it sound; and every tampering is detected and named: one byte of
//! a PDF, one field of an entry, an entry deleted, two swapped, the last one dropped, a missing
//! PDF, a manifest naming a missing file, a truncated line, an invalid UTF-8 byte, a path
//! leaving the folder.

mod support;

use std::path::{Path, PathBuf};

use domain::invoicing::ledger::closure::Period;
use services::invoicing::archive::{self, verify::verify};
use services::testing::{TestEnv, backends};
use support::*;

/// A tampering: its name, the change made to a copy of the archive, and what `verify` must say.
type Case<'a> = (&'a str, Box<dyn FnOnce(&Path) + 'a>, &'a str);

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("documents")).unwrap();
    for name in ["manifest.json", "ledger.jsonl"] {
        std::fs::copy(from.join(name), to.join(name)).unwrap();
    }
    for file in std::fs::read_dir(from.join("documents")).unwrap() {
        let file = file.unwrap().path();
        std::fs::copy(&file, to.join("documents").join(file.file_name().unwrap())).unwrap();
    }
}

/// The archive in `original`, altered by `change` in a copy, and what `verify` says of it.
fn tampered(original: &Path, scratch: &Path, name: &str, change: impl FnOnce(&Path)) -> String {
    let dir = scratch.join(name);
    copy(original, &dir);
    change(&dir);
    verify(&dir).expect_err(name)
}

fn lines(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("ledger.jsonl")).unwrap().lines().map(str::to_owned).collect()
}

fn write_lines(dir: &Path, lines: &[String]) {
    std::fs::write(dir.join("ledger.jsonl"), lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
}

fn edit_manifest(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("manifest.json");
    let mut manifest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut manifest);
    std::fs::write(path, manifest.to_string()).unwrap();
}

/// The verifier printed in docs/verification.md, run by Python on `dir`: (success, output).
fn python_verifier(dir: &Path) -> Option<(bool, String)> {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/verification.md")).unwrap();
    let start = docs.find("```python\n").expect("the docs hold the verifier") + 10;
    let code = &docs[start..start + docs[start..].find("```").unwrap()];
    assert!(code.lines().filter(|l| !l.trim().is_empty()).count() <= 25, "a short verifier");
    let python = std::env::var("ATELIER_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = dir.with_extension("py");
    std::fs::write(&script, code).unwrap();
    let out = std::process::Command::new(python).arg(&script).arg(dir).output().ok()?;
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Some((out.status.success(), text))
}

#[tokio::test]
async fn an_archive_verifies_offline_and_every_tampering_is_named() {
    for backend in backends() {
        let env = TestEnv::with_demo(backend).await;
        let accountant = env.scope("accountant@demo.example", "demo").await;
        let martin = customer(&accountant, "boulangerie martin").await;
        let id = invoice(&env, &accountant, &martin, "20", &[("3", "40"), ("1", "12,5")]).await;
        pay(&accountant, &id, "2026-12-02", "20", "transfer", at(12, 2)).await.unwrap();

        let scratch = tempfile::tempdir().unwrap();
        let original: PathBuf = scratch.path().join("archive-2026");
        let manifest = archive::write_for(&accountant, Period::parse("2026").unwrap(), &original).await.unwrap();
        assert!(manifest.documents.len() >= 2 && manifest.ledger.entries > manifest.documents.len() as i64);
        let sound = verify(&original).unwrap();
        assert_eq!((sound.entries, sound.head.as_str()), (manifest.ledger.entries, manifest.ledger.head.as_str()));
        if let Some((ok, text)) = python_verifier(&original) {
            assert!(ok && text.starts_with("OK "), "{backend:?}: the Python verifier: {text}");
            assert!(text.contains(&manifest.ledger.head));
        }
        assert_eq!(
            services::testing::code(
                archive::write_for(&accountant, Period::parse("2026").unwrap(), &original).await.map(|_| ())
            ),
            "archive-folder-not-empty"
        );
        let manager = env.scope("manager@demo.example", "demo").await;
        let elsewhere = scratch.path().join("manager");
        assert_eq!(
            services::testing::code(
                archive::write_for(&manager, Period::parse("2026").unwrap(), &elsewhere).await.map(|_| ())
            ),
            "forbidden"
        );

        let pdf = manifest.documents[0].file.clone();
        let cases: Vec<Case> = vec![
            (
                "pdf-byte",
                Box::new(|d: &Path| {
                    let path = d.join(&pdf);
                    let mut bytes = std::fs::read(&path).unwrap();
                    let middle = bytes.len() / 2;
                    bytes[middle] ^= 1;
                    std::fs::write(path, bytes).unwrap();
                }),
                "the PDF was altered",
            ),
            (
                "entry-field",
                Box::new(|d: &Path| {
                    let mut l = lines(d);
                    let mut entry: serde_json::Value = serde_json::from_str(&l[1]).unwrap();
                    entry["fields"]["altered"] = serde_json::json!(1);
                    l[1] = entry.to_string();
                    write_lines(d, &l);
                }),
                "line 2: entry",
            ),
            (
                "entry-deleted",
                Box::new(|d: &Path| {
                    let mut l = lines(d);
                    l.remove(1);
                    write_lines(d, &l);
                }),
                "line 2: entry",
            ),
            (
                "entries-swapped",
                Box::new(|d: &Path| {
                    let mut l = lines(d);
                    l.swap(1, 2);
                    write_lines(d, &l);
                }),
                "line 2: entry",
            ),
            (
                "last-dropped",
                Box::new(|d: &Path| {
                    let mut l = lines(d);
                    l.pop();
                    write_lines(d, &l);
                }),
                "entries were dropped or added",
            ),
            ("pdf-missing", Box::new(|d: &Path| std::fs::remove_file(d.join(&pdf)).unwrap()), "missing or unreadable"),
            (
                "manifest-names-nothing",
                Box::new(|d: &Path| edit_manifest(d, |m| m["ledger"]["file"] = "nowhere.jsonl".into())),
                "nowhere.jsonl: missing",
            ),
            (
                "truncated-line",
                Box::new(|d: &Path| {
                    let text = std::fs::read(d.join("ledger.jsonl")).unwrap();
                    std::fs::write(d.join("ledger.jsonl"), &text[..text.len() - 20]).unwrap();
                }),
                "truncated",
            ),
            (
                "invalid-utf8",
                Box::new(|d: &Path| {
                    let mut text = std::fs::read(d.join("ledger.jsonl")).unwrap();
                    let at = text.iter().position(|b| *b == b'"').unwrap() + 1;
                    text[at] = 0xff;
                    std::fs::write(d.join("ledger.jsonl"), text).unwrap();
                }),
                "line 1: not UTF-8",
            ),
            (
                "path-escapes",
                Box::new(|d: &Path| edit_manifest(d, |m| m["documents"][0]["file"] = "../../../../etc/passwd".into())),
                "outside the archive folder",
            ),
            (
                "link-escapes",
                Box::new(|d: &Path| {
                    let target = d.join(&pdf);
                    std::fs::remove_file(&target).unwrap();
                    std::os::unix::fs::symlink("/etc/hostname", &target).unwrap();
                }),
                "outside the archive folder",
            ),
        ];
        for (name, change, expected) in cases {
            let problem = tampered(&original, scratch.path(), name, change);
            assert!(problem.contains(expected), "{backend:?} {name}: {problem}");
            if matches!(name, "pdf-byte" | "entry-field" | "entry-deleted" | "last-dropped")
                && let Some((ok, text)) = python_verifier(&scratch.path().join(name))
            {
                assert!(!ok, "{backend:?} {name}: the Python verifier missed it: {text}");
            }
        }
        env.finish().await;
    }
}
