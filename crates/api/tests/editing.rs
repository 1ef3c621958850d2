//! Editing a draft through the backend, on a real workspace file: clause text, clauses added
//! from the library, removed and moved, undo and redo, and Markdown import.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use jiff::Timestamp;
use sla_api::{AddClause, ApiError, Backend, ErrorCode, ImportRequest, MoveDirection, TemplateRequest};
use sla_model::PartyRole;
use sla_templates::Position;

fn now() -> Timestamp {
    Timestamp::from_second(1_800_000_000).unwrap()
}

fn drafted(backend: &Backend) -> String {
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
    backend
        .create_from_template(request, now())
        .unwrap()
        .id
        .to_string()
}

fn clause_ids(backend: &Backend, id: &str) -> Vec<String> {
    backend
        .open_agreement(id)
        .unwrap()
        .agreement
        .sections
        .iter()
        .flat_map(|s| s.clauses.iter().map(|c| c.id.to_string()))
        .collect()
}

fn has_term(backend: &Backend, id: &str, term: &str) -> bool {
    backend
        .open_agreement(id)
        .unwrap()
        .agreement
        .terms
        .keys()
        .any(|k| k.as_str() == term)
}

fn add(clause: &str, position: Position) -> AddClause {
    AddClause {
        clause: clause.into(),
        position,
        section: None,
    }
}

#[test]
fn clause_text_is_replaced_and_bad_text_is_refused_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let id = drafted(&backend);
    let text = "The Provider shall keep the Service available at least {{availability.target}} of each month.\n\n  A second paragraph.  \n\n\n";
    let view = backend
        .set_clause_text(&id, "availability", "Availability commitment", text, now())
        .unwrap();
    let clause = &view.document[1].clauses[0];
    assert_eq!(clause.heading, "Availability commitment");
    assert_eq!(clause.paragraphs.len(), 2);
    let stored = backend.open_agreement(&id).unwrap().agreement;
    assert_eq!(
        stored.sections[1].clauses[0].text,
        "The Provider shall keep the Service available at least {{availability.target}} of each month.\n\nA second paragraph."
    );
    assert_eq!(
        view.history.undo.as_deref(),
        Some("edit clause Availability commitment")
    );

    let before = backend.open_agreement(&id).unwrap();
    let dangling = backend
        .set_clause_text(
            &id,
            "availability",
            "Availability",
            "At least {{credits.nonsense}}.",
            now(),
        )
        .unwrap_err();
    assert_eq!(dangling.code, ErrorCode::InvalidInput);
    assert!(
        dangling.message.contains("credits.nonsense"),
        "{}",
        dangling.message
    );
    let unclosed = backend
        .set_clause_text(
            &id,
            "availability",
            "Availability",
            "At least {{availability.target",
            now(),
        )
        .unwrap_err();
    assert!(unclosed.message.contains("never closed"), "{}", unclosed.message);
    let empty = backend
        .set_clause_text(&id, "availability", "Availability", " \n\n ", now())
        .unwrap_err();
    assert!(empty.message.contains("must not be empty"), "{}", empty.message);
    let control = backend
        .set_clause_text(&id, "availability", "Availability", "bell \u{7}", now())
        .unwrap_err();
    assert!(control.message.contains("U+0007"), "{}", control.message);
    let missing = backend
        .set_clause_text(&id, "no-such-clause", "X", "text", now())
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
    assert_eq!(backend.open_agreement(&id).unwrap(), before, "nothing was saved");
}

