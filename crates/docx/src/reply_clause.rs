//! One clause of a reply against the round's clause it stands for: the words of each
//! paragraph group (the paragraphs between its tables) compared with the round's text, so that
//! an edit inside a typed term's written value is a change of that term, an edit of the
//! clause's own words changes its text with its term references kept, a paragraph added or
//! removed anywhere — beside a table too — is part of the new text, and a table whose cells
//! changed is a new value of its term.

use std::collections::BTreeMap;

use similar::{Algorithm, DiffTag, capture_diff_slices};
use sla_model::{Agreement, Clause};
use sla_templates::Segment;

use crate::ReplyParagraph;
use crate::reply::{ReplyEdit, ReplyMapping, quoted};
use crate::segment::{ReplyClause, without_number};

/// Stands where a table stood, in the text compared: a character no reply keeps (removed from
/// theirs first), so that no edit runs over it.
const TABLE_MARK: char = '\u{E000}';

/// One part of a clause's source text: a paragraph (its source lines joined), or a line that
/// holds only a table-valued term.
enum SourcePart {
    Paragraph(String),
    Table { line: String, term: String },
}

/// The clause's source text in the parts `sla_templates::clause_body` shows.
fn source_parts(agreement: &Agreement, clause: &Clause) -> Vec<SourcePart> {
    let mut parts = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    let flush = |lines: &mut Vec<&str>, parts: &mut Vec<SourcePart>| {
        if !lines.is_empty() {
            parts.push(SourcePart::Paragraph(lines.join(" ")));
            lines.clear();
        }
    };
    for line in clause.text.split('\n') {
        let trimmed = line.trim();
        let table_term = trimmed
            .strip_prefix("{{")
            .and_then(|t| t.strip_suffix("}}"))
            .map(str::trim)
            .filter(|id| {
                agreement
                    .term_value(id)
                    .and_then(sla_templates::format::term_table)
                    .is_some()
            });
        if let Some(term) = table_term {
            flush(&mut lines, &mut parts);
            parts.push(SourcePart::Table {
                line: trimmed.to_owned(),
                term: term.to_owned(),
            });
        } else if trimmed.is_empty() {
            flush(&mut lines, &mut parts);
        } else {
            lines.push(trimmed);
        }
    }
    flush(&mut lines, &mut parts);
    parts
}

