//! The exported `.docx` opened by a second, independent implementation of the format:
//! Debian's LibreOffice (`soffice --headless --convert-to`), installed by scripts/setup.sh.
//! Its text must be the round's text, clause by clause; the package must carry each clause's
//! id and the round's identity.

#![allow(clippy::unwrap_used)] // a panic is a failed test

use std::process::Command;

use sla_templates::BodyPart;
use support::{exported_as, flat, libreoffice_convert, part, saas};

mod support;

#[test]
fn libreoffice_reads_the_round_clause_by_clause() {
    let agreement = saas();
    let docx = exported_as(&agreement, 2, &"ab".repeat(32));
    assert_eq!(
        docx,
        exported_as(&agreement, 2, &"ab".repeat(32)),
        "the same round gives the same bytes"
    );

    // Each clause's content control carries its id; the round's identity is in the properties.
    let document = part(&docx, "word/document.xml");
    for section in &agreement.sections {
        for clause in &section.clauses {
            assert!(
                document.contains(&format!("w:val=\"sla-clause:{}\"", clause.id)),
                "no content control for {}",
                clause.id
            );
        }
    }
    let custom = part(&docx, "docProps/custom.xml");
    assert!(custom.contains(&agreement.id.to_string()) && custom.contains(&"ab".repeat(32)));
    assert!(
        custom.contains("name=\"SLA Studio round\"><vt:lpwstr>2</vt:lpwstr>"),
        "{custom}"
    );

    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("round-2.docx");
    std::fs::write(&file, &docx).unwrap();
    let text = flat(&std::fs::read_to_string(libreoffice_convert(&file, "txt:Text", folder.path())).unwrap());
    assert!(text.contains("SaaS Availability SLA"), "{text}");
    assert!(
        text.contains("Acme Retail plc (the Customer)") && text.contains("Cloudy Hosting Ltd (the Provider)")
    );
    // Every heading with its number from Word's list numbering, every paragraph, every cell.
    for (s, section) in agreement.sections.iter().enumerate() {
        assert!(
            text.contains(&format!("{}. {}", s + 1, section.heading)),
            "section {}: {text}",
            section.heading
        );
        for (c, clause) in section.clauses.iter().enumerate() {
            assert!(
                text.contains(&format!("{}.{} {}", s + 1, c + 1, clause.heading)),
                "clause heading {}.{} {}",
                s + 1,
                c + 1,
                clause.heading
            );
            for piece in sla_templates::clause_body(&agreement, clause) {
                match piece {
                    BodyPart::Paragraph(p) => assert!(text.contains(&flat(&p)), "missing: {p}"),
                    BodyPart::Table(t) => {
                        for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                            assert!(text.contains(&flat(cell)), "missing cell: {cell}");
                        }
                    }
                }
            }
        }
    }
    assert!(text.contains("Signed for the Customer") && text.contains("Signed for the Provider"));
}

#[test]
fn libreoffice_lays_it_out_on_numbered_pages() {
    let agreement = saas();
    let docx = exported_as(&agreement, 2, &"ab".repeat(32));
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("round-2.docx");
    std::fs::write(&file, &docx).unwrap();
    let pdf = libreoffice_convert(&file, "pdf", folder.path());
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 4, "{pages} pages");
    let text = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    // The footer's fields, computed by LibreOffice.
    assert!(text.contains(&format!("Page 1 of {pages}")), "{text}");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    assert!(text.contains("Round 2, fingerprint abababababababab…"));
}