#[test]
fn clauses_are_added_from_the_library_removed_and_moved() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let id = drafted(&backend);
    let library = backend.library_clauses().unwrap();
    let fines = library.iter().find(|c| c.id == "fines-penalties").unwrap();
    assert_eq!(fines.category, "Remedies");
    assert!(!clause_ids(&backend, &id).contains(&"fines-penalties".to_owned()));

    let view = backend
        .add_clause(&id, &add("fines-penalties", Position::Customer), now())
        .unwrap();
    let remedies = view.document.iter().find(|s| s.heading == "Remedies").unwrap();
    assert_eq!(remedies.clauses.last().unwrap().id, "fines-penalties");
    let fine_terms: Vec<_> = view.terms.iter().filter(|t| t.id.starts_with("fines.")).collect();
    assert!(!fine_terms.is_empty());
    assert!(fine_terms.iter().all(|t| t.quoted_by == ["fines-penalties"]));
    let again = backend
        .add_clause(&id, &add("fines-penalties", Position::Balanced), now())
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    let unknown = backend
        .add_clause(&id, &add("nope", Position::Balanced), now())
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::InvalidInput);

    // Moving: the first clause cannot go up; the last clause of a section goes to the next.
    let first = clause_ids(&backend, &id)[0].clone();
    let edge = backend
        .move_clause(&id, &first, MoveDirection::Up, now())
        .unwrap_err();
    assert_eq!(edge.code, ErrorCode::Conflict);
    let view = backend
        .move_clause(&id, "exclusions", MoveDirection::Down, now())
        .unwrap();
    assert_eq!(view.document[2].heading, "Support");
    assert_eq!(view.document[2].clauses[0].id, "exclusions");
    assert_eq!(view.document[2].clauses[0].number, "3.1");
    let view = backend
        .move_clause(&id, "exclusions", MoveDirection::Up, now())
        .unwrap();
    assert_eq!(view.document[1].clauses.last().unwrap().id, "exclusions");

    // Removing a clause removes the terms only it quoted.
    assert!(has_term(&backend, &id, "maintenance.notice"));
    backend
        .remove_clause(&id, "scheduled-maintenance", now())
        .unwrap();
    assert!(!clause_ids(&backend, &id).contains(&"scheduled-maintenance".to_owned()));
    assert!(!has_term(&backend, &id, "maintenance.notice"));
    assert!(
        has_term(&backend, &id, "availability.target"),
        "still quoted elsewhere"
    );

    // Undo walks back through every edit; redo forward again.
    let view = backend.undo(&id, now()).unwrap();
    assert!(has_term(&backend, &id, "maintenance.notice"));
    assert_eq!(
        view.history.redo.as_deref(),
        Some("remove clause Scheduled maintenance")
    );
    assert_eq!(view.history.undo.as_deref(), Some("move clause Exclusions up"));
    backend.redo(&id, now()).unwrap();
    assert!(!has_term(&backend, &id, "maintenance.notice"));
    for _ in 0..4 {
        backend.undo(&id, now()).unwrap();
    }
    assert!(!clause_ids(&backend, &id).contains(&"fines-penalties".to_owned()));
    assert!(!has_term(&backend, &id, "fines.amount"));
    let nothing = backend.undo(&id, now()).unwrap_err();
    assert_eq!(
        nothing,
        ApiError::new(ErrorCode::Conflict, "There is nothing to undo.")
    );
}

#[test]
fn undo_never_overwrites_a_change_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let id = drafted(&backend);
    backend
        .set_term(&id, "availability.target", "99.95", now())
        .unwrap();
    // Another process (the CLI) changes the same draft through its own backend.
    let other = Backend::open(dir.path());
    other.set_term(&id, "credits.cap", "20", now()).unwrap();
    let refused = backend.undo(&id, now()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    let stored = backend.agreement_view(&id).unwrap();
    let value = |term: &str| stored.terms.iter().find(|t| t.id == term).unwrap().value.clone();
    assert_eq!(
        (value("availability.target"), value("credits.cap")),
        ("99.95 %".into(), "20 %".into())
    );
    assert_eq!(stored.history.undo, None, "the stale history is dropped");
}