/// "ten (10) days" → "10 days": a figure in brackets after its spelling is the value.
pub fn normalise_value(text: &str) -> String {
    let text = text.trim();
    if let (Some(open), Some(close)) = (text.find('('), text.find(')'))
        && open < close
    {
        let figure = &text[open + 1..close];
        let spelled = &text[..open];
        if !figure.is_empty()
            && figure.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && spelled.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        {
            return format!("{figure}{}", &text[close + 1..])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    text.to_owned()
}

/// Text from a Word file as clause words: no pair of braces in it reads as a term reference.
fn apart_braces(text: &str) -> String {
    let mut text = text.to_owned();
    while text.contains("{{") {
        text = text.replace("{{", "{ {");
    }
    text
}

/// An edit of the round's rendered text: the byte range replaced and what replaced it.
struct TextEdit {
    from: usize,
    to: usize,
    inserted: String,
}

/// The edits turning `old` into `new`, word by word (no merging across unchanged words, so a
/// value's edit stays inside the value).
fn text_edits(old: &str, new: &str) -> Vec<TextEdit> {
    let (old_tokens, new_tokens) = (sla_redline::tokens(old), sla_redline::tokens(new));
    let mut edits: Vec<TextEdit> = Vec::new();
    let mut at = 0;
    for op in capture_diff_slices(Algorithm::Myers, &old_tokens, &new_tokens) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let old_len: usize = old_tokens[old_range].iter().map(|t| t.len()).sum();
        if tag != DiffTag::Equal {
            let inserted = apart_braces(&new_tokens[new_range].concat());
            match edits.last_mut() {
                Some(last) if last.to == at => {
                    last.to += old_len;
                    last.inserted.push_str(&inserted);
                }
                _ => edits.push(TextEdit {
                    from: at,
                    to: at + old_len,
                    inserted,
                }),
            }
        }
        at += old_len;
    }
    edits
}

/// Who made a clause's tracked changes and when (`Jane Counsel, 2027-03-05`), or that its
/// edits were made without Track Changes.
pub fn revised_by(paragraphs: &[ReplyParagraph]) -> String {
    let mut marks: Vec<String> = Vec::new();
    for span in paragraphs.iter().flat_map(|p| &p.spans) {
        if let Some((_, author, date)) = &span.revision {
            let day = date.get(..10).unwrap_or(date);
            let mark = if author.is_empty() {
                day.to_owned()
            } else {
                format!("{author}, {day}")
            };
            if !marks.contains(&mark) {
                marks.push(mark);
            }
        }
    }
    if marks.is_empty() {
        "made without Track Changes".to_owned()
    } else {
        format!("tracked: {}", marks.join("; "))
    }
}

/// A clause body as Word holds it: its paragraph groups (the paragraphs before, between and
/// after its tables) and its tables as rows of cell texts.
#[derive(Default)]
pub struct Body {
    pub groups: Vec<Vec<String>>,
    pub tables: Vec<Vec<Vec<String>>>,
}

/// The body paragraphs (heading aside) as groups and tables, every revision accepted.
pub fn body(paragraphs: &[ReplyParagraph]) -> Body {
    let mut body = Body {
        groups: vec![Vec::new()],
        tables: Vec::new(),
    };
    let mut table_now: Option<usize> = None;
    for paragraph in paragraphs {
        let text = paragraph.accepted().replace(TABLE_MARK, "");
        match paragraph.cell {
            Some(cell) => {
                if table_now != Some(cell.table) {
                    table_now = Some(cell.table);
                    body.tables.push(Vec::new());
                    body.groups.push(Vec::new());
                }
                let Some(table) = body.tables.last_mut() else {
                    continue;
                };
                while table.len() <= cell.row {
                    table.push(Vec::new());
                }
                let row = &mut table[cell.row];
                while row.len() <= cell.column {
                    row.push(String::new());
                }
                let cell_text = &mut row[cell.column];
                let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
                if !words.is_empty() {
                    if !cell_text.is_empty() {
                        cell_text.push(' ');
                    }
                    cell_text.push_str(&words);
                }
            }
            None => {
                let trimmed = text.trim();
                if !trimmed.is_empty()
                    && let Some(group) = body.groups.last_mut()
                {
                    group.push(trimmed.to_owned());
                }
            }
        }
    }
    body
}

/// Maps one reply clause onto the round's `clause`. `ours` is the same clause as the export
/// wrote it, read back the same way: its tables are what the reply's tables are compared with.
pub fn map_clause(
    base: &Agreement,
    clause: &Clause,
    reply: &ReplyClause,
    ours: Option<&ReplyClause>,
    mapping: &mut ReplyMapping,
    term_values: &mut BTreeMap<String, (String, String)>,
) {
    let number = base.clause_number(clause.id.as_str()).unwrap_or_default();
    let by = revised_by(&reply.paragraphs);
    let (heading_paragraph, body_paragraphs) = match reply.heading() {
        Some(first) => (Some(first), &reply.paragraphs[1..]),
        None => (None, reply.paragraphs.as_slice()),
    };
    // A heading emptied, or written with its number as text, is the heading it was.
    let heading = heading_paragraph
        .map(|p| p.accepted().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|h| !h.is_empty() && without_number(h) != clause.heading)
        .map_or_else(|| clause.heading.clone(), |h| apart_braces(&h));
    let heading_emptied = heading_paragraph.is_some_and(|p| p.accepted().trim().is_empty());
    let theirs = body(body_paragraphs);
    let nothing_left = theirs.groups.iter().all(Vec::is_empty)
        && theirs.tables.iter().flatten().flatten().all(|c| c.is_empty());
    if (heading_emptied || heading_paragraph.is_none()) && nothing_left {
        mapping.edits.push(ReplyEdit::Deleted {
            clause: clause.id.to_string(),
            tracked: true,
        });
        return;
    }
    let parts = source_parts(base, clause);
    let source_tables: Vec<&String> = parts
        .iter()
        .filter_map(|p| match p {
            SourcePart::Table { term, .. } => Some(term),
            SourcePart::Paragraph(_) => None,
        })
        .collect();
    if theirs.tables.len() != source_tables.len() {
        mapping.unmapped.push(format!(
            "{number} {}: the Word file has {} table(s) in it where the round has {}; the clause was left as it was. Its text in the Word file: {}",
            clause.heading,
            theirs.tables.len(),
            source_tables.len(),
            quoted(&reply.paragraphs)
        ));
        return;
    }
    // The tables: each changed one is a new value of its term.
    let our_tables = ours.map(|o| body(&o.paragraphs[usize::from(o.heading().is_some())..]).tables);
    for (k, term) in source_tables.iter().enumerate() {
        let unchanged = our_tables
            .as_ref()
            .and_then(|t| t.get(k))
            .is_some_and(|ours| *ours == theirs.tables[k]);
        if !unchanged {
            mapping.edits.push(ReplyEdit::Table {
                term: (*term).clone(),
                clause: clause.id.to_string(),
                rows: theirs.tables[k].iter().skip(1).cloned().collect(),
                by: by.clone(),
            });
        }
    }
    // The words, each group of paragraphs in its place between the tables.
    let mut source_groups: Vec<Vec<&str>> = vec![Vec::new()];
    for part in &parts {
        match part {
            SourcePart::Paragraph(text) => {
                if let Some(group) = source_groups.last_mut() {
                    group.push(text);
                }
            }
            SourcePart::Table { .. } => source_groups.push(Vec::new()),
        }
    }
    let table_gap = format!("\n\n{TABLE_MARK}\n\n");
    let source = Clause {
        text: source_groups
            .iter()
            .map(|g| g.join("\n\n"))
            .collect::<Vec<_>>()
            .join(&table_gap),
        ..clause.clone()
    };
    let new_text = theirs
        .groups
        .iter()
        .map(|g| g.join("\n\n"))
        .collect::<Vec<_>>()
        .join(&table_gap);
    let segments = sla_templates::segments(base, &source);
    let rendered: String = segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.as_str(),
            Segment::Term { text, .. } => text.as_str(),
        })
        .collect();
    let edits = text_edits(&rendered, &new_text);
    let mut new_source = String::new();
    let mut text_changed = false;
    let mut start = 0;
    let mut references: BTreeMap<&str, usize> = BTreeMap::new();
    for segment in &segments {
        let (body, term) = match segment {
            Segment::Text(t) => (t.as_str(), None),
            Segment::Term { id, text } => (text.as_str(), Some(id.as_str())),
        };
        let end = start + body.len();
        // Edits inside this segment (an insertion at a boundary belongs to the text).
        let inside: Vec<&TextEdit> = edits
            .iter()
            .filter(|e| {
                let within = e.from >= start && e.to <= end;
                let at_boundary = e.from == e.to && (e.from == start || e.from == end);
                within && !(term.is_some() && at_boundary)
            })
            .collect();
        let mut changed = body.to_owned();
        for edit in inside.iter().rev() {
            changed.replace_range(edit.from - start..edit.to - start, &edit.inserted);
        }
        match term {
            None => {
                text_changed |= !inside.is_empty();
                new_source.push_str(&changed);
            }
            Some(id) => {
                let occurrence = references.entry(id).or_default();
                let this_one = *occurrence;
                *occurrence += 1;
                new_source.push_str(&format!("{{{{{id}}}}}"));
                if !inside.is_empty() {
                    let to = normalise_value(&changed);
                    match term_values.get(id) {
                        Some((other, where_)) if *other != to => mapping.unmapped.push(format!(
                            "{number} {}: {} was changed to “{to}”, but to “{other}” in {where_}; neither was imported.",
                            clause.heading,
                            base.term(id).map_or(id, |t| t.label.as_str())
                        )),
                        Some(_) => {}
                        None => {
                            term_values.insert(id.to_owned(), (to.clone(), number.clone()));
                            mapping.edits.push(ReplyEdit::Term {
                                term: id.to_owned(),
                                clause: clause.id.to_string(),
                                occurrence: this_one,
                                from: body.to_owned(),
                                to,
                                by: by.clone(),
                            });
                        }
                    }
                }
            }
        }
        start = end;
    }
    // Edits running over a value and the words around it.
    for edit in &edits {
        let mut at = 0;
        let crosses = segments.iter().any(|s| {
            let (len, is_term) = match s {
                Segment::Text(t) => (t.len(), false),
                Segment::Term { text, .. } => (text.len(), true),
            };
            let (from, to) = (at, at + len);
            at = to;
            is_term && edit.from < to && edit.to > from && (edit.from < from || edit.to > to)
        });
        if crosses {
            mapping.unmapped.push(format!(
                "{number} {}: “{}” was replaced by “{}”, an edit running over a value and the words around it; it was not imported.",
                clause.heading,
                &rendered[edit.from..edit.to],
                edit.inserted
            ));
        }
    }
    if !(text_changed || heading != clause.heading) {
        return;
    }
    // The clause's text back with its tables where they stood.
    let groups: Vec<&str> = new_source.split(TABLE_MARK).collect();
    if groups.len() != source_groups.len() {
        mapping.unmapped.push(format!(
            "{number} {}: its words could not be placed around its tables; the clause was left as it was. Its text in the Word file: {}",
            clause.heading,
            quoted(&reply.paragraphs)
        ));
        return;
    }
    let mut rebuilt: Vec<String> = Vec::new();
    let mut tables = parts.iter().filter_map(|p| match p {
        SourcePart::Table { line, .. } => Some(line),
        SourcePart::Paragraph(_) => None,
    });
    for (g, group) in groups.iter().enumerate() {
        if g > 0
            && let Some(line) = tables.next()
        {
            rebuilt.push(line.clone());
        }
        rebuilt.extend(
            group
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        );
    }
    mapping.edits.push(ReplyEdit::Clause {
        clause: clause.id.to_string(),
        heading,
        text: rebuilt.join("\n\n"),
        by,
    });
}
