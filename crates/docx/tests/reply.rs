//! A Word reply mapped onto the round it answers: no edits give no changes; a value typed
//! over with Track Changes, a value written as "ten (10) days", words changed without Track
//! Changes and a comment each become the right change; an edit running over a value and its
//! words is listed, not applied.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use sla_docx::{ReplyEdit, normalise_value};
use support::{exported, mapped, part, repackaged, saas};

mod support;

/// The package with its document (and comments) replaced.
fn with_document(docx: &[u8], document: &str, comments: Option<&str>) -> Vec<u8> {
    repackaged(
        docx,
        &[
            ("word/document.xml", Some(document)),
            ("word/comments.xml", comments),
        ],
    )
}

fn document(docx: &[u8]) -> String {
    part(docx, "word/document.xml")
}

const TRACKED: &str = "w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:00:00Z\"";

#[test]
fn an_unedited_file_changes_nothing() {
    let agreement = saas();
    let mapping = mapped(&agreement, &exported(&agreement));
    assert!(mapping.is_empty(), "{mapping:?}");
}

#[test]
fn word_edits_become_term_changes_clause_changes_and_comments() {
    let agreement = saas();
    let docx = exported(&agreement);
    let xml = document(&docx);
    // Tracked: 99.9 typed over as 99.5, with a comment on it.
    let xml = xml.replacen(
        "at least 99.9 % in each",
        &format!(
            "at least </w:t></w:r><w:del w:id=\"901\" {TRACKED}><w:r w:rsidDel=\"00A1B2C3\"><w:delText>99.9</w:delText></w:r></w:del>\
             <w:commentRangeStart w:id=\"3\"/><w:ins w:id=\"902\" {TRACKED}><w:r w:rsidR=\"00D4E5F6\"><w:t>99.</w:t></w:r><w:r><w:t>5</w:t></w:r></w:ins>\
             <w:commentRangeEnd w:id=\"3\"/><w:r><w:commentReference w:id=\"3\"/></w:r><w:r><w:t xml:space=\"preserve\"> % in each"
        ),
        1,
    );
    // Tracked: "30 days" written as "ten (10) days".
    let xml = xml.replacen(
        "in writing within 30 days after",
        &format!(
            "in writing within </w:t></w:r><w:del w:id=\"903\" {TRACKED}><w:r><w:delText>30</w:delText></w:r></w:del>\
             <w:ins w:id=\"904\" {TRACKED}><w:r><w:t>ten (10)</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\"> days after"
        ),
        1,
    );
    // Without Track Changes: words added to the exclusions.
    let xml = xml.replacen(
        "or (d) a force majeure event.",
        "or (d) a force majeure event as defined in this Agreement.",
        1,
    );
    let comments = "<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:comment w:id=\"3\" w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:01:00Z\"><w:p><w:r><w:t>Our platform measures 99.5.</w:t></w:r></w:p></w:comment></w:comments>";
    let mapping = mapped(&agreement, &with_document(&docx, &xml, Some(comments)));

    assert!(mapping.unmapped.is_empty(), "{:?}", mapping.unmapped);
    assert_eq!(mapping.authors, ["Jane Counsel"]);
    assert!(mapping.edits.contains(&ReplyEdit::Term {
        term: "availability.target".into(),
        clause: "availability".into(),
        occurrence: 0,
        from: "99.9 %".into(),
        to: "99.5 %".into(),
        by: "tracked: Jane Counsel, 2027-03-05".into(),
    }));
    assert!(mapping.edits.contains(&ReplyEdit::Term {
        term: "credits.claim_window".into(),
        clause: "service-credits".into(),
        occurrence: 0,
        from: "30 days".into(),
        to: "10 days".into(),
        by: "tracked: Jane Counsel, 2027-03-05".into(),
    }));
    let exclusions = mapping
        .edits
        .iter()
        .find_map(|e| match e {
            ReplyEdit::Clause { clause, text, .. } if clause == "exclusions" => Some(text),
            _ => None,
        })
        .unwrap();
    assert!(exclusions.contains("a force majeure event as defined in this Agreement."));
    assert!(
        exclusions.contains("{{exclusions.third_party}}"),
        "the term reference is kept: {exclusions}"
    );
    assert!(mapping.edits.contains(&ReplyEdit::Comment {
        clause: Some("availability".into()),
        author: "Jane Counsel".into(),
        text: "Our platform measures 99.5.".into(),
    }));
    // The term edits do not also count as clause edits.
    assert!(
        !mapping
            .edits
            .iter()
            .any(|e| matches!(e, ReplyEdit::Clause { clause, .. } if clause == "availability"))
    );
}

#[test]
fn an_edit_over_a_value_and_its_words_is_listed_not_applied() {
    let agreement = saas();
    let docx = exported(&agreement);
    // "% in" struck out in one go: the value's sign and the clause's word.
    let xml = document(&docx).replacen("at least 99.9 % in each", "at least 99.9 each", 1);
    let mapping = mapped(&agreement, &with_document(&docx, &xml, None));
    assert_eq!(mapping.unmapped.len(), 1, "{:?}", mapping.unmapped);
    assert!(
        mapping.unmapped[0].contains("an edit running over a value"),
        "{}",
        mapping.unmapped[0]
    );
    assert!(!mapping.edits.iter().any(|e| matches!(e, ReplyEdit::Term { .. })));

    // A value retyped in words is still the value's change; reading it is the caller's (and
    // "ninety-nine per cent" is then refused with the term's own message).
    let xml = document(&docx).replacen(
        "at least 99.9 % in each",
        "at least ninety-nine per cent in each",
        1,
    );
    let mapping = mapped(&agreement, &with_document(&docx, &xml, None));
    assert!(mapping.edits.contains(&ReplyEdit::Term {
        term: "availability.target".into(),
        clause: "availability".into(),
        occurrence: 0,
        from: "99.9 %".into(),
        to: "ninety-nine per cent".into(),
        by: "made without Track Changes".into(),
    }));
}

#[test]
fn spelled_numbers_with_their_figures_become_the_figures() {
    assert_eq!(normalise_value("ten (10) days"), "10 days");
    assert_eq!(normalise_value("thirty (30) days"), "30 days");
    assert_eq!(normalise_value("99.5 %"), "99.5 %");
    assert_eq!(normalise_value("4 business hours"), "4 business hours");
}

#[test]
fn a_clause_whose_control_and_heading_word_lost_is_found_by_its_words() {
    let agreement = saas();
    let docx = exported(&agreement);
    let xml = document(&docx);
    // Word dropped the content control of the exclusions clause and its heading was retyped.
    let start = xml
        .find("<w:sdt><w:sdtPr><w:alias w:val=\"Clause 2.3\"/>")
        .unwrap();
    let content = xml[start..].find("<w:sdtContent>").unwrap() + start;
    let end = xml[content..].find("</w:sdtContent></w:sdt>").unwrap() + content;
    let xml = format!(
        "{}{}{}",
        &xml[..start],
        xml[content + "<w:sdtContent>".len()..end].replacen(">Exclusions<", ">Excluded events<", 1),
        &xml[end + "</w:sdtContent></w:sdt>".len()..]
    );
    let mapping = mapped(&agreement, &with_document(&docx, &xml, None));
    assert!(mapping.unmapped.is_empty(), "{:?}", mapping.unmapped);
    assert!(
        mapping
            .edits
            .iter()
            .any(|e| matches!(e, ReplyEdit::Clause { clause, heading, .. } if clause == "exclusions" && heading == "Excluded events")),
        "{:?}",
        mapping.edits
    );
}
