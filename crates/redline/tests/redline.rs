//! The redline on real drafts: a SaaS SLA from the library changed the way a vendor's
//! counsel would change it, and the Common Paper SLA's public revision history.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use sla_model::{AgreementId, PartyRole, TermId};
use sla_redline::{ClauseChangeKind, PieceKind, redline};
use sla_templates::{DraftRequest, Library, Position, draft, term_value_from_text};

fn library() -> Library {
    Library::built_in().unwrap()
}

fn saas(library: &Library, position: Position) -> sla_model::Agreement {
    let request = DraftRequest {
        template: "saas-availability".into(),
        position,
        customer: "Acme Retail plc".into(),
        provider: "Cloudy Hosting Ltd".into(),
        ..DraftRequest::default()
    };
    draft(library, &request, AgreementId::random()).unwrap()
}

fn set(library: &Library, agreement: &mut sla_model::Agreement, term: &str, value: &str) {
    let (spec, _) = library.term(term).unwrap();
    let id = TermId::new(term).unwrap();
    agreement.terms.get_mut(&id).unwrap().value = term_value_from_text(spec, value).unwrap();
}

fn kind_of(redline: &sla_redline::Redline, clause: &str) -> ClauseChangeKind {
    redline.clauses.iter().find(|c| c.clause == clause).unwrap().kind
}

