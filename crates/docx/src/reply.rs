//! What a Word reply changes, against the round it was exported from: each clause's words as
//! Word holds them (every revision accepted) compared with the round's text, so that edits
//! made without Track Changes count as much as tracked ones. An edit inside a typed term's
//! written value (99.9 % typed over as 99.5 %, "30 days" as "ten (10) days") is a change of
//! that term; an edit of the clause's own words changes its text with its term references
//! kept; a heading retyped changes the heading; anything that cannot be placed — an edit
//! running over a value and the words around it, an edit inside a table, a clause that is
//! nowhere to be found — is listed, never dropped.

use std::collections::BTreeMap;

use similar::{Algorithm, DiffTag, capture_diff_slices};
use sla_model::{Agreement, Clause};
use sla_templates::Segment;

use crate::{ReplyClause, ReplyParagraph, WordReply};

/// One change the reply makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyEdit {
    /// A typed term's written value changed: its new text as typed (spelled-out numbers with
    /// their figures reduced to the figures), for the caller to parse and validate.
    Term {
        term: String,
        /// The clause where the value was edited (its id).
        clause: String,
        from: String,
        to: String,
        /// Who changed it and when, as the tracked changes in the clause say.
        by: String,
    },
    /// A clause's heading or own words changed; `text` is its new text, term references kept.
    Clause {
        clause: String,
        heading: String,
        text: String,
        by: String,
    },
    /// Every word of a clause was deleted.
    Deleted { clause: String },
    /// A comment, on a clause (by id) or on the agreement as a whole.
    Comment {
        clause: Option<String>,
        author: String,
        text: String,
    },
}

/// The reply's changes, who made them, and what could not be placed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplyMapping {
    pub edits: Vec<ReplyEdit>,
    /// The authors of the tracked changes and comments, in order of appearance.
    pub authors: Vec<String>,
    /// What the reply changed that could not be turned into a change, in words.
    pub unmapped: Vec<String>,
}

impl ReplyMapping {
    /// Whether the reply changes anything at all.
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty() && self.unmapped.is_empty()
    }
}

