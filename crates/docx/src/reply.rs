//! What a Word reply changes, against the round it was exported from. The reply's paragraphs
//! are cut into clauses ([`crate::segment`]), each matched to the round's clause it stands for
//! ([`crate::reply_align`]) and compared with it word by word ([`crate::reply_clause`]), so
//! that edits made without Track Changes count as much as tracked ones and a reply that
//! passed unchanged through another editor changes nothing. A clause the reply adds is added;
//! one it no longer holds (with its neighbours found) is deleted; every word that cannot be
//! placed — an edit running over a value and the words around it, words written outside any
//! clause, a clause whose tables were added or removed — is listed with its words, never
//! dropped.

use std::collections::BTreeMap;

use similar::{Algorithm, DiffTag, capture_diff_slices};

use crate::reply_align::{align, base_clauses};
use crate::reply_clause::{body, map_clause, revised_by};
use crate::segment::{ReplyClause, segment};
use crate::{DocxError, ReplyParagraph, Version, WordReply, agreement_docx, read_docx};

/// One change the reply makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplyEdit {
    /// A typed term's written value changed: its new text as typed (spelled-out numbers with
    /// their figures reduced to the figures), for the caller to parse and validate.
    Term {
        term: String,
        /// The clause where the value was edited (its id), and which of its references to the
        /// term (from 0).
        clause: String,
        occurrence: usize,
        from: String,
        to: String,
        /// Who changed it and when, as the tracked changes in the clause say.
        by: String,
    },
    /// A table-valued term's table changed: its body rows' cells as the reply holds them,
    /// for the caller to parse and validate.
    Table {
        term: String,
        clause: String,
        rows: Vec<Vec<String>>,
        by: String,
    },
    /// A clause's heading or own words changed; `text` is its new text, term references kept.
    Clause {
        clause: String,
        heading: String,
        text: String,
        by: String,
    },
    /// The clause is gone: every word of it deleted with Track Changes (`tracked`), or the
    /// clause no longer in the file between the clauses around it.
    Deleted { clause: String, tracked: bool },
    /// A clause the reply adds, after the round's clause `after` (at the start when none).
    Added {
        after: Option<String>,
        heading: String,
        text: String,
        by: String,
    },
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

