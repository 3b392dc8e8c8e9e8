use super::*;
use crate::Lang;
use crate::audit::chain::AuditFields;
use crate::csv_file::CsvFile;

fn chain() -> Vec<AuditLink> {
    let mut links: Vec<AuditLink> = Vec::new();
    for (i, subject) in ["=cmd|' /C calc'!A0", "Zoé; \"quoted\", line\nbreak", ""].iter().enumerate() {
        let head = links.last().map_or((0, GENESIS.to_owned()), |l| (l.seq, l.hash.clone()));
        let fields = AuditFields {
            at_ms: 1_780_000_000_000 + i as i64,
            kind: "login-failed".into(),
            tenant: Some("ACME".into()),
            subject: Some((*subject).into()),
            user_agent: Some("Mozilla/5.0, (X11)".into()),
            ..AuditFields::default()
        };
        links.push(AuditLink::next((head.0, &head.1), fields));
    }
    links
}

fn csv(links: &[AuditLink], lang: Lang) -> Vec<u8> {
    let mut file = CsvFile::new(lang);
    file.row(COLUMNS).unwrap();
    for link in links {
        file.row(cells(link)).unwrap();
    }
    file.finish().unwrap()
}

fn jsonl(links: &[AuditLink]) -> Vec<u8> {
    links.iter().map(|l| serde_json::to_string(l).unwrap() + "\n").collect::<String>().into_bytes()
}

#[test]
fn both_exports_check_in_both_languages() {
    let links = chain();
    let sound = FileCheck { chain: Some("ACME".into()), entries: 3, head: links[2].hash.clone() };
    assert_eq!(check_file(&jsonl(&links), Format::JsonLines), Ok(sound.clone()));
    for lang in [Lang::En, Lang::Fr] {
        assert_eq!(check_file(&csv(&links, lang), Format::Csv), Ok(sound.clone()), "{lang:?}");
    }
}

#[test]
fn a_changed_cell_or_line_is_named_by_its_line() {
    let links = chain();
    let text = String::from_utf8(jsonl(&links)).unwrap().replace("login-failed", "login-succeeded");
    assert_eq!(check_file(text.as_bytes(), Format::JsonLines).unwrap_err().line, 1);

    let owned = String::from_utf8(jsonl(&links)).unwrap();
    let mut dropped: Vec<&str> = owned.lines().collect();
    dropped.remove(1);
    let broken = check_file(dropped.join("\n").as_bytes(), Format::JsonLines).unwrap_err();
    assert_eq!(broken.line, 2);
    assert!(broken.problem.contains("expected entry 2"), "{broken}");

    let mut moved = links.clone();
    moved[2].user_agent = Some("curl".into());
    let file = String::from_utf8(csv(&moved, Lang::Fr)).unwrap();
    let broken = check_file(file.as_bytes(), Format::Csv).unwrap_err();
    assert!(broken.problem.contains("altered"), "{broken}");
}

#[test]
fn files_that_are_not_exports_are_refused_with_their_line() {
    assert_eq!(check_file(b"{\"seq\":1}\n", Format::JsonLines).unwrap_err().line, 1);
    assert_eq!(check_file(b"a,b\n1,2\n", Format::Csv).unwrap_err().line, 1);
    assert_eq!(
        check_file(b"ok\n\xff\n", Format::JsonLines).unwrap_err(),
        FileBreak { line: 2, problem: "not UTF-8".into() }
    );
    assert_eq!(check_file(b"", Format::JsonLines).unwrap().entries, 0);
}
