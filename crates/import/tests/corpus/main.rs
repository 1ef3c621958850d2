//! Real, public SLAs (vendored in `tests/corpus/real`, CC BY 4.0, see its README) imported
//! into sections and clauses.
#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::path::PathBuf;

use sla_import::{ImportError, import_markdown, import_text, words};
use sla_model::{Agreement, AgreementId, PartyRole};

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real")
}

fn import(path: &str) -> Agreement {
    let text = std::fs::read_to_string(corpus_root().join(path)).unwrap();
    import_markdown(
        &text,
        AgreementId::random(),
        path,
        PartyRole::Customer,
        "Provider Inc.",
    )
    .unwrap()
}

fn outline(agreement: &Agreement) -> Vec<(String, Vec<String>)> {
    agreement
        .sections
        .iter()
        .map(|s| {
            (
                s.heading.clone(),
                s.clauses
                    .iter()
                    .map(|c| format!("{} {}", c.id, c.heading))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn common_paper_sla_2_0_imports_into_its_sections_and_clauses() {
    let agreement = import("commonpaper-sla/v2.0.md");
    let outline = outline(&agreement);
    assert_eq!(agreement.title.as_str(), "Service Level Agreement");
    let headings: Vec<&str> = outline.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        ["Uptime", "Response Time", "Remedies", "Definitions"],
        "{outline:#?}"
    );
    assert_eq!(outline[0].1, ["c1-1 Target Uptime", "c1-2 Calculating Uptime"]);
    assert_eq!(outline[2].1.len(), 5, "{outline:#?}");
    assert_eq!(outline[3].1[0], "c4-1 Available Minutes");
    let target = &agreement.sections[0].clauses[0].text;
    assert!(
        target.starts_with("If there is a Target Uptime, Provider will use commercially reasonable efforts"),
        "{target}"
    );
    assert!(
        !target.contains('<') && !target.contains("span"),
        "markup removed: {target}"
    );
    let request = &agreement.sections[2].clauses[1].text;
    assert!(
        request.contains("\na. For Uptime Credit"),
        "sub-items kept on their own lines: {request}"
    );
}

#[test]
fn common_paper_sla_1_0_imports_with_headings_inside_the_list() {
    let agreement = import("commonpaper-sla/v1.0.md");
    let outline = outline(&agreement);
    let headings: Vec<&str> = outline.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["Uptime", "Remedies", "Definitions"], "{outline:#?}");
    assert_eq!(outline[0].1[0], "c1-1 Target Uptime", "{outline:#?}");
    assert_eq!(outline[1].1.len(), 5, "{outline:#?}");
    assert!(
        outline[2].1.len() >= 4,
        "each definition is a clause: {outline:#?}"
    );
}

/// Every revision of every real document in the corpus, with its path.
fn corpus_documents() -> Vec<(PathBuf, String)> {
    let mut documents = Vec::new();
    for folder in std::fs::read_dir(corpus_root()).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                documents.push((path, text));
            }
        }
    }
    documents.sort();
    documents
}

/// The importers' promise on real documents no one here wrote: each one imports (as
/// Markdown, and as plain text), and every word of it is in the agreement, in order.
#[test]
fn every_word_of_every_real_document_is_imported_in_order() {
    let documents = corpus_documents();
    assert!(
        documents.len() >= 70,
        "the corpus has its revisions ({})",
        documents.len()
    );
    let mut empty = 0;
    for (path, text) in &documents {
        let shown = path.display();
        let source = words::markdown_words(text);
        let imported = import_markdown(text, AgreementId::random(), "Imported", PartyRole::Customer, "X");
        if source.is_empty() {
            // A page that only includes another (`<%= partial … %>`) has no words to keep.
            assert!(matches!(imported, Err(ImportError::Empty)), "{shown}");
            empty += 1;
            continue;
        }
        let agreement = imported.unwrap_or_else(|e| panic!("{shown}: {e}"));
        let imported = words::agreement_words(&agreement);
        if let Some(missing) = words::first_missing(&source, &imported) {
            panic!(
                "{shown}: word {} of {} ({:?}) is not in the import, near “{}”\n{:#?}",
                missing.index,
                source.len(),
                missing.word,
                missing.context,
                outline(&agreement)
            );
        }
        assert!(
            agreement.clause_count() >= 2,
            "{shown}: {:#?}",
            outline(&agreement)
        );

        let as_text = import_text(text, AgreementId::random(), "Imported", PartyRole::Customer, "X")
            .unwrap_or_else(|e| panic!("{shown} as text: {e}"));
        let source = words::text_words(text);
        if let Some(missing) = words::first_missing(&source, &words::agreement_words(&as_text)) {
            panic!(
                "{shown} as text: word {} ({:?}) is not in the import, near “{}”",
                missing.index, missing.word, missing.context
            );
        }
    }
    assert!(empty <= 3, "{empty} documents without words");
}

