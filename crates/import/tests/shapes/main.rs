//! The importers' promise on the shapes public SLAs take, generated: every word of the source,
//! markup aside, is in the imported agreement, in order; nothing is refused but a document
//! without words. Each case is built from a seed, so a failure names the seed that shows it.
//! `SHAPES=N` runs N documents of each kind instead of the default.
#![allow(clippy::unwrap_used)] // a panic is a failed test

mod generate;

use sla_import::{ImportError, import_markdown, import_text, words};
use sla_model::{AgreementId, PartyRole};

fn cases() -> u64 {
    std::env::var("SHAPES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1500)
}

fn check(
    kind: &str,
    seed: u64,
    document: &str,
    source: &[String],
    imported: Result<sla_model::Agreement, ImportError>,
) {
    if source.is_empty() {
        // Punctuation alone may be kept as a clause, or refused as no text; nothing else.
        assert!(
            matches!(imported, Ok(_) | Err(ImportError::Empty)),
            "{kind} seed {seed}: a document without words is refused otherwise\n{document}"
        );
        return;
    }
    let agreement = imported.unwrap_or_else(|e| panic!("{kind} seed {seed}: refused: {e}\n{document}"));
    if let Some(missing) = words::first_missing(source, &words::agreement_words(&agreement)) {
        panic!(
            "{kind} seed {seed}: word {} ({:?}) is not in the import, near “{}”\n--- document\n{document}\n--- import\n{}",
            missing.index,
            missing.word,
            missing.context,
            agreement.to_json_pretty()
        );
    }
}

#[test]
fn every_word_of_generated_markdown_is_imported_in_order() {
    for seed in 0..cases() {
        let document = generate::markdown(seed);
        let imported = import_markdown(
            &document,
            AgreementId::random(),
            "Generated",
            PartyRole::Customer,
            "Them",
        );
        check(
            "markdown",
            seed,
            &document,
            &words::markdown_words(&document),
            imported,
        );
    }
}

#[test]
fn every_word_of_generated_text_is_imported_in_order() {
    for seed in 0..cases() {
        let document = generate::text(seed);
        let imported = import_text(
            &document,
            AgreementId::random(),
            "Generated",
            PartyRole::Customer,
            "Them",
        );
        check("text", seed, &document, &words::text_words(&document), imported);
    }
}

/// The shapes named by the issue that found the readers dropping text, each written out.
#[test]
fn the_shapes_that_lost_words_keep_them() {
    let shapes = [
        // A bold lead sentence, then a numbered list of clauses, one with a nested list.
        "---\ntitle: Objectives\n---\n\n**Cloud.gov is committed to transparency about how it runs the platform for every customer and agency.**\n\n1. **Uptime** - We aim for 99.9 % each month.\n2. Support answers within one business day.\n   - Email\n   - Phone\n3. Credits are not offered.\n",
        // An item that goes on after its nested list.
        "1. Availability\n   1. Target 99.9 %.\n   2. Measured monthly.\n\n   Downtime excludes maintenance.\n2. Credits\n   1. 10 % below target.\n",
        // A heading of 600 characters, and a table that used to run into it.
        &format!(
            "# SLA\n\n| P1 | 30 minutes |\n|---|---|\n| P2 | 1 hour |\n\n## {}\n\nText.\n",
            "long heading words ".repeat(32)
        ),
        // Text before the first heading, headings deeper than three levels, a block quote, HTML.
        "Preamble text.\n\n# Title\n\n#### Deep heading\n\n> Quoted clause text.\n\n<div class=\"x\">Raw <b>HTML</b> text &amp; more</div>\n\n###### Deepest\n\nEnd.",
    ];
    for (n, shape) in shapes.iter().enumerate() {
        let imported = import_markdown(shape, AgreementId::random(), "Shape", PartyRole::Customer, "Them");
        check("shape", n as u64, shape, &words::markdown_words(shape), imported);
    }
}