/// Paragraphs' words (revisions accepted) in quotation marks, for a message that must keep them.
pub(crate) fn quoted(paragraphs: &[ReplyParagraph]) -> String {
    let text = paragraphs
        .iter()
        .map(|p| p.accepted().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    format!("“{text}”")
}

/// Maps a Word reply onto `version`, the round it answers (exported as `agreement_docx`
/// exports it: the export is written again and read back, so that what the reply holds is
/// compared with what it was sent as).
pub fn map_reply(version: &Version<'_>, reply: &WordReply) -> Result<ReplyMapping, DocxError> {
    let base = version.agreement;
    let ours = segment(&read_docx(&agreement_docx(version)?)?, None);
    let theirs = segment(reply, Some(base));
    let mut mapping = ReplyMapping::default();
    note_authors(reply, &mut mapping);
    let clauses = base_clauses(base);
    let pairs = align(&clauses, base, &theirs.clauses);
    let ours_by_id: BTreeMap<&str, &ReplyClause> = ours
        .clauses
        .iter()
        .filter_map(|c| c.id.as_deref().map(|id| (id, c)))
        .collect();
    // Which clause each comment's range starts in.
    let mut comment_clause: BTreeMap<&str, Option<String>> = BTreeMap::new();
    let mut term_values: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut placed_before: Option<String> = None;
    for (reply_clause, pair) in theirs.clauses.iter().zip(&pairs) {
        let clause_id = match pair {
            Some(i) => {
                let clause = clauses[*i];
                map_clause(
                    base,
                    clause,
                    reply_clause,
                    ours_by_id.get(clause.id.as_str()).copied(),
                    &mut mapping,
                    &mut term_values,
                );
                Some(clause.id.to_string())
            }
            None => {
                // Comments on a clause they added are on the agreement.
                added(reply_clause, placed_before.clone(), &mut mapping);
                None
            }
        };
        for paragraph in &reply_clause.paragraphs {
            for id in &paragraph.comments {
                comment_clause.insert(id, clause_id.clone());
            }
        }
        if pair.is_some() {
            placed_before = clause_id;
        }
    }
    for paragraph in &theirs.outside {
        for id in &paragraph.comments {
            comment_clause.entry(id).or_insert(None);
        }
    }
    absent_clauses(base, &clauses, &pairs, &mut mapping);
    outside_words(&ours.outside, &theirs.outside, &mut mapping);
    for comment in &reply.comments {
        if !comment.author.is_empty() && !mapping.authors.contains(&comment.author) {
            mapping.authors.push(comment.author.clone());
        }
        mapping.edits.push(ReplyEdit::Comment {
            clause: comment_clause.get(comment.id.as_str()).cloned().flatten(),
            author: comment.author.clone(),
            text: comment.text.clone(),
        });
    }
    Ok(mapping)
}

fn note_authors(reply: &WordReply, mapping: &mut ReplyMapping) {
    for span in reply.paragraphs.iter().flat_map(|p| &p.spans) {
        if let Some((_, author, _)) = &span.revision
            && !author.is_empty()
            && !mapping.authors.contains(author)
        {
            mapping.authors.push(author.clone());
        }
    }
}

/// A reply clause that stands for none of the round's: a clause they added. Its tables' cells
/// become lines of its text.
fn added(reply: &ReplyClause, after: Option<String>, mapping: &mut ReplyMapping) {
    let (heading, rest) = match reply.heading() {
        Some(h) => (
            h.accepted().split_whitespace().collect::<Vec<_>>().join(" "),
            &reply.paragraphs[1..],
        ),
        None => (String::new(), reply.paragraphs.as_slice()),
    };
    let content = body(rest);
    let mut paragraphs: Vec<String> = Vec::new();
    for (g, group) in content.groups.iter().enumerate() {
        if g > 0
            && let Some(table) = content.tables.get(g - 1)
        {
            paragraphs.extend(
                table
                    .iter()
                    .map(|row| row.join(" | "))
                    .filter(|line| !line.trim_matches([' ', '|']).is_empty()),
            );
        }
        paragraphs.extend(group.iter().cloned());
    }
    if heading.is_empty() && paragraphs.is_empty() {
        return;
    }
    let heading = if heading.is_empty() {
        "Added clause".to_owned()
    } else {
        crate::segment::without_number(&heading).to_owned()
    };
    mapping.edits.push(ReplyEdit::Added {
        after,
        heading,
        text: paragraphs.join("\n\n"),
        by: revised_by(&reply.paragraphs),
    });
}

/// The round's clauses the reply does not hold at all: deleted (a clause the other side wrote
/// in the place of one is added beside the deletion, so every word of theirs is kept) — unless
/// most of the round was not found, when the file is not read well enough to delete anything
/// and each is listed and left.
fn absent_clauses(
    base: &sla_model::Agreement,
    clauses: &[&sla_model::Clause],
    pairs: &[Option<usize>],
    mapping: &mut ReplyMapping,
) {
    let placed: Vec<usize> = pairs.iter().flatten().copied().collect();
    let trusted = placed.len() * 2 >= clauses.len();
    for (i, clause) in clauses.iter().enumerate() {
        if placed.contains(&i) {
            continue;
        }
        if trusted {
            mapping.edits.push(ReplyEdit::Deleted {
                clause: clause.id.to_string(),
                tracked: false,
            });
        } else {
            let number = base.clause_number(clause.id.as_str()).unwrap_or_default();
            mapping.unmapped.push(format!(
                "Clause {number} {} could not be found in the Word file; it was left as it was — delete it in the draft if that was meant.",
                clause.heading
            ));
        }
    }
}

/// Words the reply holds outside any clause (title block, section headings, signature
/// blocks) that the export did not: listed, with the words before them.
fn outside_words(ours: &[ReplyParagraph], theirs: &[ReplyParagraph], mapping: &mut ReplyMapping) {
    let text = |paragraphs: &[ReplyParagraph]| {
        paragraphs
            .iter()
            .map(ReplyParagraph::accepted)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (ours, theirs) = (text(ours), text(theirs));
    let old: Vec<&str> = ours.split_whitespace().collect();
    let new: Vec<&str> = theirs.split_whitespace().collect();
    for op in capture_diff_slices(Algorithm::Myers, &old, &new) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal || new_range.is_empty() {
            continue;
        }
        let before = old[old_range.start.saturating_sub(6)..old_range.start].join(" ");
        let words = new[new_range].join(" ");
        let replaced = old[old_range].join(" ");
        mapping.unmapped.push(if replaced.is_empty() {
            format!("Words added outside any clause were not imported: “{words}” (after “{before}”).")
        } else {
            format!(
                "Words outside any clause were changed and not imported: “{replaced}” → “{words}” (after “{before}”)."
            )
        });
    }
}
