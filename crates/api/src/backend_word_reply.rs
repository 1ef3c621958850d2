//! A Word reply imported as the counterparty's next round: the file read defensively, mapped
//! onto the round it answers, each change applied as the editor would apply it (a term's
//! value parsed and checked against its range), and the result recorded as their round.

use jiff::Timestamp;
use serde::Serialize;
use sla_docx::ReplyEdit;
use sla_model::{Comment, CommentTarget, Round};
use sla_store::AgreementSummary;
use ts_rs::TS;

use crate::backend::parse_id;
use crate::{ApiError, Backend, ErrorCode};

/// What importing a Word reply did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WordImport {
    pub summary: AgreementSummary,
    /// The round the reply became; none when it changed nothing.
    pub round: Option<u32>,
    /// Each change, in words (`Availability target: 99.9 % → 99.5 %`).
    pub changes: Vec<String>,
    /// What the reply changed that could not be imported, in words.
    pub unmapped: Vec<String>,
    /// The file lost its SLA Studio properties: the round its text matches, for the user to
    /// confirm before anything is imported.
    pub to_confirm: Option<TextMatch>,
}

/// A round a Word file's text matches, and how well.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TextMatch {
    pub round: u32,
    /// How many of the words agree, in per cent.
    pub matched_percent: u32,
}

/// How much of a file's text must agree with a round for it to be offered as that round's
/// reply (an edited reply keeps most of its words; another agreement shares few).
const MATCHED_ENOUGH: u32 = 60;

/// The words of a Word file as it was sent (their tracked changes rejected).
fn sent_words(reply: &sla_docx::WordReply) -> String {
    reply
        .paragraphs
        .iter()
        .map(sla_docx::ReplyParagraph::original)
        .collect::<Vec<_>>()
        .join("\n")
}

fn refused(message: String) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidInput,
        format!("{message} Nothing was imported."),
    )
}

impl Backend {
    /// Imports `bytes`, a Word file the counterparty edited after we exported our latest
    /// round, as their next round. Refused whole, changing nothing, when the file is not such
    /// a file, answers another round, or sets a term to a value the term does not allow.
    ///
    /// A file whose SLA Studio properties another editor dropped (pandoc, some online
    /// editors) is matched to our rounds by its text: the result then only names the round it
    /// matches ([`WordImport::to_confirm`]) and imports nothing, until the user confirms that
    /// round with `confirmed_round`.
    pub fn import_word_reply(
        &self,
        id: &str,
        bytes: &[u8],
        file_name: &str,
        confirmed_round: Option<u32>,
        now: Timestamp,
    ) -> Result<WordImport, ApiError> {
        let agreement_id = parse_id(id)?;
        let reply = sla_docx::read_docx(bytes).map_err(|e| refused(format!("{file_name}: {e}.")))?;
        if let Some(other) = reply.agreement_id.as_deref().filter(|a| *a != id) {
            return Err(refused(format!(
                "{file_name} was not exported from this agreement by SLA Studio (its properties name agreement {other})."
            )));
        }
        let library = self.library()?;
        let record = self.open_agreement(id)?;
        let Some(latest_number) = record.summary.latest_round else {
            return Err(refused(
                "The agreement has no round for a Word file to answer.".into(),
            ));
        };
        let (base, mark, created) = self.docx_version(id, Some(latest_number), now)?;
        let latest_is_ours = record
            .rounds
            .last()
            .is_some_and(|r| r.author == record.summary.our_role);
        let answers_latest = match reply.agreement_id {
            Some(_) => mark.as_ref().map(|m| m.hash.as_str()) == reply.fingerprint.as_deref(),
            None => {
                let best = self.round_matching_text(id, &record, &reply, now)?;
                let Some(found) = best.filter(|m| m.matched_percent >= MATCHED_ENOUGH) else {
                    return Err(refused(format!(
                        "{file_name} carries no SLA Studio properties and its text matches none of your rounds of this agreement{}.",
                        best.map_or(String::new(), |m| format!(
                            " (at best {} % of its words, round {})",
                            m.matched_percent, m.round
                        ))
                    )));
                };
                if confirmed_round != Some(found.round) {
                    return Ok(WordImport {
                        summary: record.summary,
                        round: None,
                        changes: Vec::new(),
                        unmapped: Vec::new(),
                        to_confirm: Some(found),
                    });
                }
                found.round == latest_number
            }
        };
        if !answers_latest || !latest_is_ours {
            let latest_author = record.rounds.last().map_or("", |r| r.author.as_str());
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "{file_name} answers {}, but round {latest_number} (proposed by the {latest_author}) is the latest. A Word reply can only answer your own latest round: export it for Word and have that file edited. Nothing was imported.",
                    reply.round.or(confirmed_round).map_or_else(
                        || "no round of this agreement".to_owned(),
                        |r| format!("round {r}")
                    ),
                ),
            ));
        }
        let mapping = sla_docx::map_reply(
            &sla_docx::Version {
                agreement: &base,
                round: mark,
                created,
            },
            &reply,
        )
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let mut workspace = self.workspace()?;
        let record = workspace.agreement(agreement_id)?;
        let latest = workspace.round(agreement_id, latest_number)?;
        let counterparty = record.summary.our_role.other();
        let mut snapshot = latest.snapshot.clone();
        let (changes, comments) = apply_reply(&mut snapshot, &mapping, library, counterparty, file_name)?;
        if snapshot == latest.snapshot && comments.is_empty() {
            return Ok(WordImport {
                summary: record.summary,
                round: None,
                changes: Vec::new(),
                unmapped: mapping.unmapped,
                to_confirm: None,
            });
        }
        snapshot
            .validate()
            .map_err(|e| refused(format!("{file_name}: {e}.")))?;
        let by = if mapping.authors.is_empty() {
            String::new()
        } else {
            format!(" by {}", mapping.authors.join(", "))
        };
        let matched = if reply.agreement_id.is_none() {
            format!(
                " (it had lost its SLA Studio properties and was matched to round {latest_number} by its text)"
            )
        } else {
            String::new()
        };
        let message =
            format!("From the Word file {file_name}{matched}, edited{by}; imported into SLA Studio.");
        let mut round = Round::new(
            latest_number + 1,
            counterparty,
            now,
            &message,
            Some(latest.hash()),
            snapshot.clone(),
        )
        .map_err(|e| refused(format!("Round message: {e}.")))?;
        round.comments = comments;
        round
            .validate()
            .map_err(|e| refused(format!("{file_name}: {e}.")))?;
        let draft_unchanged = record.agreement == latest.snapshot;
        // The draft follows the new round unless it holds edits of ours: the round and the
        // draft in one transaction, so a crash leaves neither a round without its draft nor
        // the reverse.
        let draft = draft_unchanged.then_some(&snapshot);
        let summary = workspace.append_round_with_draft(agreement_id, &round, draft, now)?;
        if draft_unchanged {
            // The undo steps recorded before the reply no longer apply to this draft.
            self.forget_history(agreement_id);
        }
        Ok(WordImport {
            summary,
            round: Some(round.number),
            changes,
            unmapped: mapping.unmapped,
            to_confirm: None,
        })
    }
}