#[test]
fn basecamp_questions_become_clauses() {
    let agreement = import("basecamp-sla/09-2023-03-14-b364cfc.md");
    let outline = outline(&agreement);
    assert_eq!(agreement.title.as_str(), "Basecamp Big SLA");
    assert!(
        outline[0].1.iter().any(|c| c.ends_with("What is “uptime”?")),
        "{outline:#?}"
    );
    assert!(
        !agreement.sections[0]
            .clauses
            .iter()
            .any(|c| c.text.contains("37status.com")),
        "link targets removed"
    );
}

#[test]
fn hostile_and_empty_input_gives_errors_not_panics() {
    let id = AgreementId::random;
    assert!(import_markdown("", id(), "X", PartyRole::Customer, "Y").is_err());
    assert!(import_markdown(&"x".repeat(33 * 1024 * 1024), id(), "X", PartyRole::Customer, "Y").is_err());
    // One "word" of 5 MB is kept, cut into clauses of the longest text a clause may hold.
    let unbroken =
        import_markdown(&"x".repeat(5 * 1024 * 1024), id(), "X", PartyRole::Customer, "Y").unwrap();
    assert_eq!(unbroken.clause_count(), 27);
    let kept: usize = unbroken
        .sections
        .iter()
        .flat_map(|s| &s.clauses)
        .map(|c| c.text.len())
        .sum();
    assert_eq!(kept, 5 * 1024 * 1024);
    let nested = format!("# T\n\n{}deep", "> ".repeat(5_000));
    let _ = import_markdown(&nested, id(), "X", PartyRole::Customer, "Y");
    let lists = (0..200)
        .map(|d| format!("{}1. item {d}\n", "    ".repeat(d)))
        .collect::<String>();
    let _ = import_markdown(&lists, id(), "X", PartyRole::Customer, "Y");
    let braces = import_markdown(
        "# T\n\nPay {{credits.cap}} now.",
        id(),
        "X",
        PartyRole::Customer,
        "Y",
    )
    .unwrap();
    assert_eq!(braces.sections[0].clauses[0].text, "Pay { {credits.cap}} now.");
}

/// cloud.gov's objectives: a bold lead paragraph, numbered priorities with run-in headings,
/// then lead-in paragraphs with bullets. Each priority is a clause; a paragraph after the
/// list is not the last priority's but opens its own clause, its bullets its lines.
#[test]
fn cloud_gov_objectives_keep_their_lead_ins_apart_from_the_list() {
    let agreement = import("cloudgov-service-objectives/11-2023-11-02-d3485ee57.md");
    assert_eq!(agreement.title.as_str(), "Our customer service objectives");
    let clauses: Vec<_> = agreement.sections.iter().flat_map(|s| &s.clauses).collect();
    let headings: Vec<&str> = clauses.iter().map(|c| c.heading.as_str()).collect();
    for expected in [
        "Compliance",
        "Safety & Security",
        "Transparency",
        "Our performance goals:",
    ] {
        assert!(headings.contains(&expected), "{expected}: {headings:#?}");
    }
    let transparency = clauses.iter().find(|c| c.heading == "Transparency").unwrap();
    assert!(
        !transparency.text.contains("performance goals"),
        "{}",
        transparency.text
    );
    let goals = clauses
        .iter()
        .find(|c| c.heading == "Our performance goals:")
        .unwrap();
    assert!(
        goals.text.contains("\n• We publicly publish real time metrics"),
        "{}",
        goals.text
    );
}
