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

/// Any text as a Markdown SLA: an import must validate, and its redline against itself must
/// be empty.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(agreement) = sla_import::import_markdown(
        text,
        AgreementId::random(),
        "Fuzzed",
        PartyRole::Customer,
        "Vendor",
    ) {
        assert!(agreement.validate().is_ok(), "an import must validate");
        let redline = sla_redline::redline(&agreement, &agreement, None);
        assert!(redline.changed().next().is_none() && redline.terms.is_empty());
    }
}
