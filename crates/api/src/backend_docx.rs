//! Word files for a counterparty who only has Word.

use jiff::Timestamp;

use crate::backend::parse_id;
use crate::{ApiError, Backend, ErrorCode};

impl Backend {
    /// One version of an agreement as a `.docx`: round `round`, or with `None` the agreed
    /// version once agreed, else the latest round (the draft when none was proposed yet). A
    /// round's file is dated with the round, so it is the same file whenever it is exported.
    pub fn export_docx(&self, id: &str, round: Option<u32>, now: Timestamp) -> Result<Vec<u8>, ApiError> {
        let (agreement, mark, created) = self.docx_version(id, round, now)?;
        sla_docx::agreement_docx(&sla_docx::Version {
            agreement: &agreement,
            round: mark,
            created,
        })
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
    }

    /// What [`Backend::export_docx`] writes for `round`: the version's text, its round mark
    /// and its date.
    pub(crate) fn docx_version(
        &self,
        id: &str,
        round: Option<u32>,
        now: Timestamp,
    ) -> Result<(sla_model::Agreement, Option<sla_docx::RoundMark>, Timestamp), ApiError> {
        let agreement_id = parse_id(id)?;
        let record = self.open_agreement(id)?;
        let last = record.rounds.last().map(|r| r.number);
        let agreed = record.summary.agreed_rounds();
        // Once agreed, the agreed version is the default, as for the PDF.
        let number = round.or(agreed.map(|a| a.accepted)).or(last);
        // The round that accepted this one as final, when this one is the agreed version.
        let acceptance = agreed
            .filter(|a| Some(a.accepted) == number)
            .and_then(|a| record.rounds.iter().find(|r| r.number == a.acceptance));
        Ok(match number {
            Some(n) => {
                let found = self.workspace()?.round(agreement_id, n).map_err(|e| match e {
                    sla_store::StoreError::NotFound(_) => {
                        ApiError::new(ErrorCode::NotFound, format!("The agreement has no round {n}."))
                    }
                    other => other.into(),
                })?;
                let mark = sla_docx::RoundMark {
                    number: n,
                    hash: found.hash().to_string(),
                    description: if let Some(acceptance) = acceptance {
                        format!(
                            "Agreed version: round {n}, accepted as final by the {} on {}",
                            acceptance.author.as_str(),
                            acceptance.proposed_at.strftime("%-d %B %Y")
                        )
                    } else {
                        format!(
                            "Round {n}, proposed by the {} on {}",
                            found.author.as_str(),
                            found.proposed_at.strftime("%-d %B %Y")
                        )
                    },
                };
                (found.snapshot, Some(mark), found.proposed_at)
            }
            None => (self.version(id, None)?, None, now),
        })
    }

    /// Writes [`Backend::export_docx`]'s file to `path` (atomically).
    pub fn write_docx(
        &self,
        id: &str,
        round: Option<u32>,
        path: &std::path::Path,
        now: Timestamp,
    ) -> Result<(), ApiError> {
        crate::write_file_atomically(path, &self.export_docx(id, round, now)?)
    }

    /// The file name the save dialog suggests: "SaaS Availability SLA - round 2.docx".
    pub fn docx_file_name(&self, id: &str, round: Option<u32>) -> Result<String, ApiError> {
        let record = self.open_agreement(id)?;
        let title = crate::backend_pdf::file_title(record.agreement.title.as_str());
        let agreed = record.summary.agreed_rounds().map(|a| a.accepted);
        Ok(
            match round.or(agreed).or(record.rounds.last().map(|r| r.number)) {
                Some(n) if Some(n) == agreed => format!("{title} - agreed.docx"),
                Some(n) => format!("{title} - round {n}.docx"),
                None => format!("{title} - draft.docx"),
            },
        )
    }
}