#[test]
fn markdown_from_a_picked_file_becomes_an_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/real/commonpaper-sla/v2.0.md");
    let request = ImportRequest {
        file_name: "v2.0.md".into(),
        markdown: std::fs::read_to_string(&file).unwrap(),
        our_role: PartyRole::Customer,
        counterparty: "Vendor Inc".into(),
    };
    let summary = backend.import_markdown(&request, now()).unwrap();
    let record = backend.open_agreement(&summary.id.to_string()).unwrap();
    assert!(
        record.agreement.clause_count() > 10,
        "{}",
        record.agreement.clause_count()
    );
    assert_eq!(record.agreement.parties.provider.name, "Vendor Inc");

    let huge = ImportRequest {
        markdown: "# SLA\n\n".to_owned() + &"x".repeat(sla_import::MAX_MARKDOWN_BYTES),
        ..request
    };
    let refused = backend.import_markdown(&huge, now()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(refused.message.contains("at most"), "{}", refused.message);
    assert_eq!(
        backend.list_agreements().unwrap().len(),
        1,
        "nothing more was stored"
    );
}

#[test]
fn drafting_takes_our_name_and_the_key_terms_typed_in_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let saas = backend
        .list_templates()
        .unwrap()
        .into_iter()
        .find(|t| t.id == "saas-availability")
        .unwrap();
    let target = saas
        .key_terms
        .iter()
        .find(|k| k.id == "availability.target")
        .unwrap();
    assert_eq!(target.label, "Availability target");
    assert_eq!(
        (
            target.defaults.customer.as_str(),
            target.defaults.balanced.as_str(),
            target.defaults.provider.as_str()
        ),
        ("99.95", "99.9", "99.5")
    );
    let request = |value: &str| TemplateRequest {
        template: "saas-availability".into(),
        position: Position::Balanced,
        our_role: PartyRole::Provider,
        title: None,
        counterparty: "Acme Retail plc".into(),
        our_name: "Cloudy Hosting Ltd".into(),
        options: Default::default(),
        set: [("availability.target".to_owned(), value.to_owned())].into(),
    };
    let refused = backend.create_from_template(request("120"), now()).unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        refused.message.starts_with("Availability target: "),
        "{}",
        refused.message
    );
    assert!(backend.list_agreements().unwrap().is_empty(), "nothing stored");

    let summary = backend.create_from_template(request("99.95"), now()).unwrap();
    let agreement = backend.open_agreement(&summary.id.to_string()).unwrap().agreement;
    assert_eq!(agreement.parties.provider.name, "Cloudy Hosting Ltd");
    assert_eq!(agreement.parties.customer.name, "Acme Retail plc");
    let view = backend.agreement_view(&summary.id.to_string()).unwrap();
    let target = view.terms.iter().find(|t| t.id == "availability.target").unwrap();
    assert_eq!(target.value, "99.95 %");
}

