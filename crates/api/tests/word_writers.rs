//! Word replies from the word processors counterparties use, made by those word processors:
//! the customer's round 1 exported for Word, edited in LibreOffice Writer (Track Changes on
//! and off) or passed through pandoc, and imported as the provider's round 2. Every clause is
//! found, nothing is merged, term changes are typed, every word of the reply's clauses
//! arrives in order, and what a writer dropped (content controls, custom properties) costs
//! nothing.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::Timestamp;
use serde_json::json;
use sla_api::{Backend, ErrorCode, TemplateRequest};
use sla_model::{CommentTarget, PartyRole};
use sla_templates::Position;

#[path = "support/writers.rs"]
mod writers;

use writers::{clause_words, in_order, libreoffice_edit, through_pandoc};

fn at(minute: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + minute * 60).unwrap()
}

/// The customer's workspace with round 1 of the balanced SaaS SLA proposed, its id and the
/// round exported for Word.
fn proposed(folder: &std::path::Path) -> (Backend, String, Vec<u8>) {
    let customer = Backend::open(folder);
    let request = TemplateRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        our_role: PartyRole::Customer,
        title: None,
        counterparty: "Cloudy Hosting Ltd".into(),
        our_name: "Acme Retail plc".into(),
        options: Default::default(),
        set: Default::default(),
    };
    let id = customer
        .create_from_template(request, at(0))
        .unwrap()
        .id
        .to_string();
    customer.propose_round(&id, "Opening", at(1)).unwrap();
    let docx = customer.export_docx(&id, Some(1), at(2)).unwrap();
    (customer, id, docx)
}

/// Every word of the reply's clauses is in round 2, in order (round 2 exported for Word and
/// read back the same way).
fn assert_every_word_arrives(customer: &Backend, id: &str, reply: &[u8]) {
    let round = clause_words(&customer.export_docx(id, Some(2), at(9)).unwrap());
    if let Err(missing) = in_order(&clause_words(reply), &round) {
        panic!("round 2 lacks a word of the reply: {missing}");
    }
}

#[test]
fn a_file_saved_again_by_libreoffice_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let (customer, id, docx) = proposed(folder.path());
    let saved = libreoffice_edit(&docx, "Vendor Counsel", true, json!([]));
    let imported = customer
        .import_word_reply(&id, &saved, "reply.docx", None, at(3))
        .unwrap();
    assert_eq!(imported.round, None, "{imported:?}");
    assert!(
        imported.changes.is_empty() && imported.unmapped.is_empty(),
        "{imported:?}"
    );
    assert_eq!(customer.open_agreement(&id).unwrap().rounds.len(), 1);
}

#[test]
fn a_file_through_pandoc_is_matched_by_its_text_and_changes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let (customer, id, docx) = proposed(folder.path());
    let converted = through_pandoc(&docx);
    assert!(
        sla_docx::read_docx(&converted).unwrap().agreement_id.is_none(),
        "pandoc drops the custom properties"
    );
    // Without its properties the file names nothing: the user is asked which round it answers.
    let asked = customer
        .import_word_reply(&id, &converted, "reply.docx", None, at(3))
        .unwrap();
    let found = asked.to_confirm.unwrap();
    assert_eq!(found.round, 1);
    assert!(found.matched_percent >= 95, "{found:?}");
    assert_eq!(asked.round, None);
    // Confirmed: not one word changed, so no round.
    let imported = customer
        .import_word_reply(&id, &converted, "reply.docx", Some(1), at(3))
        .unwrap();
    assert_eq!(imported.round, None, "{imported:?}");
    assert!(
        imported.changes.is_empty() && imported.unmapped.is_empty(),
        "{imported:?}"
    );

    // Another agreement's file is not taken for this one's.
    let other = tempfile::tempdir().unwrap();
    let (_, _, other_docx) = proposed(other.path());
    let stripped = through_pandoc(&other_docx);
    let imported = customer
        .import_word_reply(&id, &stripped, "other.docx", None, at(3))
        .unwrap();
    assert!(
        imported.to_confirm.is_some(),
        "the same template's text matches: the user decides, nothing is imported"
    );
    assert_eq!(customer.open_agreement(&id).unwrap().rounds.len(), 1);
}

