//! The redline between two versions as a document: a summary table of the changed terms (old
//! and new value, what the new one means, whom the change favours), then the clauses with
//! insertions underlined in blue and deletions struck through in red, moved, inserted and
//! deleted clauses marked, unchanged clauses collapsed unless asked for.

use sla_model::PartyRole;
use sla_redline::{ClauseChange, ClauseChangeKind, PieceKind, Redline, RowChangeKind, TermChange};

use crate::blocks::{Align, Block, DELETED, GREY, INSERTED, Mark, Paragraph, Span, Style, Table};
use crate::fonts::Face;

const BODY: Style = Style::new(Face::Regular, 11.0);
const CELL: Style = Style::new(Face::Regular, 9.0);

/// One side of the comparison, as the title page and the footer name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// "Round 1, proposed by the customer on 3 March 2027", or a file's name.
    pub label: String,
    /// The round's fingerprint, when it is a round.
    pub fingerprint: Option<String>,
}

/// What the redline document shows.
#[derive(Clone, Debug)]
pub struct RedlineDocument<'a> {
    pub title: String,
    pub from: Side,
    pub to: Side,
    pub redline: &'a Redline,
    /// Show the unchanged clauses too (otherwise each run of them is one grey line).
    pub include_unchanged: bool,
    pub printed_at: jiff::Timestamp,
}

fn centered(text: impl Into<String>, style: Style, space_after: f32) -> Block {
    Paragraph::centered(text, style, space_after)
}

fn heading(spans: Vec<Span>, level: u8) -> Block {
    let (before, after) = if level == 1 { (16.0, 8.0) } else { (10.0, 3.0) };
    Paragraph::heading(spans, level, before, after)
}

fn favours(role: Option<PartyRole>) -> &'static str {
    match role {
        Some(PartyRole::Customer) => "the customer",
        Some(PartyRole::Provider) => "the provider",
        None => "—",
    }
}

fn cell(text: impl Into<String>, style: Style) -> Vec<Span> {
    vec![Span::new(text, style)]
}

fn terms_table(redline: &Redline) -> Block {
    let deleted = CELL.colored(DELETED, Mark::Strike);
    let inserted = CELL.colored(INSERTED, Mark::Underline);
    let meaning = CELL.colored(GREY, Mark::None);
    let rows = redline
        .terms
        .iter()
        .map(|term| {
            // A table's values are compared row by row below the summary.
            let value = |v: &Option<String>, style| match (&term.table, v) {
                (Some(_), Some(_)) => cell("the table below", Style::new(Face::Italic, 9.0)),
                _ => cell(v.clone().unwrap_or_else(|| "—".into()), style),
            };
            let mut impact = Vec::new();
            if let Some(old) = &term.old_meaning {
                impact.push(Span::new(format!("{old} → "), meaning));
            }
            if let Some(new) = &term.new_meaning {
                impact.push(Span::new(new.clone(), CELL));
            }
            vec![
                cell(term.label.clone(), Style::new(Face::Bold, 9.0)),
                value(&term.old, deleted),
                value(&term.new, inserted),
                impact,
                cell(favours(term.favours), CELL),
            ]
        })
        .collect();
    Block::Table(Table {
        header: ["Term", "From", "To", "What it means", "Favours"]
            .map(String::from)
            .to_vec(),
        rows,
        widths: vec![1.3, 1.5, 1.5, 2.2, 0.9],
        indent: 0.0,
    })
}

/// A table term's rows: removed rows struck through in red, added rows underlined in blue,
/// and in a changed row each changed cell as old → new.
fn table_rows(term: &TermChange) -> Vec<Block> {
    let Some(table) = &term.table else {
        return Vec::new();
    };
    let deleted = CELL.colored(DELETED, Mark::Strike);
    let inserted = CELL.colored(INSERTED, Mark::Underline);
    let rows = table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .map(|c| {
                    let text = |v: &Option<String>| v.clone().unwrap_or_default();
                    match row.kind {
                        RowChangeKind::Deleted => cell(text(&c.old), deleted),
                        RowChangeKind::Inserted => cell(text(&c.new), inserted),
                        _ if c.old == c.new => cell(text(&c.new), CELL),
                        _ => vec![
                            Span::new(text(&c.old), deleted),
                            Span::new(" ", CELL),
                            Span::new(text(&c.new), inserted),
                        ],
                    }
                })
                .collect()
        })
        .collect();
    let widths = if table.header.len() == 4 {
        vec![1.1, 2.4, 1.3, 1.3]
    } else {
        vec![1.0; table.header.len()]
    };
    vec![
        Block::Paragraph(Paragraph {
            align: Align::Left,
            space_before: 8.0,
            space_after: 2.0,
            keep_with_next: true,
            ..Paragraph::plain(term.label.clone(), Style::new(Face::Bold, 10.5))
        }),
        Block::Table(Table {
            header: table.header.clone(),
            rows,
            widths,
            indent: 0.0,
        }),
    ]
}

fn kind_note(change: &ClauseChange) -> Option<String> {
    let was = change
        .old_number
        .as_ref()
        .filter(|old| change.new_number.as_ref() != Some(*old))
        .map(|old| format!(" (was {old})"))
        .unwrap_or_default();
    Some(match change.kind {
        ClauseChangeKind::Unchanged => return None,
        ClauseChangeKind::Inserted => "inserted".to_owned(),
        ClauseChangeKind::Deleted => "deleted".to_owned(),
        ClauseChangeKind::Moved => format!("moved{was}"),
        ClauseChangeKind::MovedAndModified => format!("moved{was} and modified"),
        ClauseChangeKind::Modified if change.cosmetic => format!("cosmetic changes only{was}"),
        ClauseChangeKind::Modified => format!("modified{was}"),
    })
}