/// One part of a clause's source text: a paragraph (its source lines joined), or a line that
/// holds only a table-valued term.
enum SourcePart {
    Paragraph(String),
    Table(String),
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
        let is_table = trimmed
            .strip_prefix("{{")
            .and_then(|t| t.strip_suffix("}}"))
            .and_then(|id| agreement.term_value(id.trim()))
            .and_then(sla_templates::format::term_table)
            .is_some();
        if is_table {
            flush(&mut lines, &mut parts);
            parts.push(SourcePart::Table(trimmed.to_owned()));
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
            let inserted: String = new_tokens[new_range].concat();
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

/// Maps a Word reply onto `base`, the round it was exported from.
pub fn map_reply(base: &Agreement, reply: &WordReply) -> ReplyMapping {
    let mut mapping = ReplyMapping::default();
    let seen_authors = |mapping: &mut ReplyMapping, author: &str| {
        if !author.is_empty() && !mapping.authors.iter().any(|a| a == author) {
            mapping.authors.push(author.to_owned());
        }
    };
    for paragraph in reply
        .clauses
        .iter()
        .flat_map(|c| &c.paragraphs)
        .chain(&reply.outside)
    {
        for span in &paragraph.spans {
            if let Some((_, author, _)) = &span.revision {
                seen_authors(&mut mapping, author);
            }
        }
    }
    // Which clause each comment's range starts in.
    let mut comment_clause: BTreeMap<&str, Option<String>> = BTreeMap::new();
    let mut found: Vec<String> = Vec::new();
    let mut term_values: BTreeMap<String, (String, String)> = BTreeMap::new();
    for reply_clause in &reply.clauses {
        let Some(clause) = locate(base, reply_clause) else {
            let heading = reply_clause
                .paragraphs
                .first()
                .map(ReplyParagraph::accepted)
                .unwrap_or_default();
            mapping.unmapped.push(format!(
                "A clause headed “{}” matches no clause of the round it answers; it was not imported.",
                heading.trim()
            ));
            continue;
        };
        found.push(clause.id.to_string());
        for paragraph in &reply_clause.paragraphs {
            for id in &paragraph.comments {
                comment_clause.insert(id, Some(clause.id.to_string()));
            }
        }
        map_clause(base, clause, reply_clause, &mut mapping, &mut term_values);
    }
    for paragraph in &reply.outside {
        for id in &paragraph.comments {
            comment_clause.entry(id).or_insert(None);
        }
    }
    // A clause of the round that the reply does not hold at all.
    for clause in base.sections.iter().flat_map(|s| &s.clauses) {
        if !found.iter().any(|f| f == clause.id.as_str()) {
            mapping.unmapped.push(format!(
                "Clause “{}” is not in the Word file (its content control and heading are gone); it was left as it was — delete it in the draft if that was meant.",
                clause.heading
            ));
        }
    }
    for comment in &reply.comments {
        seen_authors(&mut mapping, &comment.author);
        mapping.edits.push(ReplyEdit::Comment {
            clause: comment_clause.get(comment.id.as_str()).cloned().flatten(),
            author: comment.author.clone(),
            text: comment.text.clone(),
        });
    }
    mapping
}

/// Who made a clause's tracked changes and when (`Jane Counsel, 2027-03-05`), or that its
/// edits were made without Track Changes.
fn revised_by(reply: &ReplyClause) -> String {
    let mut marks: Vec<String> = Vec::new();
    for span in reply.paragraphs.iter().flat_map(|p| &p.spans) {
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

/// How far a clause's words must agree with a reply's to be taken as the same clause.
const SIMILAR_ENOUGH: f32 = 0.6;

/// The round's clause a reply clause stands for: by its content control's id, else by its
/// heading, else by the most similar text (the heading retyped and the control lost).
fn locate<'a>(base: &'a Agreement, reply: &ReplyClause) -> Option<&'a Clause> {
    let clauses = || base.sections.iter().flat_map(|s| &s.clauses);
    if let Some(id) = &reply.id {
        return clauses().find(|c| c.id.as_str() == id);
    }
    let heading = reply.paragraphs.first()?;
    let normalised = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = [normalised(&heading.accepted()), normalised(&heading.original())];
    if let Some(found) = clauses().find(|c| wanted.contains(&normalised(&c.heading))) {
        return Some(found);
    }
    let text: String = reply
        .paragraphs
        .iter()
        .skip(1)
        .map(ReplyParagraph::original)
        .collect::<Vec<_>>()
        .join(" ");
    if text.trim().is_empty() {
        // Nothing to recognise the clause by.
        return None;
    }
    clauses()
        .map(|c| {
            (
                c,
                sla_redline::similarity(
                    &sla_templates::clause_text(base, c, sla_templates::RenderFormat::Text),
                    &text,
                ),
            )
        })
        .filter(|(_, score)| *score >= SIMILAR_ENOUGH)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}

fn map_clause(
    base: &Agreement,
    clause: &Clause,
    reply: &ReplyClause,
    mapping: &mut ReplyMapping,
    term_values: &mut BTreeMap<String, (String, String)>,
) {
    let number = base.clause_number(clause.id.as_str()).unwrap_or_default();
    let by = revised_by(reply);
    let (heading_paragraph, body) = match reply.paragraphs.split_first() {
        Some((first, rest)) if first.style.as_deref() == Some("Heading2") => (Some(first), rest),
        _ => (None, reply.paragraphs.as_slice()),
    };
    let heading =
        heading_paragraph.map_or_else(|| clause.heading.clone(), |p| p.accepted().trim().to_owned());
    let body_text: Vec<String> = body
        .iter()
        .filter(|p| !p.in_table)
        .map(ReplyParagraph::accepted)
        .collect();
    if heading.is_empty() && body_text.iter().all(|t| t.trim().is_empty()) {
        mapping.edits.push(ReplyEdit::Deleted {
            clause: clause.id.to_string(),
        });
        return;
    }
    // An edit inside a table is shown, not applied (tables are edited in the app).
    let table_changed = body
        .iter()
        .filter(|p| p.in_table)
        .any(|p| p.spans.iter().any(|s| s.revision.is_some()));
    let parts = source_parts(base, clause);
    let source_paragraphs: Vec<&String> = parts
        .iter()
        .filter_map(|p| match p {
            SourcePart::Paragraph(text) => Some(text),
            SourcePart::Table(_) => None,
        })
        .collect();
    let new_paragraphs: Vec<String> = body_text
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    let has_table = parts.iter().any(|p| matches!(p, SourcePart::Table(_)));
    if table_changed {
        mapping.unmapped.push(format!(
            "{number} {}: a change inside its table was not imported; change the table in the app.",
            clause.heading
        ));
    }
    if has_table && new_paragraphs.len() != source_paragraphs.len() {
        mapping.unmapped.push(format!(
            "{number} {}: paragraphs were added or removed around its table; the clause was left as it was.",
            clause.heading
        ));
        return;
    }
    // The whole text as one sequence, paragraphs apart by blank lines.
    let source = Clause {
        text: source_paragraphs
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        ..clause.clone()
    };
    let segments = sla_templates::segments(base, &source);
    let rendered: String = segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.as_str(),
            Segment::Term { text, .. } => text.as_str(),
        })
        .collect();
    let new_text = new_paragraphs.join("\n\n");
    let mut new_source = String::new();
    let mut text_changed = false;
    let mut start = 0;
    let edits = text_edits(&rendered, &new_text);
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
    // The clause's text back with its tables where they stood.
    let mut rebuilt: Vec<String> = Vec::new();
    let mut edited = new_source.split("\n\n");
    for part in &parts {
        match part {
            SourcePart::Paragraph(_) => rebuilt.push(edited.next().unwrap_or_default().to_owned()),
            SourcePart::Table(line) => rebuilt.push(line.clone()),
        }
    }
    rebuilt.extend(edited.map(str::to_owned));
    if text_changed || heading != clause.heading {
        mapping.edits.push(ReplyEdit::Clause {
            clause: clause.id.to_string(),
            heading,
            text: rebuilt.join("\n\n"),
            by,
        });
    }
}
