//! What each fuzz target checks, shared with the test suite's replay of the seeds and of
//! inputs that once failed (`crates/api/tests/fuzz_regressions.rs`). Each takes any bytes and
//! must return without a panic.

use sla_model::{AgreementId, PartyRole};
use sla_templates::{DraftRequest, Library, Position};

/// Any bytes as an exchange package: read and verified (size, JSON, format, rounds,
/// fingerprints, signatures, chain), then compared with a held chain.
pub fn package(data: &[u8]) {
    if let Ok(package) = sla_exchange::read_package(data) {
        let rounds: Vec<_> = package.rounds.iter().map(|p| p.round.clone()).collect();
        let half = rounds.len() / 2;
        let _ = sla_exchange::new_rounds(&rounds[..half], &package);
        for round in &rounds {
            assert!(round.verify_signature().is_ok(), "an accepted round must verify");
        }
    }
}

/// Any text as a clause library, cut at a line `=====` into a clause file and an agreement
/// template; when it loads, every template is drafted in each position (the wording runs
/// through minijinja) and rendered.
pub fn template(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (clause, template) = text.split_once("\n=====\n").unwrap_or((text, ""));
    let mut files = vec![("clauses/fuzzed.toml".to_owned(), clause.to_owned())];
    if !template.is_empty() {
        files.push(("agreements/fuzzed.toml".to_owned(), template.to_owned()));
    }
    let Ok(library) = Library::from_files(files) else {
        return;
    };
    let templates: Vec<String> = library.templates().map(|t| t.spec.id.clone()).collect();
    for id in templates {
        for position in [Position::Customer, Position::Balanced, Position::Provider] {
            let request = DraftRequest {
                template: id.clone(),
                position,
                customer: "Acme".into(),
                provider: "Vendor".into(),
                ..DraftRequest::default()
            };
            if let Ok(agreement) = sla_templates::draft(&library, &request, AgreementId::random()) {
                assert!(agreement.validate().is_ok(), "a drafted agreement must validate");
                let _ = sla_templates::render(&agreement, sla_templates::RenderFormat::Markdown);
            }
        }
    }
}

/// Any text as a Markdown SLA: an import must validate, hold every word of the text in
/// order (`sla_import::words`), and redline against itself as unchanged; nothing but a text
/// too large or without any text may be refused. Cut at a line `=====` into two versions,
/// their redline holds both versions' clause texts whole.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = |text: &str| {
        sla_import::import_markdown(
            text,
            AgreementId::random(),
            "Fuzzed",
            PartyRole::Customer,
            "Vendor",
        )
    };
    keeps_every_word(read(text), &sla_import::words::markdown_words(text));
    two_versions(text, read);
}

/// Any text as a plain-text agreement, as [`markdown`] (a redline's unchanged and deleted
/// words are the older text, its unchanged and inserted words the newer).
pub fn text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = |text: &str| {
        sla_import::import_text(
            text,
            AgreementId::random(),
            "Fuzzed",
            PartyRole::Customer,
            "Vendor",
        )
    };
    keeps_every_word(read(text), &sla_import::words::text_words(text));
    two_versions(text, read);
}

/// A text cut at a line `=====` into two versions, each read by `read`: their redline holds
/// both versions' clause texts whole.
fn two_versions(text: &str, read: impl Fn(&str) -> Result<sla_model::Agreement, sla_import::ImportError>) {
    if let Some((old, new)) = text.split_once("\n=====\n")
        && let (Ok(old), Ok(new)) = (read(old), read(new))
    {
        let redline = sla_redline::redline(&old, &new, None);
        redline_holds_both_versions(&old, &new, &redline);
    }
}

fn keeps_every_word(imported: Result<sla_model::Agreement, sla_import::ImportError>, source: &[String]) {
    match imported {
        Ok(agreement) => {
            assert!(agreement.validate().is_ok(), "an import must validate");
            let held = sla_import::words::agreement_words(&agreement);
            if let Some(missing) = sla_import::words::first_missing(source, &held) {
                panic!(
                    "word {} ({:?}) is not in the import, near “{}”",
                    missing.index, missing.word, missing.context
                );
            }
            let redline = sla_redline::redline(&agreement, &agreement, None);
            assert!(redline.changed().next().is_none() && redline.terms.is_empty());
        }
        Err(sla_import::ImportError::TooLarge(_)) => {}
        Err(sla_import::ImportError::Empty) => {
            assert!(source.is_empty(), "a text with words was refused as empty")
        }
        Err(error) => panic!("an import may not be refused: {error}"),
    }
}

/// Each clause of both versions is in the redline once, its text whole.
pub fn redline_holds_both_versions(
    old: &sla_model::Agreement,
    new: &sla_model::Agreement,
    redline: &sla_redline::Redline,
) {
    use sla_redline::ClauseChangeKind;
    let texts = |agreement: &sla_model::Agreement| -> std::collections::HashMap<String, String> {
        agreement
            .sections
            .iter()
            .flat_map(|s| &s.clauses)
            .map(|c| (c.id.to_string(), c.text.clone()))
            .collect()
    };
    let (mut old_texts, mut new_texts) = (texts(old), texts(new));
    for change in &redline.clauses {
        if change.kind != ClauseChangeKind::Inserted {
            let id = change.old_clause.as_ref().unwrap_or(&change.clause);
            let text = old_texts
                .remove(id)
                .unwrap_or_else(|| panic!("the older clause {id} is in the redline twice or not at all"));
            assert_eq!(change.words.older(), text, "the older text of {id}");
        }
        if change.kind != ClauseChangeKind::Deleted {
            let text = new_texts.remove(&change.clause).unwrap_or_else(|| {
                panic!(
                    "the newer clause {} is in the redline twice or not at all",
                    change.clause
                )
            });
            assert_eq!(change.words.newer(), text, "the newer text of {}", change.clause);
        }
    }
    assert!(
        old_texts.is_empty() && new_texts.is_empty(),
        "every clause of both versions is in the redline"
    );
}