#[test]
fn tracked_edits_in_libreoffice_arrive_whole() {
    let folder = tempfile::tempdir().unwrap();
    let (customer, id, docx) = proposed(folder.path());
    let reply = libreoffice_edit(
        &docx,
        "Vendor Counsel",
        true,
        json!([
            {"op": "replace", "find": "99.9 %", "with": "99.5 %"},
            {"op": "insert_before", "find": "ensure that the Service achieves", "text": "use commercially reasonable efforts to "},
            {"op": "replace", "find": "independent external monitoring", "with": "the Provider's own monitoring"},
            {"op": "delete_clause", "heading": "Chronic failure"},
            {"op": "add_paragraph", "after": "any excess is.", "text": "The Provider shall publish a maintenance calendar each quarter."},
            {"op": "replace", "find": "25 %", "with": "20 %"},
            {"op": "comment", "find": "99.5 %", "text": "Our monitoring shows 99.5 % is what we can commit to."}
        ]),
    );
    let imported = customer
        .import_word_reply(&id, &reply, "reply.docx", None, at(3))
        .unwrap();
    assert_eq!(imported.round, Some(2), "{imported:?}");
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);
    let by = "(tracked: Vendor Counsel, ";
    let has = |text: &str| {
        imported
            .changes
            .iter()
            .any(|c| c.contains(text) && c.contains(by))
    };
    assert!(
        has("Availability target: 99.9 % → 99.5 %"),
        "{:?}",
        imported.changes
    );
    assert!(has("Clause 2.1 Availability: reworded"), "{:?}", imported.changes);
    assert!(
        has("Clause 2.2 Scheduled maintenance: reworded"),
        "{:?}",
        imported.changes
    );
    assert!(
        has("Service credit tiers: its table changed"),
        "{:?}",
        imported.changes
    );
    assert!(
        imported
            .changes
            .iter()
            .any(|c| c.contains("deleted: Chronic failure")),
        "{:?}",
        imported.changes
    );
    assert!(
        has("Measurement method rewritten as their words “the Provider's own monitoring"),
        "{:?}",
        imported.changes
    );

    let round = customer.version(&id, Some(2)).unwrap();
    let clause = |clause_id: &str| {
        let (s, c) = round.locate_clause(clause_id).unwrap();
        round.sections[s].clauses[c].text.clone()
    };
    assert_eq!(
        round.percentage("availability.target").unwrap().thousandths(),
        99_500
    );
    let availability = clause("availability");
    assert!(
        availability.contains("shall use commercially reasonable efforts to ensure"),
        "{availability}"
    );
    assert!(
        availability.contains("the Provider's own monitoring"),
        "{availability}"
    );
    assert!(
        !availability.contains("{{availability.method}}"),
        "the choice is no longer quoted"
    );
    assert!(
        clause("scheduled-maintenance")
            .ends_with("The Provider shall publish a maintenance calendar each quarter.")
    );
    assert!(round.locate_clause("chronic-failure").is_none());
    // Every other clause is there, each once: nothing merged, nothing lost.
    let ids: Vec<&str> = round
        .sections
        .iter()
        .flat_map(|s| &s.clauses)
        .map(|c| c.id.as_str())
        .collect();
    let sent = customer.version(&id, Some(1)).unwrap();
    let expected: Vec<&str> = sent
        .sections
        .iter()
        .flat_map(|s| &s.clauses)
        .map(|c| c.id.as_str())
        .filter(|c| *c != "chronic-failure")
        .collect();
    assert_eq!(ids, expected);
    let tiers = sla_templates::format::term_value(&round.terms["credits.tiers"].value);
    assert_eq!(tiers, "below 99.9 %: 10 %; below 99 %: 20 %; below 95 %: 50 %");
    let review = customer.review(&id, Some(1), Some(2)).unwrap();
    assert!(
        review.comments.iter().any(|c| c.text
            == "Vendor Counsel: Our monitoring shows 99.5 % is what we can commit to."
            && c.target == CommentTarget::Clause("availability".into())),
        "{:?}",
        review.comments
    );
    assert_every_word_arrives(&customer, &id, &reply);
}

#[test]
fn edits_in_libreoffice_without_track_changes_count_too() {
    let folder = tempfile::tempdir().unwrap();
    let (customer, id, docx) = proposed(folder.path());
    let reply = libreoffice_edit(
        &docx,
        "Vendor Counsel",
        false,
        json!([
            {"op": "replace", "find": "within 30 days after", "with": "within 10 days after"},
            {"op": "delete_clause", "heading": "Exclusions"},
            {"op": "add_clause", "after": "any excess is.", "heading": "Security incidents",
             "text": "The Provider shall notify the Customer of a security incident within 24 hours."},
            {"op": "replace", "find": "30 minutes", "with": "15 minutes"}
        ]),
    );
    let imported = customer
        .import_word_reply(&id, &reply, "reply.docx", None, at(3))
        .unwrap();
    assert_eq!(imported.round, Some(2), "{imported:?}");
    assert!(imported.unmapped.is_empty(), "{:?}", imported.unmapped);
    let has = |text: &str| imported.changes.iter().any(|c| c.contains(text));
    assert!(
        has("Claim window: 30 days → 10 days (made without Track Changes)"),
        "{:?}",
        imported.changes
    );
    assert!(
        has("deleted: Exclusions (no longer in the Word file)"),
        "{:?}",
        imported.changes
    );
    assert!(has("Security incidents: added"), "{:?}", imported.changes);
    assert!(
        has("Priority targets: its table changed") || has("its table changed"),
        "{:?}",
        imported.changes
    );
    let round = customer.version(&id, Some(2)).unwrap();
    let headings: Vec<&str> = round.sections[1]
        .clauses
        .iter()
        .map(|c| c.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        ["Availability", "Scheduled maintenance", "Security incidents"]
    );
    let added = &round.sections[1].clauses[2];
    assert_eq!(
        added.text,
        "The Provider shall notify the Customer of a security incident within 24 hours."
    );
    assert_every_word_arrives(&customer, &id, &reply);
}

#[test]
fn a_value_no_term_allows_typed_in_libreoffice_is_refused_naming_clause_and_term() {
    let folder = tempfile::tempdir().unwrap();
    let (customer, id, docx) = proposed(folder.path());
    let reply = libreoffice_edit(
        &docx,
        "Vendor Counsel",
        true,
        json!([{"op": "replace", "find": "99.9 %", "with": "150 %"}]),
    );
    let error = customer
        .import_word_reply(&id, &reply, "reply.docx", None, at(3))
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.contains("clause 2.1") && error.message.contains("Availability target"),
        "{}",
        error.message
    );
    assert_eq!(customer.open_agreement(&id).unwrap().rounds.len(), 1);
}
