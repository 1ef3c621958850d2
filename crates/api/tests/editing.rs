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
        options: Default::default(),
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
