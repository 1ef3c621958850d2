//! The agreement as a Word document: a title block, the numbered sections (Heading 1) and
//! clauses (Heading 2, each with its body in a content control tagged with the clause's id),
//! credit tiers and priority matrices as real tables, and both parties' signature blocks.

use sla_model::{Agreement, Clause, PartyRole};
use sla_templates::BodyPart;
use sla_templates::format::TermTable;

use crate::Version;
use crate::xml::{Look, ParagraphProps, Part};

/// The tag prefix of a clause's content control: `sla-clause:availability`.
pub const CLAUSE_TAG: &str = "sla-clause:";

pub(crate) const MAIN_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// The text width of an A4 page with 2.54 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 9026;

fn centred(part: &mut Part, text: &str, look: Look, space_after: u32) {
    part.paragraph(
        ParagraphProps {
            align: Some("center"),
            space_after: Some(space_after),
            ..ParagraphProps::default()
        },
        &[(text, look)],
    );
}

fn title_block(part: &mut Part, version: &Version<'_>) {
    let agreement = version.agreement;
    part.paragraph(
        ParagraphProps {
            style: Some("Title"),
            ..ParagraphProps::default()
        },
        &[(agreement.title.as_str(), Look::PLAIN)],
    );
    centred(part, "between", Look::ITALIC, 120);
    for (role, space_after) in [(PartyRole::Customer, 120), (PartyRole::Provider, 480)] {
        part.paragraph(
            ParagraphProps {
                align: Some("center"),
                space_after: Some(space_after),
                ..ParagraphProps::default()
            },
            &[
                (&agreement.parties.name_or_placeholder(role), Look::BOLD),
                (&format!(" (the {})", PartyRole::title(role)), Look::PLAIN),
            ],
        );
        if role == PartyRole::Customer {
            centred(part, "and", Look::ITALIC, 120);
        }
    }
    let effective = agreement.effective_date.map_or_else(
        || "Effective date: not yet set".to_owned(),
        |d| format!("Effective date: {}", sla_templates::format::date(d)),
    );
    centred(part, &effective, Look::PLAIN, 120);
    centred(part, &version.version_line(), Look::PLAIN, 120);
    centred(part, &format!("Agreement {}", agreement.id), Look::SMALL_GREY, 60);
    if let Some(round) = &version.round {
        centred(
            part,
            &format!("Fingerprint (SHA-256 of round {}): {}", round.number, round.hash),
            Look::SMALL_GREY,
            60,
        );
    }
}

fn table(part: &mut Part, table: &TermTable) {
    let columns = table.header.len().max(1);
    let widths: Vec<u32> = if columns == 4 {
        [1.1, 2.4, 1.3, 1.3]
            .iter()
            .map(|w| (TEXT_WIDTH as f32 * w / 6.1) as u32)
            .collect()
    } else {
        vec![TEXT_WIDTH / columns as u32; columns]
    };
    part.open("w:tbl", &[]);
    part.open("w:tblPr", &[]);
    part.empty("w:tblStyle", &[("w:val", "TableGrid")]);
    part.empty("w:tblW", &[("w:w", "5000"), ("w:type", "pct")]);
    part.empty("w:tblLook", &[("w:val", "04A0"), ("w:firstRow", "1")]);
    part.close("w:tblPr");
    part.open("w:tblGrid", &[]);
    for width in &widths {
        part.empty("w:gridCol", &[("w:w", &width.to_string())]);
    }
    part.close("w:tblGrid");
    let cell_props = ParagraphProps {
        style: Some("TableText"),
        ..ParagraphProps::default()
    };
    let rows = std::iter::once((true, &table.header)).chain(table.rows.iter().map(|r| (false, r)));
    for (header, cells) in rows {
        part.open("w:tr", &[]);
        if header {
            part.open("w:trPr", &[]);
            // Repeated at the top of each page the table runs onto.
            part.empty("w:tblHeader", &[]);
            part.close("w:trPr");
        }
        for (cell, width) in cells.iter().zip(&widths) {
            part.open("w:tc", &[]);
            part.open("w:tcPr", &[]);
            part.empty("w:tcW", &[("w:w", &width.to_string()), ("w:type", "dxa")]);
            if header {
                part.empty(
                    "w:shd",
                    &[("w:val", "clear"), ("w:color", "auto"), ("w:fill", "EBEBEB")],
                );
            }
            part.close("w:tcPr");
            let look = if header { Look::BOLD } else { Look::PLAIN };
            part.paragraph(cell_props, &[(cell, look)]);
            part.close("w:tc");
        }
        part.close("w:tr");
    }
    part.close("w:tbl");
    // Word needs a paragraph between a table and what follows it.
    part.paragraph(
        ParagraphProps {
            space_after: Some(0),
            ..ParagraphProps::default()
        },
        &[],
    );
}

