use super::*;
use crate::Country;
use crate::email::Email;
use crate::party::{LegalIds, PostalAddress};

fn address(street: &str) -> PostalAddress {
    PostalAddress {
        street: street.into(),
        street2: Some("Bât. B".into()),
        postcode: "69003".into(),
        city: "Lyon".into(),
    }
}

fn customer(kind: CustomerKind) -> Customer {
    Customer {
        kind,
        legal_name: "Claire Martin".into(),
        legal_form: None,
        address: address("12 rue des Lilas"),
        delivery_address: Some(address("3 impasse Verte")),
        email: Some(Email::parse("claire@example.fr").unwrap()),
        terms: None,
        ids: LegalIds::empty(Country::France),
    }
}

#[test]
fn an_erased_individual_keeps_only_where_the_work_was() {
    let erased = erased_customer(&customer(CustomerKind::Individual), "7c1e9a2b-55aa-4c3d-9e0f-123456789abc");
    assert_eq!(erased.legal_name, "anonymised-7c1e9a2b");
    assert_eq!(erased.address.street, ERASED_STREET);
    assert_eq!(erased.address.street2, None);
    assert_eq!((erased.address.postcode.as_str(), erased.address.city.as_str()), ("69003", "Lyon"));
    assert_eq!(erased.delivery_address, None);
    assert_eq!(erased.email, None);
    // the order of the list and its search no longer hold the name
    assert!(!erased.search_text().contains("martin"));
    assert!(!erased.sort_key().contains("martin"));
}

#[test]
fn an_erased_business_keeps_its_legal_identity_and_loses_its_contact() {
    let business = customer(CustomerKind::Business);
    let erased = erased_customer(&business, "b1");
    assert_eq!(erased.email, None);
    assert_eq!(erased.legal_name, business.legal_name);
    assert_eq!(erased.address, business.address);
    assert_eq!(erased.delivery_address, business.delivery_address);
    assert_eq!(erased.ids, business.ids);
}

#[test]
fn erased_names_and_emails_name_their_record_and_deliver_nowhere() {
    assert_eq!(anonymised_name("AB-12-cd-34-ef"), "anonymised-ab12cd34");
    assert_ne!(anonymised_name("aaaaaaaa-1"), anonymised_name("aaaaaaab-1"));
    let email = anonymised_email("7C1E9A2B-55aa");
    assert_eq!(email, "anonymised-7c1e9a2b-55aa@invalid");
    assert!(Email::parse(&email).is_err(), "nobody can type it to sign in");
    assert_eq!(erased_caller(Some("Jean Dupont"), "m-42"), Some("anonymised-m42".into()));
    assert_eq!(erased_caller(None, "m-42"), None);
}

#[test]
fn a_company_erases_only_its_own_departed_members_and_never_itself() {
    let facts = |is_self, anonymised, other_companies| MemberFacts { is_self, anonymised, other_companies };
    assert_eq!(member_erasable(facts(false, false, 0)), Ok(()));
    assert_eq!(member_erasable(facts(true, false, 0)), Err(ErasureRefusal::OwnAccount));
    assert_eq!(member_erasable(facts(false, false, 1)), Err(ErasureRefusal::SharedAccount));
    assert_eq!(member_erasable(facts(false, true, 0)), Err(ErasureRefusal::AlreadyAnonymised));
    assert_eq!(member_erasable(facts(true, true, 2)), Err(ErasureRefusal::AlreadyAnonymised));
    assert_eq!(ErasureRefusal::SharedAccount.code(), "member-shared-account", "the members page's code");
}

#[test]
fn a_customer_with_work_or_drafts_in_progress_is_not_erased() {
    let facts = |anonymised, drafts, open_missions| CustomerFacts { anonymised, drafts, open_missions };
    assert_eq!(customer_erasable(facts(false, 0, 0)), Ok(()));
    assert_eq!(customer_erasable(facts(false, 1, 0)), Err(ErasureRefusal::CustomerDrafts));
    assert_eq!(customer_erasable(facts(false, 0, 3)), Err(ErasureRefusal::CustomerMissions));
    assert_eq!(customer_erasable(facts(true, 0, 0)), Err(ErasureRefusal::AlreadyAnonymised));
}

#[test]
fn an_erasure_must_name_someone_and_be_confirmed() {
    let form = |id: &str, confirm: &str| ErasureForm { id: id.into(), confirm: confirm.into() };
    assert_eq!(form(" u-1 ", "on").parse(), Ok("u-1".into()));
    let codes = |f: ErasureForm| {
        f.parse().unwrap_err().0.into_iter().map(|e| (e.field, e.code)).collect::<Vec<(String, String)>>()
    };
    assert_eq!(codes(form("u-1", "")), [("confirm".into(), "personal-data-confirm-required".into())]);
    assert_eq!(
        codes(form("", "yes")),
        [("id".into(), "required".into()), ("confirm".into(), "personal-data-confirm-required".into())]
    );
    assert_eq!(codes(form("u 1;", "on")), [("id".into(), "invalid-id".into())]);
}

#[test]
fn a_search_is_optional_and_bounded() {
    assert_eq!(parse_search(None), Ok(None));
    assert_eq!(parse_search(Some("  ")), Ok(None));
    assert_eq!(parse_search(Some(" Lyon ")), Ok(Some("Lyon".into())));
    assert!(parse_search(Some(&"x".repeat(MAX_FILTER + 1))).is_err());
}

#[test]
fn a_short_id_is_eight_letters_or_digits_in_lower_case() {
    assert_eq!(short_id("7C1E9A2B-55aa-4c3d"), "7c1e9a2b");
    assert_eq!(short_id("ab-1"), "ab1");
    assert_eq!(anonymised_name("7C1E9A2B-55aa"), format!("anonymised-{}", short_id("7C1E9A2B-55aa")));
}