impl Backend {
    /// Of our own rounds of the agreement, the one whose exported text the reply's text
    /// matches best.
    fn round_matching_text(
        &self,
        id: &str,
        record: &sla_store::AgreementRecord,
        reply: &sla_docx::WordReply,
        now: Timestamp,
    ) -> Result<Option<TextMatch>, ApiError> {
        let theirs = sent_words(reply);
        let mut best: Option<TextMatch> = None;
        for round in record
            .rounds
            .iter()
            .filter(|r| r.author == record.summary.our_role)
        {
            let exported = sla_docx::read_docx(&self.export_docx(id, Some(round.number), now)?)
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
            let score = sla_redline::similarity(&sent_words(&exported), &theirs);
            let percent = (score * 100.0).round() as u32;
            if best.is_none_or(|b| percent >= b.matched_percent) {
                best = Some(TextMatch {
                    round: round.number,
                    matched_percent: percent,
                });
            }
        }
        Ok(best)
    }
}

/// Applies a mapped reply to `snapshot` as the editor would: each term's new text parsed and
/// checked against its range, each changed table read back as its term's rows, clause words
/// and headings replaced, added clauses added, deleted clauses removed. A term whose written
/// value they rewrote into words that are no value of it (a choice's words replaced by others,
/// a duration by "a reasonable time") keeps their words: the clause no longer quotes the term.
/// Returns the changes in words and the comments (by `counterparty`); a value that is one but
/// is not allowed (150 %) refuses the whole reply, naming clause and term.
pub fn apply_reply(
    snapshot: &mut sla_model::Agreement,
    mapping: &sla_docx::ReplyMapping,
    library: &sla_templates::Library,
    counterparty: sla_model::PartyRole,
    file_name: &str,
) -> Result<(Vec<String>, Vec<Comment>), ApiError> {
    let mut changes = Vec::new();
    let mut comments = Vec::new();
    let mut reworded_terms: Vec<(&str, &str, usize, &str, &str)> = Vec::new();
    for edit in &mapping.edits {
        match edit {
            ReplyEdit::Term {
                term,
                clause,
                occurrence,
                from,
                to,
                by,
            } => {
                let number = snapshot.clause_number(clause).unwrap_or_default();
                let mut wording = false;
                let result = crate::editing::set_term_value(snapshot, library, term, |spec| {
                    let parsed = sla_templates::term_value_from_text(spec, to);
                    wording = parsed.is_err() && is_wording(spec.kind, to);
                    parsed
                });
                match result {
                    Ok(label) => changes.push(format!(
                        "{}: {from} → {to} ({by})",
                        label.trim_start_matches("change ")
                    )),
                    Err(_) if wording => reworded_terms.push((clause, term, *occurrence, to, by)),
                    Err(e) => {
                        return Err(refused(format!(
                            "In clause {number} of {file_name}, {}.",
                            e.message
                        )));
                    }
                }
            }
            ReplyEdit::Table {
                term,
                clause,
                rows,
                by,
            } => {
                let number = snapshot.clause_number(clause).unwrap_or_default();
                let before = snapshot.term_value(term).cloned();
                let label = crate::editing::set_term_value(snapshot, library, term, |spec| {
                    sla_templates::table_value_from_rows(spec, rows)
                })
                .map_err(|e| {
                    refused(format!(
                        "In the table of clause {number} of {file_name}, {}.",
                        e.message
                    ))
                })?;
                if snapshot.term_value(term) != before.as_ref() {
                    changes.push(format!(
                        "{}: its table changed in clause {number} ({by})",
                        label.trim_start_matches("change ")
                    ));
                }
            }
            ReplyEdit::Clause {
                clause,
                heading,
                text,
                by,
            } => {
                let number = snapshot.clause_number(clause).unwrap_or_default();
                crate::editing::set_clause_text(snapshot, clause, heading, text)
                    .map_err(|e| refused(format!("Clause {number} of {file_name}: {}.", e.message)))?;
                changes.push(format!("Clause {number} {heading}: reworded ({by})"));
            }
            ReplyEdit::Added {
                after,
                heading,
                text,
                by,
            } => {
                let id = crate::editing::add_written_clause(snapshot, after.as_deref(), heading, text)
                    .map_err(|e| {
                        refused(format!(
                            "A clause added in {file_name} (“{heading}”): {}.",
                            e.message
                        ))
                    })?;
                let number = snapshot.clause_number(&id).unwrap_or_default();
                changes.push(format!("Clause {number} {heading}: added ({by})"));
            }
            ReplyEdit::Deleted { clause, tracked } => {
                let number = snapshot.clause_number(clause).unwrap_or_default();
                let label = crate::editing::remove_clause(snapshot, clause)?;
                let how = if *tracked {
                    "deleted with Track Changes"
                } else {
                    "no longer in the Word file"
                };
                changes.push(format!(
                    "Clause {number}: {} ({how})",
                    label.replacen("remove clause", "deleted:", 1)
                ));
            }
            ReplyEdit::Comment { clause, author, text } => comments.push(Comment {
                target: clause
                    .clone()
                    .map_or(CommentTarget::Agreement, CommentTarget::Clause),
                author: counterparty,
                text: if author.is_empty() {
                    text.clone()
                } else {
                    format!("{author}: {text}")
                },
            }),
        }
    }
    for (clause, term, occurrence, words, by) in reworded_terms {
        changes.push(
            unbind(snapshot, clause, term, occurrence, words, by)
                .map_err(|e| refused(format!("{file_name}: {}.", e.message)))?,
        );
    }
    Ok((changes, comments))
}

