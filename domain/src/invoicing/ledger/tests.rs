use super::*;
use sha2::{Digest, Sha256};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn chain(n: usize) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for i in 0..n {
        let previous = entries.last().map(|e| (e.seq, e.hash.as_str()));
        let fields =
            json!({ "number": format!("F-2026-{:05}", i + 1), "total": 1200 + i as i64, "note": "Dépôt \"n°1\"\n" });
        entries.push(Entry::next(
            previous,
            EntryKind::Invoice,
            format!("F-2026-{:05}", i + 1),
            day(1 + i as u32),
            fields,
        ));
    }
    entries
}

#[test]
fn the_canonical_form_is_sorted_compact_json() {
    let entry = &chain(1)[0];
    assert_eq!(
        entry.canonical(),
        r#"{"date":"2026-03-01","entity":"F-2026-00001","fields":{"note":"Dépôt \"n°1\"\n","number":"F-2026-00001","total":1200},"kind":"invoice","previous":"0000000000000000000000000000000000000000000000000000000000000000","seq":1}"#
    );
    assert_eq!(entry.hash, hex::encode(Sha256::digest(entry.canonical().as_bytes())));
    assert_eq!(entry.previous, GENESIS);
}

#[test]
fn a_whole_chain_follows_and_every_tampering_is_named() {
    let entries = chain(5);
    let head = follow((0, GENESIS.to_owned()), &entries).unwrap();
    assert_eq!(head, (5, entries[4].hash.clone()));

    let mut altered = entries.clone();
    altered[2].fields["total"] = json!(1);
    assert_eq!(follow((0, GENESIS.to_owned()), &altered), Err(Break::Altered { seq: 3 }));

    let mut rehashed = altered.clone();
    rehashed[2].hash = rehashed[2].computed_hash();
    assert!(matches!(follow((0, GENESIS.to_owned()), &rehashed), Err(Break::Unlinked { seq: 4, .. })));

    let mut removed = entries.clone();
    removed.remove(1);
    assert_eq!(follow((0, GENESIS.to_owned()), &removed), Err(Break::OutOfSequence { seq: 3, expected: 2 }));

    let mut swapped = entries.clone();
    swapped.swap(1, 2);
    assert_eq!(follow((0, GENESIS.to_owned()), &swapped), Err(Break::OutOfSequence { seq: 3, expected: 2 }));

    // Dropping the last entry leaves a valid chain: only the head recorded elsewhere shows it.
    assert_eq!(follow((0, GENESIS.to_owned()), &entries[..4]).unwrap().0, 4);
}

#[test]
fn entries_read_back_from_their_json_line() {
    let entry = chain(2).pop().unwrap();
    let line = serde_json::to_string(&entry).unwrap();
    let back: Entry = serde_json::from_str(&line).unwrap();
    assert_eq!(back, entry);
    assert_eq!(back.computed_hash(), entry.hash);
}