#[test]
fn tables_and_schedules_are_edited_and_dependent_wording_follows_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let id = drafted(&backend);
    let view = backend.agreement_view(&id).unwrap();
    let tiers = view.terms.iter().find(|t| t.id == "credits.tiers").unwrap();
    let mut rows = tiers.table.clone().unwrap().rows;
    rows.push(vec!["90".into(), "75".into()]);
    let refused = backend
        .set_term_table(&id, "credits.tiers", &[vec!["99.9".into(), "ten".into()]], now())
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        refused
            .message
            .contains("row 1, Service credit (%): `ten` is not a percentage"),
        "{}",
        refused.message
    );
    let view = backend
        .set_term_table(&id, "credits.tiers", &rows, now())
        .unwrap();
    let tiers = view.terms.iter().find(|t| t.id == "credits.tiers").unwrap();
    assert_eq!(
        tiers.table.as_ref().unwrap().rows.last().unwrap(),
        &vec!["90".to_owned(), "75".to_owned()]
    );
    assert_eq!(view.history.undo.as_deref(), Some("change Service credit tiers"));

    // Support hours switch to 24x7: the business-hours sentence of the support clause goes.
    let support_text = |backend: &Backend| {
        backend
            .open_agreement(&id)
            .unwrap()
            .agreement
            .sections
            .iter()
            .flat_map(|s| s.clauses.clone())
            .find(|c| c.id.as_str() == "support-hours")
            .unwrap()
            .text
    };
    assert!(support_text(&backend).contains("during Business Hours only"));
    let view = backend.set_term(&id, "support.hours", "24x7", now()).unwrap();
    assert!(
        !support_text(&backend).contains("Business Hours only"),
        "{}",
        support_text(&backend)
    );
    let hours = view.terms.iter().find(|t| t.id == "support.hours").unwrap();
    assert_eq!(hours.input.as_deref(), Some("24x7"));
    backend
        .set_term(
            &id,
            "support.hours",
            "Monday to Saturday, 07:00 to 19:00, Europe/Paris",
            now(),
        )
        .unwrap();
    assert!(support_text(&backend).contains("during Business Hours only"));
    let bad = backend
        .set_term(
            &id,
            "support.hours",
            "Monday, 07:00 to 19:00, Atlantis/Capital",
            now(),
        )
        .unwrap_err();
    assert!(bad.message.starts_with("Support hours: "), "{}", bad.message);

    // A clause edited by hand keeps its wording when the schedule changes.
    backend
        .set_clause_text(
            &id,
            "support-hours",
            "Support hours",
            "Support is given {{support.hours}}.",
            now(),
        )
        .unwrap();
    backend.set_term(&id, "support.hours", "24x7", now()).unwrap();
    assert_eq!(support_text(&backend), "Support is given {{support.hours}}.");
}

#[test]
fn parties_signatories_and_the_effective_date_are_set_and_checked() {
    use sla_api::{PartiesUpdate, PartyInput};
    let dir = tempfile::tempdir().unwrap();
    let backend = Backend::open(dir.path());
    let id = drafted(&backend);
    let party = |name: &str, person: &str, email: &str| PartyInput {
        name: name.into(),
        signatory_name: person.into(),
        signatory_title: if person.is_empty() {
            String::new()
        } else {
            "Director".into()
        },
        signatory_email: email.into(),
    };
    let update = |customer: PartyInput, date: &str| PartiesUpdate {
        customer,
        provider: party("Cloudy Hosting Ltd", "Ben Ode", ""),
        effective_date: date.into(),
    };
    let before = backend.open_agreement(&id).unwrap();
    for (bad, reason) in [
        (
            update(party("Acme", "Ann Lee", "ann@"), ""),
            "Customer signatory e-mail: `ann@` is not an e-mail address",
        ),
        (
            update(party("Acme", "", "ann@acme.example"), ""),
            "Customer signatory: give the signatory's name too",
        ),
        (
            update(party("Acme\u{1b}", "", ""), ""),
            "Customer legal name: contains the control character U+001B",
        ),
        (update(party("Acme", "", ""), "2027-02-30"), "Effective date: "),
    ] {
        let error = backend.set_parties(&id, &bad, now()).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.starts_with(reason), "{}", error.message);
    }
    assert_eq!(backend.open_agreement(&id).unwrap(), before, "nothing was saved");

    let view = backend
        .set_parties(
            &id,
            &update(
                party(" Acme Retail plc ", "Ann Lee", "ann@acme.example"),
                "2027-03-01",
            ),
            now(),
        )
        .unwrap();
    let agreement = &view.record.agreement;
    assert_eq!(agreement.parties.customer.name, "Acme Retail plc");
    assert_eq!(
        agreement
            .parties
            .customer
            .signatory
            .as_ref()
            .unwrap()
            .email
            .as_deref(),
        Some("ann@acme.example")
    );
    assert_eq!(agreement.effective_date.unwrap().to_string(), "2027-03-01");
    assert_eq!(view.record.summary.counterparty, "Cloudy Hosting Ltd");
    assert_eq!(view.history.undo.as_deref(), Some("change the parties"));
}