/// Whether `text`, which is no value of a term of `kind`, is words written in its place: any
/// text for a choice, and text without a figure for the other kinds (text with a figure was
/// meant as a value, so it is refused as one).
fn is_wording(kind: sla_templates::TermKind, text: &str) -> bool {
    use sla_templates::TermKind;
    match kind {
        TermKind::Choice => true,
        TermKind::TierTable | TermKind::PriorityMatrix => false,
        _ => !text.chars().any(|c| c.is_ascii_digit()),
    }
}

/// The `occurrence`-th reference to `term` in `clause` replaced by `words`, their wording.
fn unbind(
    snapshot: &mut sla_model::Agreement,
    clause: &str,
    term: &str,
    occurrence: usize,
    words: &str,
    by: &str,
) -> Result<String, ApiError> {
    let Some((s, c)) = snapshot.locate_clause(clause) else {
        return Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no clause `{clause}`"),
        ));
    };
    let number = snapshot.clause_number(clause).unwrap_or_default();
    let label = snapshot.term(term).map_or(term.to_owned(), |t| t.label.clone());
    let target = &mut snapshot.sections[s].clauses[c];
    let references = target
        .term_references()
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let Some(reference) = references
        .iter()
        .filter(|r| r.term.as_str() == term)
        .nth(occurrence)
    else {
        return Err(ApiError::new(
            ErrorCode::Internal,
            format!("clause {number} no longer quotes {label}"),
        ));
    };
    let heading = target.heading.clone();
    target.text.replace_range(reference.span.clone(), words);
    let still_quoted = snapshot.sections.iter().flat_map(|s| &s.clauses).any(|c| {
        c.term_references()
            .is_ok_and(|r| r.iter().any(|r| r.term.as_str() == term))
    });
    let status = if still_quoted {
        "other clauses still quote it".to_owned()
    } else {
        "no clause quotes it now, so it is unbound: bind it to a clause or remove it".to_owned()
    };
    Ok(format!(
        "Clause {number} {heading}: {label} rewritten as their words “{words}” — the clause no longer quotes the term; {status} ({by})"
    ))
}
