use super::*;
use crate::hash_chain::{Break, follow};

fn fields(at_ms: i64, kind: &str, subject: &str) -> AuditFields {
    AuditFields {
        at_ms,
        kind: kind.into(),
        tenant: Some("ACME".into()),
        user_id: Some("u-1".into()),
        subject: Some(subject.into()),
        client_ip: Some("203.0.113.9".into()),
        ..AuditFields::default()
    }
}

fn chain(n: i64) -> Vec<AuditLink> {
    let mut links: Vec<AuditLink> = Vec::new();
    for i in 1..=n {
        let head = links.last().map_or(AuditLink::genesis(), |l| (l.seq, l.hash.clone()));
        links.push(AuditLink::next((head.0, &head.1), fields(1_700_000_000_000 + i, "login-failed", "a@b.fr")));
    }
    links
}

#[test]
fn the_canonical_form_is_sorted_compact_json_without_the_hash() {
    let link = AuditLink::next((0, GENESIS), fields(5, "logout", "Zoé \"z\"\n"));
    assert_eq!(
        link.canonical(),
        format!(
            "{{\"at_ms\":5,\"chain\":\"ACME\",\"client_ip\":\"203.0.113.9\",\"detail\":null,\"kind\":\"logout\",\
             \"previous\":\"{GENESIS}\",\"request_id\":null,\"seq\":1,\"subject\":\"Zoé \\\"z\\\"\\n\",\
             \"tenant\":\"ACME\",\"user_agent\":null,\"user_id\":\"u-1\"}}"
        )
    );
    assert_eq!(link.hash.len(), 64);
    assert_eq!(link.hash, link.computed_hash());
}

#[test]
fn events_without_a_company_go_to_the_platform_chain_and_empty_texts_are_absent() {
    let mut f = fields(5, "login-failed", "");
    f.tenant = None;
    let link = AuditLink::next((0, GENESIS), f);
    assert_eq!((link.chain.as_str(), link.subject.as_deref()), (PLATFORM_CHAIN, None));
}

#[test]
fn a_sound_chain_is_followed_to_its_head() {
    let links = chain(4);
    assert_eq!(follow(AuditLink::genesis(), &links), Ok((4, links[3].hash.clone())));
    assert_eq!(links[1].previous, links[0].hash);
}

#[test]
fn every_tampering_is_found_at_the_entry_it_touched() {
    let links = chain(5);
    let mut altered = links.clone();
    altered[2].subject = Some("someone-else@b.fr".into());
    assert_eq!(follow(AuditLink::genesis(), &altered), Err(Break::Altered { seq: 3 }));

    let mut moved = links.clone();
    moved[1].chain = "OTHER".into();
    assert_eq!(follow(AuditLink::genesis(), &moved), Err(Break::Altered { seq: 2 }));

    let mut rehashed = links.clone();
    rehashed[2].detail = Some("covered up".into());
    rehashed[2].hash = rehashed[2].computed_hash();
    assert!(matches!(follow(AuditLink::genesis(), &rehashed), Err(Break::Unlinked { seq: 4, .. })));

    let mut removed = links.clone();
    removed.remove(1);
    assert_eq!(follow(AuditLink::genesis(), &removed), Err(Break::OutOfSequence { seq: 3, expected: 2 }));
}

#[test]
fn an_exported_line_reads_back_as_the_same_link_and_nothing_else() {
    let link = &chain(1)[0];
    let line = serde_json::to_string(link).unwrap();
    assert_eq!(&serde_json::from_str::<AuditLink>(&line).unwrap(), link);
    let extra = line.replacen('{', "{\"extra\":1,", 1);
    assert!(serde_json::from_str::<AuditLink>(&extra).is_err(), "an unknown field is refused");
}
