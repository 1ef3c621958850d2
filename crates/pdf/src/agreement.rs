//! The agreement as a signature-ready document: a title page (name, parties, effective date,
//! round, id, fingerprint), the contents, the numbered sections and clauses with every value
//! written out and tables as tables, and both parties' signature blocks.

use sla_model::{Agreement, Clause, PartyRole};
use sla_templates::BodyPart;

use crate::blocks::{Align, Block, GREY, Mark, Paragraph, Signatory, Span, Style, Table};
use crate::fonts::Face;
use crate::{RoundInfo, Signer, Version};

const BODY: Style = Style::new(Face::Regular, 11.0);
const CELL: Style = Style::new(Face::Regular, 9.5);

fn centered(text: impl Into<String>, style: Style, space_after: f32) -> Block {
    Paragraph::centered(text, style, space_after)
}

fn heading(text: String, level: u8) -> Block {
    let (size, before, after) = if level == 1 {
        (14.0, 16.0, 6.0)
    } else {
        (11.0, 8.0, 3.0)
    };
    Paragraph::heading(
        vec![Span::new(text, Style::new(Face::Bold, size))],
        level,
        before,
        after,
    )
}

/// The line under the title saying which text this is.
pub fn version_line(round: Option<&RoundInfo>) -> String {
    match round {
        Some(RoundInfo {
            number,
            agreed_at: Some(at),
            ..
        }) => format!(
            "Agreed version: round {number}, accepted as final on {}",
            at.strftime("%-d %B %Y")
        ),
        Some(r) => format!(
            "Round {}, proposed by the {} on {}",
            r.number,
            r.author.as_str(),
            r.proposed_at.strftime("%-d %B %Y")
        ),
        None => "Working draft: not yet proposed as a round".to_owned(),
    }
}

/// The fingerprint line every page carries.
pub fn fingerprint_line(round: Option<&RoundInfo>) -> String {
    match round {
        Some(r) => format!("Fingerprint (SHA-256 of round {}): {}", r.number, r.hash),
        None => "Working draft: no fingerprint until it is proposed as a round".to_owned(),
    }
}

/// One line per electronic signature: who signed the text, with which key, in which round.
pub fn signer_lines(round: Option<&RoundInfo>) -> Vec<String> {
    let Some(round) = round else {
        return Vec::new();
    };
    round
        .signers
        .iter()
        .map(
            |Signer {
                 role,
                 fingerprint,
                 round: signed,
             }| {
                let verb = if *signed == round.number {
                    "Signed"
                } else {
                    "Accepted as final"
                };
                format!(
                    "{verb} by the {} (round {signed}) with the key {fingerprint}",
                    PartyRole::title(*role)
                )
            },
        )
        .collect()
}

fn title_page(version: &Version<'_>) -> Vec<Block> {
    let agreement = version.agreement;
    let small = Style::new(Face::Regular, 10.0);
    let effective = agreement.effective_date.map_or_else(
        || "Effective date: not yet set".to_owned(),
        |d| format!("Effective date: {}", sla_templates::format::date(d)),
    );
    let mut blocks = vec![
        centered("", BODY, 150.0),
        centered(agreement.title.as_str(), Style::new(Face::Bold, 24.0), 28.0),
        centered("between", Style::new(Face::Italic, 12.0), 8.0),
        centered(
            agreement.parties.name_or_placeholder(PartyRole::Customer),
            Style::new(Face::Bold, 14.0),
            2.0,
        ),
        centered("(the Customer)", BODY, 8.0),
        centered("and", Style::new(Face::Italic, 12.0), 8.0),
        centered(
            agreement.parties.name_or_placeholder(PartyRole::Provider),
            Style::new(Face::Bold, 14.0),
            2.0,
        ),
        centered("(the Provider)", BODY, 40.0),
        centered(effective, BODY, 6.0),
        centered(version_line(version.round.as_ref()), BODY, 6.0),
        centered(
            format!("Agreement {}", agreement.id),
            small.colored(GREY, Mark::None),
            6.0,
        ),
    ];
    if version.round.is_some() {
        blocks.push(centered(
            fingerprint_line(version.round.as_ref()),
            small.colored(GREY, Mark::None),
            6.0,
        ));
    }
    for line in signer_lines(version.round.as_ref()) {
        blocks.push(centered(line, small.colored(GREY, Mark::None), 4.0));
    }
    blocks.push(Block::PageBreak);
    blocks
}

/// A clause's body: its paragraphs with values written out, and its table-valued terms as
/// tables (each introducing sentence kept on the table's page).
fn clause_body(agreement: &Agreement, clause: &Clause) -> Vec<Block> {
    let mut blocks = Vec::new();
    for part in sla_templates::clause_body(agreement, clause) {
        match part {
            BodyPart::Paragraph(text) => blocks.push(Block::Paragraph(Paragraph::plain(text, BODY))),
            BodyPart::Table(table) => {
                if let Some(Block::Paragraph(lead_in)) = blocks.last_mut() {
                    lead_in.keep_with_next = true;
                }
                let widths = if table.header.len() == 4 {
                    vec![1.1, 2.4, 1.3, 1.3]
                } else {
                    vec![1.0; table.header.len()]
                };
                blocks.push(Block::Table(Table {
                    header: table.header,
                    rows: table
                        .rows
                        .into_iter()
                        .map(|row| row.into_iter().map(|cell| vec![Span::new(cell, CELL)]).collect())
                        .collect(),
                    widths,
                    indent: 0.0,
                }));
            }
        }
    }
    blocks
}

fn signatory(agreement: &Agreement, role: PartyRole) -> Signatory {
    let party = agreement.parties.get(role);
    let (name, title) = party
        .signatory
        .as_ref()
        .map_or((String::new(), String::new()), |s| {
            (s.name.clone(), s.title.clone())
        });
    Signatory {
        role: format!("Signed for the {}", PartyRole::title(role)),
        party: agreement.parties.name_or_placeholder(role),
        name,
        title,
    }
}

/// Every block of the agreement document.
pub fn blocks(version: &Version<'_>) -> Vec<Block> {
    let agreement = version.agreement;
    let mut blocks = title_page(version);
    blocks.push(Block::Paragraph(Paragraph {
        align: Align::Left,
        space_after: 10.0,
        ..Paragraph::plain("Contents", Style::new(Face::Bold, 14.0))
    }));
    blocks.push(Block::Contents);
    blocks.push(Block::PageBreak);
    for (s, section) in agreement.sections.iter().enumerate() {
        blocks.push(heading(format!("{}. {}", s + 1, section.heading), 1));
        for (c, clause) in section.clauses.iter().enumerate() {
            blocks.push(heading(format!("{}.{} {}", s + 1, c + 1, clause.heading), 2));
            blocks.extend(clause_body(agreement, clause));
        }
    }
    blocks.push(heading("Signatures".to_owned(), 1));
    blocks.push(Block::Paragraph(Paragraph::plain(
        "Signed by the authorised representatives of the parties.",
        BODY,
    )));
    let signed = signer_lines(version.round.as_ref());
    if !signed.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::plain(
            format!(
                "Electronic signatures in SLA Studio (ed25519; each key's fingerprint as its holder reads it): {}.",
                signed.join("; ")
            ),
            Style::new(Face::Regular, 9.5).colored(GREY, Mark::None),
        )));
    }
    blocks.push(Block::Signatures(vec![
        signatory(agreement, PartyRole::Customer),
        signatory(agreement, PartyRole::Provider),
    ]));
    blocks
}