/// A clause: its heading and body inside a content control tagged with its id.
fn clause(part: &mut Part, agreement: &Agreement, clause: &Clause, number: &str, control_id: usize) {
    part.open("w:sdt", &[]);
    part.open("w:sdtPr", &[]);
    part.empty("w:alias", &[("w:val", &format!("Clause {number}"))]);
    part.empty("w:tag", &[("w:val", &format!("{CLAUSE_TAG}{}", clause.id))]);
    part.empty("w:id", &[("w:val", &control_id.to_string())]);
    part.close("w:sdtPr");
    part.open("w:sdtContent", &[]);
    part.paragraph(
        ParagraphProps {
            style: Some("Heading2"),
            ..ParagraphProps::default()
        },
        &[(clause.heading.as_str(), Look::PLAIN)],
    );
    let body = sla_templates::clause_body(agreement, clause);
    for (i, piece) in body.iter().enumerate() {
        match piece {
            BodyPart::Paragraph(text) => {
                // The sentence that introduces a table stays on its page.
                let keep_next = matches!(body.get(i + 1), Some(BodyPart::Table(_)));
                part.paragraph(
                    ParagraphProps {
                        keep_next,
                        ..ParagraphProps::default()
                    },
                    &[(text, Look::PLAIN)],
                );
            }
            BodyPart::Table(t) => table(part, t),
        }
    }
    part.close("w:sdtContent");
    part.close("w:sdt");
}

fn signature_blocks(part: &mut Part, agreement: &Agreement) {
    part.paragraph(
        ParagraphProps {
            style: Some("Heading1"),
            page_break_before: false,
            ..ParagraphProps::default()
        },
        &[("Signatures", Look::PLAIN)],
    );
    part.paragraph(
        ParagraphProps::default(),
        &[(
            "Signed by the authorised representatives of the parties.",
            Look::PLAIN,
        )],
    );
    let half = (TEXT_WIDTH / 2).to_string();
    part.open("w:tbl", &[]);
    part.open("w:tblPr", &[]);
    part.empty("w:tblW", &[("w:w", "5000"), ("w:type", "pct")]);
    part.close("w:tblPr");
    part.open("w:tblGrid", &[]);
    part.empty("w:gridCol", &[("w:w", &half)]);
    part.empty("w:gridCol", &[("w:w", &half)]);
    part.close("w:tblGrid");
    part.open("w:tr", &[]);
    part.open("w:trPr", &[]);
    part.empty("w:cantSplit", &[]);
    part.close("w:trPr");
    for role in [PartyRole::Customer, PartyRole::Provider] {
        let party = agreement.parties.get(role);
        let (name, title) = party
            .signatory
            .as_ref()
            .map_or((String::new(), String::new()), |s| {
                (s.name.clone(), s.title.clone())
            });
        part.open("w:tc", &[]);
        part.open("w:tcPr", &[]);
        part.empty("w:tcW", &[("w:w", &half), ("w:type", "dxa")]);
        part.close("w:tcPr");
        let left = ParagraphProps {
            align: Some("left"),
            ..ParagraphProps::default()
        };
        part.paragraph(
            left,
            &[(&format!("Signed for the {}", PartyRole::title(role)), Look::BOLD)],
        );
        part.paragraph(
            left,
            &[(&agreement.parties.name_or_placeholder(role), Look::PLAIN)],
        );
        part.paragraph(
            ParagraphProps {
                space_after: Some(720),
                ..left
            },
            &[("", Look::PLAIN)],
        );
        part.paragraph(
            left,
            &[("Signature: ______________________________", Look::PLAIN)],
        );
        part.paragraph(left, &[(&format!("Name: {name}"), Look::PLAIN)]);
        part.paragraph(left, &[(&format!("Title: {title}"), Look::PLAIN)]);
        part.paragraph(left, &[("Date: ____________________", Look::PLAIN)]);
        part.close("w:tc");
    }
    part.close("w:tr");
    part.close("w:tbl");
    part.paragraph(ParagraphProps::default(), &[]);
}