#[test]
fn a_counter_proposal_reads_as_a_lawyer_expects() {
    let library = library();
    let ours = saas(&library, Position::Customer);
    let mut theirs = ours.clone();
    set(&library, &mut theirs, "availability.target", "99.9");
    set(&library, &mut theirs, "credits.cap", "10");
    set(&library, &mut theirs, "credits.claim_window", "180 days");
    // Move exclusions to the end of the service levels section's neighbour; reword a clause.
    let exclusions = theirs.sections[1]
        .clauses
        .iter()
        .position(|c| c.id.as_str() == "exclusions")
        .unwrap();
    let moved = theirs.sections[1].clauses.remove(exclusions);
    theirs.sections[2].clauses.push(moved);
    let reporting = theirs
        .sections
        .iter_mut()
        .flat_map(|s| s.clauses.iter_mut())
        .find(|c| c.id.as_str() == "reporting")
        .unwrap();
    reporting.text = reporting
        .text
        .replacen("The Provider shall", "The Provider will, on request,", 1);
    let definitions = &mut theirs.sections[0].clauses[0];
    definitions.text = definitions.text.replace('"', "\u{201c}");
    let removed = theirs.sections[3].clauses.pop().unwrap();

    let redline = redline(&ours, &theirs, Some(&library));

    assert_eq!(kind_of(&redline, "availability"), ClauseChangeKind::Modified);
    assert_eq!(kind_of(&redline, "exclusions"), ClauseChangeKind::Moved);
    assert_eq!(kind_of(&redline, "reporting"), ClauseChangeKind::Modified);
    assert_eq!(kind_of(&redline, removed.id.as_str()), ClauseChangeKind::Deleted);
    assert_eq!(
        kind_of(&redline, "scheduled-maintenance"),
        ClauseChangeKind::Unchanged
    );
    let definitions = redline
        .clauses
        .iter()
        .find(|c| c.clause == "definitions")
        .unwrap();
    assert!(definitions.cosmetic, "curly quotes only");
    let reporting = redline.clauses.iter().find(|c| c.clause == "reporting").unwrap();
    assert_eq!(reporting.words.edits.len(), 1);
    assert!(!reporting.cosmetic);

    let availability = redline
        .clauses
        .iter()
        .find(|c| c.clause == "availability")
        .unwrap();
    let changed: Vec<(PieceKind, &str)> = availability
        .words
        .pieces
        .iter()
        .filter(|p| p.kind != PieceKind::Same)
        .map(|p| (p.kind, p.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![(PieceKind::Deleted, "99.95"), (PieceKind::Inserted, "99.9")]
    );

    let target = redline
        .terms
        .iter()
        .find(|t| t.id == "availability.target")
        .unwrap();
    assert_eq!(
        (target.old.as_deref(), target.new.as_deref()),
        (Some("99.95 %"), Some("99.9 %"))
    );
    assert!(
        target
            .old_meaning
            .as_deref()
            .unwrap()
            .starts_with("allows 21 m 54 s"),
        "{:?}",
        target.old_meaning
    );
    assert!(
        target
            .new_meaning
            .as_deref()
            .unwrap()
            .starts_with("allows 43 m 49 s"),
        "{:?}",
        target.new_meaning
    );
    assert_eq!(target.favours, Some(PartyRole::Provider));
    let cap = redline.terms.iter().find(|t| t.id == "credits.cap").unwrap();
    assert_eq!(cap.favours, Some(PartyRole::Provider));
    let window = redline
        .terms
        .iter()
        .find(|t| t.id == "credits.claim_window")
        .unwrap();
    assert_eq!(
        window.favours,
        Some(PartyRole::Customer),
        "a longer claim window helps the customer"
    );
}

#[test]
fn the_balanced_and_provider_drafts_differ_in_the_providers_favour() {
    let library = library();
    let redline = redline(
        &saas(&library, Position::Balanced),
        &saas(&library, Position::Provider),
        Some(&library),
    );
    let favoured: Vec<_> = redline.terms.iter().filter_map(|t| t.favours).collect();
    assert!(!favoured.is_empty());
    assert!(
        favoured.iter().all(|f| *f == PartyRole::Provider),
        "{:#?}",
        redline
            .terms
            .iter()
            .filter(|t| t.favours == Some(PartyRole::Customer))
            .collect::<Vec<_>>()
    );
    let tiers = redline.terms.iter().find(|t| t.id == "credits.tiers").unwrap();
    assert_eq!(tiers.favours, Some(PartyRole::Provider));
    assert!(redline.changed().all(|c| c.kind == ClauseChangeKind::Modified));
}

fn import(name: &str) -> sla_model::Agreement {
    import_from("commonpaper-sla", name)
}

fn import_from(folder: &str, name: &str) -> sla_model::Agreement {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/real")
        .join(folder)
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    sla_import::import_markdown(
        &text,
        AgreementId::random(),
        "Common Paper SLA",
        PartyRole::Customer,
        "",
    )
    .unwrap()
}

#[test]
fn the_common_paper_revision_history_redlines_clause_by_clause() {
    let v1 = import("v1.0.md");
    let same = redline(&v1, &v1.clone(), None);
    assert_eq!(same.changed().count(), 0);

    let v2 = import("v2.0.md");
    let redline = redline(&v1, &v2, None);
    let find = |heading: &str, number: &str| {
        redline
            .clauses
            .iter()
            .find(|c| {
                c.heading == heading && c.new_number.as_deref().or(c.old_number.as_deref()) == Some(number)
            })
            .unwrap_or_else(|| panic!("no {number} {heading}"))
    };
    // v2.0 added response times as section 2; service credits moved down to section 3 and
    // were reworded; the definitions only changed their quotation marks.
    assert_eq!(
        find("Target Response Time", "2.1").kind,
        ClauseChangeKind::Inserted
    );
    let credit = find("Service Credit", "3.1");
    assert_eq!(credit.kind, ClauseChangeKind::Modified);
    assert_eq!(credit.old_number.as_deref(), Some("2.1"));
    let requesting = find("Requesting A Service Credit", "3.2");
    assert_eq!(requesting.old_number.as_deref(), Some("2.2"));
    let available = find("Available Minutes", "4.1");
    assert!(available.cosmetic, "only the quotation marks changed");
    assert_eq!(find("Scheduling Downtime", "1.3").kind, ClauseChangeKind::Deleted);
    // The credit cap went from a month's fees (5 % for short invoice periods) to 8 %: one
    // coherent change, not fragments around a shared "of Cloud Service".
    let limits = find("Service Credit Limitations", "3.3");
    assert_eq!(limits.words.edits.len(), 1, "{:?}", limits.words.edits);
    let cap = &limits.words.edits[0];
    assert!(
        cap.deleted
            .starts_with("1 months’ worth of Cloud Service fees. However"),
        "{cap:?}"
    );
    assert!(cap.inserted.starts_with("8% of Cloud Service Fees"), "{cap:?}");
    assert!(!cap.cosmetic);
    // Every piece of a change is whole words: nothing starts or ends inside a word.
    for clause in redline.changed() {
        let pieces = &clause.words.pieces;
        for pair in pieces.windows(2) {
            let (a, b) = (pair[0].text.chars().last(), pair[1].text.chars().next());
            if let (Some(a), Some(b)) = (a, b) {
                assert!(
                    !(a.is_alphanumeric() && b.is_alphanumeric())
                        || pair[0].kind == PieceKind::Deleted && pair[1].kind == PieceKind::Inserted,
                    "a word split between pieces in {}: {:?} | {:?}",
                    clause.heading,
                    pair[0].text,
                    pair[1].text
                );
            }
        }
    }
}

#[test]
fn basecamps_revisions_read_as_cosmetic() {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real/basecamp-sla");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 9);
    let mut cosmetic_clauses = 0;
    for pair in names.windows(2) {
        let (old, new) = (
            import_from("basecamp-sla", &pair[0]),
            import_from("basecamp-sla", &pair[1]),
        );
        let redline = redline(&old, &new, None);
        assert!(redline.terms.is_empty());
        for clause in redline.changed() {
            assert_eq!(
                clause.kind,
                ClauseChangeKind::Modified,
                "{} → {}: {}",
                pair[0],
                pair[1],
                clause.heading
            );
            assert!(
                clause.cosmetic,
                "{} → {}: {} {:?}",
                pair[0], pair[1], clause.heading, clause.words.edits
            );
            cosmetic_clauses += 1;
        }
    }
    // 2020-04-08 turned straight apostrophes and quotes into curly ones in four clauses.
    assert_eq!(cosmetic_clauses, 4);
}