/// The clause's words as paragraphs of spans: unchanged text plain, deletions red and struck
/// through, insertions blue and underlined; a line break starts a new paragraph.
fn clause_paragraphs(change: &ClauseChange) -> Vec<Block> {
    let mut paragraphs: Vec<Vec<Span>> = vec![Vec::new()];
    for piece in &change.words.pieces {
        let style = match piece.kind {
            PieceKind::Same => BODY,
            PieceKind::Deleted => BODY.colored(DELETED, Mark::Strike),
            PieceKind::Inserted => BODY.colored(INSERTED, Mark::Underline),
        };
        for (i, part) in piece.text.split('\n').enumerate() {
            if i > 0 {
                paragraphs.push(Vec::new());
            }
            if !part.trim().is_empty()
                && let Some(current) = paragraphs.last_mut()
            {
                current.push(Span::new(part, style));
            }
        }
    }
    paragraphs
        .into_iter()
        .filter(|spans| !spans.is_empty())
        .map(|spans| Block::Paragraph(Paragraph::new(spans)))
        .collect()
}

fn clause_heading(change: &ClauseChange) -> Block {
    let number = change
        .new_number
        .as_ref()
        .or(change.old_number.as_ref())
        .cloned()
        .unwrap_or_default();
    let bold = Style::new(Face::Bold, 11.0);
    let mut spans = vec![Span::new(format!("{number} {}", change.heading), bold)];
    if let Some(old) = &change.old_heading {
        spans.push(Span::new(
            format!(" (heading was: {old})"),
            Style::new(Face::Italic, 10.0),
        ));
    }
    if let Some(note) = kind_note(change) {
        spans.push(Span::new(
            format!(" — {note}"),
            Style::new(Face::Italic, 10.0).colored(GREY, Mark::None),
        ));
    }
    heading(spans, 2)
}

/// Every block of the redline document.
pub fn blocks(document: &RedlineDocument<'_>) -> Vec<Block> {
    let redline = document.redline;
    let small = Style::new(Face::Regular, 9.5).colored(GREY, Mark::None);
    let mut blocks = vec![
        centered("", BODY, 120.0),
        centered("Redline", Style::new(Face::Italic, 14.0), 10.0),
        centered(document.title.clone(), Style::new(Face::Bold, 22.0), 24.0),
        centered(format!("From: {}", document.from.label), BODY, 4.0),
    ];
    if let Some(hash) = &document.from.fingerprint {
        blocks.push(centered(format!("fingerprint {hash}"), small, 10.0));
    }
    blocks.push(centered(format!("To: {}", document.to.label), BODY, 4.0));
    if let Some(hash) = &document.to.fingerprint {
        blocks.push(centered(format!("fingerprint {hash}"), small, 10.0));
    }
    let changed = redline.changed().count();
    blocks.push(centered(
        format!(
            "{} term{} and {changed} clause{} changed",
            redline.terms.len(),
            if redline.terms.len() == 1 { "" } else { "s" },
            if changed == 1 { "" } else { "s" }
        ),
        BODY,
        24.0,
    ));
    blocks.push(Block::Paragraph(Paragraph {
        align: Align::Center,
        ..Paragraph::new(vec![
            Span::new("Insertions are ", BODY),
            Span::new("underlined in blue", BODY.colored(INSERTED, Mark::Underline)),
            Span::new(", deletions ", BODY),
            Span::new("struck through in red", BODY.colored(DELETED, Mark::Strike)),
            Span::new(".", BODY),
        ])
    }));
    blocks.push(Block::PageBreak);

    blocks.push(heading(
        vec![Span::new("Terms changed", Style::new(Face::Bold, 14.0))],
        1,
    ));
    if redline.terms.is_empty() {
        blocks.push(Block::Paragraph(Paragraph::plain("No term changed.", BODY)));
    } else {
        blocks.push(terms_table(redline));
        blocks.extend(redline.terms.iter().flat_map(table_rows));
    }
    blocks.push(heading(
        vec![Span::new("Clauses", Style::new(Face::Bold, 14.0))],
        1,
    ));
    let mut unchanged_run = 0;
    let flush = |run: &mut usize, blocks: &mut Vec<Block>| {
        if *run > 0 {
            let text = if *run == 1 {
                "1 unchanged clause".to_owned()
            } else {
                format!("{run} unchanged clauses")
            };
            blocks.push(Block::Paragraph(Paragraph {
                align: Align::Left,
                ..Paragraph::plain(
                    format!("[{text}]"),
                    Style::new(Face::Italic, 9.5).colored(GREY, Mark::None),
                )
            }));
            *run = 0;
        }
    };
    for change in &redline.clauses {
        if change.kind == ClauseChangeKind::Unchanged && !document.include_unchanged {
            unchanged_run += 1;
            continue;
        }
        flush(&mut unchanged_run, &mut blocks);
        blocks.push(clause_heading(change));
        if change.kind != ClauseChangeKind::Moved {
            blocks.extend(clause_paragraphs(change));
        }
    }
    flush(&mut unchanged_run, &mut blocks);
    blocks
}
