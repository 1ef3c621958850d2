//! Every real document of the corpus (tests/corpus/real), imported, exported for Word and sent
//! through the writers counterparties use: saved again by LibreOffice Writer and converted by
//! pandoc, it comes back with no change and every word of its clauses; edited in LibreOffice
//! with Track Changes (a word inserted in a sentence, a paragraph added), exactly that clause
//! changes and every word of the reply arrives in order. Prints, per document and writer, the
//! words in and out (`cargo test -p sla-api --test corpus_word_writers -- --nocapture`).

#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::path::{Path, PathBuf};

use serde_json::json;
use sla_api::{AgreementSource, Backend};
use sla_model::{Agreement, PartyRole};
use sla_templates::BodyPart;

#[path = "support/writers.rs"]
mod writers;

use writers::{Edit, clause_words, in_order, libreoffice_edit_all, through_pandoc};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/real");
    let mut files = Vec::new();
    for folder in std::fs::read_dir(root).unwrap() {
        let folder = folder.unwrap().path();
        if folder.is_dir() {
            for file in std::fs::read_dir(&folder).unwrap() {
                let path = file.unwrap().path();
                if path.extension().is_some_and(|e| e == "md") {
                    files.push(path);
                }
            }
        }
    }
    files.sort();
    files
}

fn exported(agreement: &Agreement) -> Vec<u8> {
    sla_docx::agreement_docx(&sla_docx::Version {
        agreement,
        round: None,
        created: jiff::Timestamp::UNIX_EPOCH,
    })
    .unwrap()
}

/// A few words of one line of a clause paragraph that occur once in the whole document, and
/// the last words of that paragraph: where a counterparty inserts a word and adds a paragraph.
fn edit_places(agreement: &Agreement) -> Option<(String, String, String)> {
    let texts: Vec<String> = agreement
        .sections
        .iter()
        .flat_map(|s| &s.clauses)
        .flat_map(|c| {
            std::iter::once(c.heading.clone()).chain(
                sla_templates::clause_body(agreement, c)
                    .into_iter()
                    .filter_map(|p| match p {
                        BodyPart::Paragraph(text) => Some(text),
                        BodyPart::Table(_) => None,
                    }),
            )
        })
        .collect();
    let count = |needle: &str| texts.iter().map(|t| t.matches(needle).count()).sum::<usize>();
    for clause in agreement.sections.iter().flat_map(|s| &s.clauses) {
        for part in sla_templates::clause_body(agreement, clause) {
            let BodyPart::Paragraph(text) = part else { continue };
            let Some(line) = text.lines().next() else { continue };
            let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
            if words.len() < 8 || text.lines().count() > 1 {
                continue;
            }
            let window = words[2..6].join(" ");
            let last = words[words.len() - 4..].join(" ");
            if line.contains(&window) && line.contains(&last) && count(&window) == 1 && count(&last) == 1 {
                return Some((clause.id.to_string(), window, last));
            }
        }
    }
    None
}

#[test]
fn every_real_document_comes_back_whole_from_each_writer() {
    let backend = Backend::open(tempfile::tempdir().unwrap().path());
    let folder = tempfile::tempdir().unwrap();
    let mut documents: Vec<(String, PathBuf, Agreement, Vec<u8>)> = Vec::new();
    for path in corpus() {
        // Documents with no words at all are refused on import; they have nothing to send.
        let Ok((agreement, _)) = sla_api::import_document_file(&path, PartyRole::Customer, "The Provider")
        else {
            continue;
        };
        let name = format!(
            "{}/{}",
            path.parent().unwrap().file_name().unwrap().to_string_lossy(),
            path.file_name().unwrap().to_string_lossy()
        );
        let file = folder.path().join(format!("agreement-{}.json", documents.len()));
        std::fs::write(&file, agreement.to_json_pretty()).unwrap();
        let docx = exported(&agreement);
        documents.push((name, file, agreement, docx));
    }
    assert!(documents.len() >= 60, "{} documents", documents.len());

    let places: Vec<Option<(String, String, String)>> = documents.iter().map(|d| edit_places(&d.2)).collect();
    let mut files: Vec<Edit<'_>> = Vec::new();
    for ((_, _, _, docx), place) in documents.iter().zip(&places) {
        files.push(Edit {
            docx,
            author: "Vendor Counsel",
            tracked: true,
            edits: json!([]),
        });
        if let Some((_, window, last)) = place {
            files.push(Edit {
                docx,
                author: "Vendor Counsel",
                tracked: true,
                edits: json!([
                    {"op": "insert_before", "find": window, "text": "expressly "},
                    {"op": "add_paragraph", "after": last, "text": "The parties shall review this clause each year."}
                ]),
            });
        }
    }
    let mut saved = libreoffice_edit_all(&files).into_iter();

    let mut failures = Vec::new();
    eprintln!("document | writer | words in | words out");
    for ((name, file, _, docx), place) in documents.iter().zip(&places) {
        let source = AgreementSource::File(file.clone());
        let sent = clause_words(docx);
        let mut replies = vec![("LibreOffice, saved", saved.next().unwrap(), None)];
        replies.push(("pandoc", through_pandoc(docx), None));
        if let Some((clause, window, _)) = place {
            replies.push((
                "LibreOffice, edited",
                saved.next().unwrap(),
                Some((clause, window)),
            ));
        }
        for (writer, reply, edited) in replies {
            let imported = backend.word_reply_to_file(&source, &reply, "reply.docx").unwrap();
            let words_in = clause_words(&reply);
            let words_out = clause_words(&exported(&imported.agreement));
            eprintln!("{name} | {writer} | {} | {}", words_in.len(), words_out.len());
            if let Err(missing) = in_order(&words_in, &words_out) {
                failures.push(format!("{name} ({writer}): {missing}"));
            }
            if !imported.unmapped.is_empty() {
                failures.push(format!(
                    "{name} ({writer}): not imported: {:?}",
                    imported.unmapped
                ));
            }
            match edited {
                None => {
                    if !imported.changes.is_empty() || words_in != sent {
                        failures.push(format!(
                            "{name} ({writer}) changed though no word did: {:?}",
                            imported.changes
                        ));
                    }
                }
                Some((clause, window)) => {
                    let (s, c) = imported.agreement.locate_clause(clause).unwrap();
                    let text = &imported.agreement.sections[s].clauses[c].text;
                    let expected = text.contains(&format!("expressly {window}"))
                        && text.contains("The parties shall review this clause each year.")
                        && imported.changes.len() == 1;
                    if !expected {
                        failures.push(format!(
                            "{name} ({writer}): {:?} — clause {clause}: {text}",
                            imported.changes
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
