//! A clause's body as a reader sees it: paragraphs with every value written out, and a term
//! that stands alone on its line and holds a table (credit tiers, a priority matrix) as that
//! table. The PDF and the Word export both lay out these parts.

use sla_model::{Agreement, Clause};

use crate::format::{TermTable, term_table};
use crate::{RenderFormat, clause_text};

/// One part of a clause's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyPart {
    /// A paragraph of plain text (the clause's lines joined; a blank line ends a paragraph).
    Paragraph(String),
    /// A table-valued term quoted on a line of its own.
    Table(TermTable),
}

/// The parts of `clause`'s body, in order.
pub fn clause_body(agreement: &Agreement, clause: &Clause) -> Vec<BodyPart> {
    let mut parts = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let flush = |lines: &mut Vec<&str>, parts: &mut Vec<BodyPart>| {
        if lines.is_empty() {
            return;
        }
        let text = Clause {
            text: lines.join(" "),
            ..clause.clone()
        };
        parts.push(BodyPart::Paragraph(clause_text(
            agreement,
            &text,
            RenderFormat::Text,
        )));
        lines.clear();
    };
    for line in clause.text.split('\n') {
        let trimmed = line.trim();
        let table = trimmed
            .strip_prefix("{{")
            .and_then(|t| t.strip_suffix("}}"))
            .and_then(|id| agreement.term_value(id.trim()))
            .and_then(term_table);
        match table {
            Some(table) => {
                flush(&mut paragraph, &mut parts);
                parts.push(BodyPart::Table(table));
            }
            None if trimmed.is_empty() => flush(&mut paragraph, &mut parts),
            None => paragraph.push(trimmed),
        }
    }
    flush(&mut paragraph, &mut parts);
    parts
}
