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
    pub fn import_word_reply(
        &self,
        id: &str,
        bytes: &[u8],
        file_name: &str,
        now: Timestamp,
    ) -> Result<WordImport, ApiError> {
        let agreement_id = parse_id(id)?;
        let reply = sla_docx::read_docx(bytes).map_err(|e| refused(format!("{file_name}: {e}.")))?;
        if reply.agreement_id.as_deref() != Some(id) {
            return Err(refused(format!(
                "{file_name} was not exported from this agreement by SLA Studio (its properties name {}).",
                reply
                    .agreement_id
                    .as_deref()
                    .map_or("no agreement".to_owned(), |a| format!("agreement {a}"))
            )));
        }
        let library = self.library()?;
        let mut workspace = self.workspace()?;
        let record = workspace.agreement(agreement_id)?;
        let Some(latest_number) = record.summary.latest_round else {
            return Err(refused(
                "The agreement has no round for a Word file to answer.".into(),
            ));
        };
        let latest = workspace.round(agreement_id, latest_number)?;
        let answers_latest = reply.fingerprint.as_deref() == Some(latest.hash().to_string().as_str());
        if !answers_latest || latest.author != record.summary.our_role {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "{file_name} answers {}, but round {latest_number} (proposed by the {}) is the latest. A Word reply can only answer your own latest round: export it for Word and have that file edited. Nothing was imported.",
                    reply.round.map_or_else(
                        || "no round of this agreement".to_owned(),
                        |r| format!("round {r}")
                    ),
                    latest.author.as_str()
                ),
            ));
        }
        let mapping = sla_docx::map_reply(&latest.snapshot, &reply);
        let counterparty = record.summary.our_role.other();
        let mut snapshot = latest.snapshot.clone();
        let (changes, comments) = apply_reply(&mut snapshot, &mapping, library, counterparty, file_name)?;
        if snapshot == latest.snapshot && comments.is_empty() {
            return Ok(WordImport {
                summary: record.summary,
                round: None,
                changes: Vec::new(),
                unmapped: mapping.unmapped,
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
        let message = format!("From the Word file {file_name}, edited{by}; imported into SLA Studio.");
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
        })
    }
}

/// Applies a mapped reply to `snapshot` as the editor would: each term's new text parsed and
/// checked against its range, clause words and headings replaced, deleted clauses removed.
/// Returns the changes in words and the comments (by `counterparty`); an invalid value
/// refuses the whole reply.
pub fn apply_reply(
    snapshot: &mut sla_model::Agreement,
    mapping: &sla_docx::ReplyMapping,
    library: &sla_templates::Library,
    counterparty: sla_model::PartyRole,
    file_name: &str,
) -> Result<(Vec<String>, Vec<Comment>), ApiError> {
    let mut changes = Vec::new();
    let mut comments = Vec::new();
    for edit in &mapping.edits {
        match edit {
            ReplyEdit::Term {
                term,
                clause,
                from,
                to,
                by,
            } => {
                let number = snapshot.clause_number(clause).unwrap_or_default();
                let label = crate::editing::set_term_value(snapshot, library, term, |spec| {
                    sla_templates::term_value_from_text(spec, to)
                })
                .map_err(|e| refused(format!("In clause {number} of {file_name}, {}.", e.message)))?;
                changes.push(format!(
                    "{}: {from} → {to} ({by})",
                    label.trim_start_matches("change ")
                ));
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
            ReplyEdit::Deleted { clause } => {
                let number = snapshot.clause_number(clause).unwrap_or_default();
                let label = crate::editing::remove_clause(snapshot, clause)?;
                changes.push(format!(
                    "Clause {number}: {}",
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
    Ok((changes, comments))
}
