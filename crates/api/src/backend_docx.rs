//! Word files for a counterparty who only has Word.

use jiff::Timestamp;

use crate::backend::parse_id;
use crate::{ApiError, Backend, ErrorCode};

impl Backend {
    /// One version of an agreement as a `.docx`: round `round`, or with `None` the latest
    /// round (the draft when none was proposed yet). A round's file is dated with the round,
    /// so it is the same file whenever it is exported.
    pub fn export_docx(&self, id: &str, round: Option<u32>, now: Timestamp) -> Result<Vec<u8>, ApiError> {
        let agreement_id = parse_id(id)?;
        let record = self.open_agreement(id)?;
        let last = record.rounds.last().map(|r| r.number);
        let agreed = record.summary.status == sla_store::AgreementStatus::Agreed;
        let number = round.or(last);
        let (agreement, mark, created) = match number {
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
                    description: if agreed && Some(n) == last {
                        format!(
                            "Agreed version: round {n}, accepted as final by the {} on {}",
                            found.author.as_str(),
                            found.proposed_at.strftime("%-d %B %Y")
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
        };
        sla_docx::agreement_docx(&sla_docx::Version {
            agreement: &agreement,
            round: mark,
            created,
        })
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
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
        Ok(match round.or(record.rounds.last().map(|r| r.number)) {
            Some(n) => format!("{title} - round {n}.docx"),
            None => format!("{title} - draft.docx"),
        })
    }
}
