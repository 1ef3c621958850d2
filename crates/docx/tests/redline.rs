//! The tracked-changes redline: every change a real Word revision with its author and date, so
//! that accepting all of them gives the newer version and rejecting all the older one (read
//! here from the XML as Word would apply them); LibreOffice opens the file and prints the
//! revisions.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use quick_xml::Reader;
use quick_xml::events::Event;
use sla_docx::{RedlineDocx, WordComment, redline_docx};
use sla_model::terms::Percentage;
use sla_model::{Agreement, Clause, ClauseId, TermValue};
use support::{flat, libreoffice_convert, part, saas};

mod support;

/// The provider's answer: a lower target, a reworded exclusion, the review clause deleted, a
/// security clause inserted, scheduled maintenance moved to the support section.
fn answer(old: &Agreement) -> Agreement {
    let mut new = old.clone();
    new.terms.get_mut("availability.target").unwrap().value =
        TermValue::Percentage(Percentage::new(99.5).unwrap());
    let find = |agreement: &mut Agreement, id: &str| {
        let (s, c) = agreement.locate_clause(id).unwrap();
        (s, c)
    };
    let (s, c) = find(&mut new, "exclusions");
    let text = &mut new.sections[s].clauses[c].text;
    *text = text.replace(
        "a force majeure event",
        "a force majeure event as defined in this Agreement",
    );
    let (s, c) = find(&mut new, "review");
    new.sections[s].clauses.remove(c);
    let (s, c) = find(&mut new, "scheduled-maintenance");
    let moved = new.sections[s].clauses.remove(c);
    new.sections[s].clauses.push(Clause {
        id: ClauseId::new("security").unwrap(),
        heading: "Security".into(),
        text: "The Provider shall keep the Service secure and report any breach within 24 hours.".into(),
    });
    let (support, _) = find(&mut new, "support-hours");
    new.sections[support].clauses.push(moved);
    new
}

/// The document's text with every revision accepted (`accept`) or rejected, as Word applies
/// them: insertions and moved-to text kept or dropped, deletions and moved-from text the
/// other way round.
fn applied(document: &str, accept: bool) -> String {
    let mut reader = Reader::from_str(document);
    let (mut inserted, mut deleted) = (0, 0);
    let mut in_text = false;
    let mut out = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => match e.name().into_inner() {
                "w:ins" | "w:moveTo" => inserted += 1,
                "w:del" | "w:moveFrom" => deleted += 1,
                "w:t" | "w:delText" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.name().into_inner() {
                "w:ins" | "w:moveTo" => inserted -= 1,
                "w:del" | "w:moveFrom" => deleted -= 1,
                "w:t" | "w:delText" => in_text = false,
                "w:p" => out.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let keep = if accept { deleted == 0 } else { inserted == 0 };
                if keep {
                    out.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                let keep = if accept { deleted == 0 } else { inserted == 0 };
                if keep {
                    let entity = format!("&{};", r.into_inner());
                    out.push_str(&quick_xml::escape::unescape(&entity).unwrap());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Each clause's heading and text, in order, as the version reads.
fn reads_as(text: &str, agreement: &Agreement) {
    let mut from = 0;
    for section in &agreement.sections {
        for clause in &section.clauses {
            let body = flat(&sla_templates::clause_text(
                agreement,
                clause,
                sla_templates::RenderFormat::Text,
            ));
            let expected = format!("{} {}", clause.heading, body);
            let at = text[from..]
                .find(&expected)
                .unwrap_or_else(|| panic!("`{expected}` not found in order in:\n{}", &text[from..]));
            from += at + expected.len();
        }
    }
}

#[test]
fn accepting_every_revision_gives_the_answer_and_rejecting_them_the_original() {
    let old = saas();
    let new = answer(&old);
    let redline = sla_redline::redline(&old, &new, None);
    let docx = redline_docx(&RedlineDocx {
        old: &old,
        new: &new,
        redline: &redline,
        author: "Cloudy Hosting Ltd (Provider)".into(),
        date: jiff::Timestamp::from_second(1_804_000_000).unwrap(),
        from_label: "round 1 (customer)".into(),
        to_label: "round 2 (provider)".into(),
        round: None,
        comments: vec![
            WordComment {
                clause: Some("availability".into()),
                author: "Cloudy Hosting Ltd (Provider)".into(),
                text: "99.5 % is what our platform measures today.".into(),
            },
            WordComment {
                clause: None,
                author: "Cloudy Hosting Ltd (Provider)".into(),
                text: "Our answer to round 1.".into(),
            },
        ],
    })
    .unwrap();
    let document = part(&docx, "word/document.xml");
    reads_as(&applied(&document, true), &new);
    reads_as(&applied(&document, false), &old);

    // Real revisions, each with its author and date; a move as a named pair of ranges.
    for element in ["<w:ins ", "<w:del ", "<w:moveFrom ", "<w:moveTo ", "<w:delText"] {
        assert!(document.contains(element), "no {element}");
    }
    assert!(document.contains("w:author=\"Cloudy Hosting Ltd (Provider)\" w:date=\"2027-03-02T15:06:40Z\""));
    assert!(document.contains("<w:moveFromRangeStart") && document.contains("<w:moveToRangeStart"));
    assert!(
        document.contains("<w:delText xml:space=\"preserve\">99.9</w:delText>")
            || document.contains(">99.9<")
    );
    // The comments, anchored on the clause and on the title block.
    let comments = part(&docx, "word/comments.xml");
    assert!(comments.contains("99.5 % is what our platform measures today."));
    assert_eq!(document.matches("<w:commentReference").count(), 2);

    // LibreOffice opens it and prints the revisions (deleted and inserted text both shown).
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("redline.docx");
    std::fs::write(&file, &docx).unwrap();
    libreoffice_convert(&file, "pdf", folder.path());
    let text = std::process::Command::new("pdftotext")
        .arg(folder.path().join("redline.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = flat(&String::from_utf8_lossy(&text.stdout));
    assert!(text.contains("as defined in this Agreement"), "{text}");
    // A commented clause keeps its heading (LibreOffice drops a heading's text when the
    // comment is anchored in the heading itself).
    assert!(text.contains("Availability The Provider shall ensure"), "{text}");
    assert!(
        text.contains("The changes are tracked: in Word, Review → Accept or Reject."),
        "{text}"
    );
    assert!(
        text.contains("The parties shall review this Agreement"),
        "the deleted clause is still shown, struck"
    );
    if let Some(out) = std::env::var_os("DOCX_REDLINE_OUT") {
        std::fs::copy(
            folder.path().join("redline.pdf"),
            std::path::Path::new(&out).join("redline.pdf"),
        )
        .unwrap();
        std::fs::copy(&file, std::path::Path::new(&out).join("redline.docx")).unwrap();
    }
}