impl Backend {
    /// The redline from version `from` to version `to` (round numbers; `None` is the working
    /// draft) as a Word file with tracked changes by the newer version's author, and the
    /// comments that version's round carried as Word comments.
    pub fn redline_docx(
        &self,
        id: &str,
        from: Option<u32>,
        to: Option<u32>,
        now: Timestamp,
    ) -> Result<Vec<u8>, ApiError> {
        let agreement_id = parse_id(id)?;
        let (old, new) = (self.version(id, from)?, self.version(id, to)?);
        let redline = sla_redline::redline(&old, &new, Some(self.library()?));
        let record = self.open_agreement(id)?;
        let newer = match to {
            Some(n) => Some(self.workspace()?.round(agreement_id, n)?),
            None => None,
        };
        let party = |role: sla_model::PartyRole| {
            let name = new.parties.get(role).name.trim().to_owned();
            if name.is_empty() {
                format!("the {}", role.title())
            } else {
                format!("{name} ({})", role.title())
            }
        };
        let author = party(newer.as_ref().map_or(record.summary.our_role, |r| r.author));
        let label = |round: Option<u32>| match round {
            Some(n) => {
                let author = record
                    .rounds
                    .iter()
                    .find(|r| r.number == n)
                    .map_or("", |r| r.author.as_str());
                format!("round {n} ({author})")
            }
            None => "the working draft".to_owned(),
        };
        let comments = newer
            .as_ref()
            .map(|round| {
                round
                    .comments
                    .iter()
                    .map(|comment| word_comment(&new, comment, party(comment.author)))
                    .collect()
            })
            .unwrap_or_default();
        let mark = newer.as_ref().map(|r| sla_docx::RoundMark {
            number: r.number,
            hash: r.hash().to_string(),
            description: format!("Round {}", r.number),
        });
        sla_docx::redline_docx(&sla_docx::RedlineDocx {
            old: &old,
            new: &new,
            redline: &redline,
            author,
            date: newer.as_ref().map_or(now, |r| r.proposed_at),
            from_label: label(from),
            to_label: label(to),
            round: mark,
            comments,
        })
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
    }
}

/// A round's comment as a Word comment: on its clause, on the first clause quoting its term
/// (named in the text), or on the agreement as a whole.
fn word_comment(
    agreement: &sla_model::Agreement,
    comment: &sla_model::Comment,
    author: String,
) -> sla_docx::WordComment {
    use sla_model::CommentTarget;
    let (clause, text) = match &comment.target {
        CommentTarget::Clause(id) => (Some(id.clone()), comment.text.clone()),
        CommentTarget::Term(term) => {
            let quoting = agreement
                .sections
                .iter()
                .flat_map(|s| &s.clauses)
                .find(|c| {
                    c.term_references()
                        .is_ok_and(|refs| refs.iter().any(|r| r.term.as_str() == term))
                })
                .map(|c| c.id.to_string());
            let label = agreement.term(term).map_or(term.as_str(), |t| t.label.as_str());
            (quoting, format!("On {label}: {}", comment.text))
        }
        CommentTarget::Agreement => (None, comment.text.clone()),
    };
    sla_docx::WordComment { clause, author, text }
}

impl Backend {
    /// Writes [`Backend::redline_docx`]'s file to `path` (atomically).
    pub fn write_redline_docx(
        &self,
        id: &str,
        from: Option<u32>,
        to: Option<u32>,
        path: &std::path::Path,
        now: Timestamp,
    ) -> Result<(), ApiError> {
        crate::write_file_atomically(path, &self.redline_docx(id, from, to, now)?)
    }

    /// "SaaS Availability SLA - redline round 1 to round 2.docx".
    pub fn redline_docx_file_name(
        &self,
        id: &str,
        from: Option<u32>,
        to: Option<u32>,
    ) -> Result<String, ApiError> {
        let record = self.open_agreement(id)?;
        let title = crate::backend_pdf::file_title(record.agreement.title.as_str());
        let version = |round: Option<u32>| round.map_or_else(|| "draft".to_owned(), |n| format!("round {n}"));
        Ok(format!(
            "{title} - redline {} to {}.docx",
            version(from),
            version(to)
        ))
    }
}
