//! Reading Word files back: an exported round reads back clause by clause with no change; a
//! file edited the way Word edits (tracked changes with `w:rsid*` attributes, runs split mid-
//! word, `w:delText`, a comment range, a content control lost) reads back with each revision's
//! author and date; hostile files are refused, each with its own error.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::io::{Cursor, Write};

use sla_docx::{DocxError, Revision, read_docx, segment};
use support::{exported, part, repackaged, saas};
use zip::write::SimpleFileOptions;

mod support;

#[test]
fn an_exported_round_reads_back_unchanged() {
    let agreement = saas();
    let reply = read_docx(&exported(&agreement)).unwrap();
    let segments = segment(&reply, None);
    assert_eq!(reply.agreement_id, Some(agreement.id.to_string()));
    assert_eq!(
        (reply.round, reply.fingerprint.as_deref()),
        (Some(1), Some("cd".repeat(32).as_str()))
    );
    let ids: Vec<&str> = segments
        .clauses
        .iter()
        .map(|c| c.id.as_deref().unwrap())
        .collect();
    let expected: Vec<&str> = agreement
        .sections
        .iter()
        .flat_map(|s| s.clauses.iter().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(ids, expected);
    for clause in &segments.clauses {
        assert!(
            clause
                .paragraphs
                .iter()
                .all(|p| p.spans.iter().all(|s| s.revision.is_none()))
        );
        assert_eq!(clause.paragraphs[0].style.as_deref(), Some("Heading2"));
    }
    let (s, c) = agreement.locate_clause("availability").unwrap();
    let body = sla_templates::clause_text(
        &agreement,
        &agreement.sections[s].clauses[c],
        sla_templates::RenderFormat::Text,
    );
    assert_eq!(
        segments.clauses[ids.iter().position(|i| *i == "availability").unwrap()].paragraphs[1].accepted(),
        body
    );
}

#[test]
fn a_file_edited_as_word_edits_reads_back_with_its_revisions() {
    let agreement = saas();
    let docx = exported(&agreement);
    let document = part(&docx, "word/document.xml");
    // Word: the counsel types 99.5 over 99.9 with Track Changes on and comments on it; the
    // runs carry rsid attributes and a word is split across two runs.
    let word_edit = document.replacen(
        "at least 99.9 % in each",
        "at least </w:t></w:r>\
         <w:del w:id=\"901\" w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:00:00Z\"><w:r w:rsidDel=\"00A1B2C3\"><w:rPr><w:lang w:val=\"en-US\"/></w:rPr><w:delText>99.9</w:delText></w:r></w:del>\
         <w:commentRangeStart w:id=\"7\"/>\
         <w:ins w:id=\"902\" w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:00:00Z\"><w:r w:rsidR=\"00D4E5F6\"><w:t>99.</w:t></w:r><w:r w:rsidR=\"00D4E5F7\"><w:t>5</w:t></w:r></w:ins>\
         <w:commentRangeEnd w:id=\"7\"/><w:r><w:commentReference w:id=\"7\"/></w:r>\
         <w:r w:rsidR=\"00A1B2C3\"><w:t xml:space=\"preserve\"> % in e</w:t></w:r><w:r w:rsidRPr=\"00123456\"><w:t xml:space=\"preserve\">ach",
        1,
    );
    assert_ne!(word_edit, document, "the fixture found its place");
    // Word lost the content control around the exclusions clause.
    let exclusions_start = word_edit
        .find("<w:sdt><w:sdtPr><w:alias w:val=\"Clause 2.3\"/>")
        .unwrap();
    let content_start = word_edit[exclusions_start..].find("<w:sdtContent>").unwrap() + exclusions_start;
    let content_end = word_edit[content_start..]
        .find("</w:sdtContent></w:sdt>")
        .unwrap()
        + content_start;
    let word_edit = format!(
        "{}{}{}",
        &word_edit[..exclusions_start],
        &word_edit[content_start + "<w:sdtContent>".len()..content_end],
        &word_edit[content_end + "</w:sdtContent></w:sdt>".len()..]
    );
    let comments = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
        <w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:comment w:id=\"7\" w:author=\"Jane Counsel\" w:date=\"2027-03-05T10:01:00Z\" w:initials=\"JC\">\
        <w:p><w:r><w:t>Our platform measures 99.5 &amp; no more.</w:t></w:r></w:p></w:comment></w:comments>";
    let edited = repackaged(
        &docx,
        &[
            ("word/document.xml", Some(&word_edit)),
            ("word/comments.xml", Some(comments)),
        ],
    );

    let reply = read_docx(&edited).unwrap();
    let segments = segment(&reply, None);
    let availability = segments
        .clauses
        .iter()
        .find(|c| c.id.as_deref() == Some("availability"))
        .unwrap();
    let body = &availability.paragraphs[1];
    assert!(
        body.accepted().contains("at least 99.5 % in each calendar month"),
        "{}",
        body.accepted()
    );
    assert!(
        body.original().contains("at least 99.9 % in each calendar month"),
        "{}",
        body.original()
    );
    let deleted = body
        .spans
        .iter()
        .find(|s| matches!(s.revision, Some((Revision::Deleted, ..))))
        .unwrap();
    assert_eq!(deleted.text, "99.9");
    let inserted = body
        .spans
        .iter()
        .find(|s| matches!(s.revision, Some((Revision::Inserted, ..))))
        .unwrap();
    assert_eq!(
        (
            inserted.text.as_str(),
            inserted.revision.clone().unwrap().1.as_str()
        ),
        ("99.5", "Jane Counsel"),
        "the runs split mid-number are joined"
    );
    assert_eq!(body.comments, ["7"]);
    assert_eq!(reply.comments.len(), 1);
    assert_eq!(reply.comments[0].text, "Our platform measures 99.5 & no more.");
    assert_eq!(reply.comments[0].author, "Jane Counsel");
    // The clause without its control is still there, found by its heading.
    let lost = segments.clauses.iter().find(|c| c.id.is_none()).unwrap();
    assert_eq!(lost.paragraphs[0].accepted(), "Exclusions");
    assert!(
        lost.paragraphs[1]
            .accepted()
            .starts_with("Downtime does not include")
    );
}

#[test]
fn hostile_files_are_refused_each_with_its_reason() {
    let agreement = saas();
    let docx = exported(&agreement);

    assert_eq!(
        read_docx(b"%PDF-1.7 not a zip at all"),
        Err(DocxError::NotAWordFile)
    );
    let huge = vec![0u8; 200 * 1024 * 1024];
    assert!(matches!(read_docx(&huge), Err(DocxError::TooLarge { .. })));
    drop(huge);
    assert_eq!(
        read_docx(&repackaged(&docx, &[("word/document.xml", None)])),
        Err(DocxError::MissingPart("word/document.xml"))
    );

    // A zip bomb: 100 MB of spaces deflate to about 100 KB.
    let mut bomb = zip::ZipWriter::new(Cursor::new(Vec::new()));
    bomb.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    let spaces = vec![b' '; 1024 * 1024];
    for _ in 0..100 {
        bomb.write_all(&spaces).unwrap();
    }
    let bomb = bomb.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    assert!(matches!(
        read_docx(&bomb),
        Err(DocxError::PartTooLarge {
            part: "word/document.xml",
            ..
        })
    ));

    // External entities: any document type declaration is refused before any entity is read.
    let xxe = "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\
        <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
    let error = read_docx(&repackaged(&docx, &[("word/document.xml", Some(xxe))])).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("DTDs and external entities are not accepted"),
        "{error}"
    );
    let undeclared =
        "<w:document xmlns:w=\"x\"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
    let error = read_docx(&repackaged(&docx, &[("word/document.xml", Some(undeclared))])).unwrap_err();
    assert!(error.to_string().contains("undeclared entity `xxe`"), "{error}");

    // 100,000 nested elements.
    let nested = format!(
        "<w:document xmlns:w=\"x\"><w:body>{}{}</w:body></w:document>",
        "<w:sdt>".repeat(100_000),
        "</w:sdt>".repeat(100_000)
    );
    let error = read_docx(&repackaged(&docx, &[("word/document.xml", Some(&nested))])).unwrap_err();
    assert!(error.to_string().contains("nest more than 200 deep"), "{error}");

    // Broken XML names the part.
    let broken = read_docx(&repackaged(
        &docx,
        &[("word/document.xml", Some("<w:document><w:body>"))],
    ));
    assert!(broken.is_err() || segment(&broken.unwrap(), None).clauses.is_empty());
}