/// `word/document.xml`.
pub fn document(version: &Version<'_>) -> Vec<u8> {
    let agreement = version.agreement;
    let mut part = Part::new();
    part.open("w:document", &[("xmlns:w", MAIN_NS), ("xmlns:r", REL_NS)]);
    part.open("w:body", &[]);
    title_block(&mut part, version);
    let mut control_id = 1;
    for (s, section) in agreement.sections.iter().enumerate() {
        part.paragraph(
            ParagraphProps {
                style: Some("Heading1"),
                page_break_before: s == 0,
                ..ParagraphProps::default()
            },
            &[(section.heading.as_str(), Look::PLAIN)],
        );
        for (c, item) in section.clauses.iter().enumerate() {
            clause(
                &mut part,
                agreement,
                item,
                &format!("{}.{}", s + 1, c + 1),
                control_id,
            );
            control_id += 1;
        }
    }
    signature_blocks(&mut part, agreement);
    section_properties(&mut part);
    part.close("w:body");
    part.close("w:document");
    part.finish()
}

/// The section: A4, 2.54 cm margins, the footer.
pub(crate) fn section_properties(part: &mut Part) {
    part.open("w:sectPr", &[]);
    part.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", "rIdFooter")],
    );
    part.empty("w:pgSz", &[("w:w", "11906"), ("w:h", "16838")]);
    part.empty(
        "w:pgMar",
        &[
            ("w:top", "1440"),
            ("w:right", "1440"),
            ("w:bottom", "1440"),
            ("w:left", "1440"),
            ("w:header", "708"),
            ("w:footer", "708"),
            ("w:gutter", "0"),
        ],
    );
    part.close("w:sectPr");
}

/// `word/footer1.xml`: which text this is, then "Page N of M" at the right.
pub(crate) fn footer(version: &Version<'_>) -> Vec<u8> {
    let mut part = Part::new();
    part.open("w:ftr", &[("xmlns:w", MAIN_NS), ("xmlns:r", REL_NS)]);
    part.open("w:p", &[]);
    part.paragraph_props(ParagraphProps {
        style: Some("Footer"),
        ..ParagraphProps::default()
    });
    let label = match &version.round {
        Some(round) => format!(
            "Round {}, fingerprint {}…",
            round.number,
            round.hash.get(..16).unwrap_or(&round.hash)
        ),
        None => "Working draft".to_owned(),
    };
    part.run(&label, Look::PLAIN);
    part.open("w:r", &[]);
    part.empty("w:tab", &[]);
    part.element("w:t", &[("xml:space", "preserve")], "Page ");
    part.close("w:r");
    part.field("PAGE", "1", Look::PLAIN);
    part.run(" of ", Look::PLAIN);
    part.field("NUMPAGES", "1", Look::PLAIN);
    part.close("w:p");
    part.close("w:ftr");
    part.finish()
}
