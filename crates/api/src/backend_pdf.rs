//! PDFs from the workspace — an agreement's round, its agreed version or its working draft; a
//! redline; the negotiation history — and a preview of their first pages.

use sla_pdf::{Document, HistoryDocument, Paper, Preview, RedlineDocument, RoundInfo, Side, Version};
use sla_store::AgreementStatus;

use crate::backend::parse_id;
use crate::{ApiError, Backend, ErrorCode};

impl From<sla_pdf::PdfError> for ApiError {
    fn from(error: sla_pdf::PdfError) -> Self {
        let code = match error {
            sla_pdf::PdfError::MissingGlyphs { .. } => ErrorCode::InvalidInput,
            _ => ErrorCode::Internal,
        };
        ApiError::new(code, error.to_string())
    }
}

/// Which PDF the export dialog asks for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "document", rename_all = "snake_case")]
pub enum PdfRequest {
    /// The agreement: a round, or (without one) the agreed version or the working draft.
    Agreement { round: Option<u32> },
    /// The redline between two versions (`None` is the working draft).
    Redline {
        from: Option<u32>,
        to: Option<u32>,
        include_unchanged: bool,
    },
    /// The negotiation history.
    History,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum PaperSize {
    A4,
    Letter,
}

impl From<PaperSize> for Paper {
    fn from(size: PaperSize) -> Self {
        match size {
            PaperSize::A4 => Paper::A4,
            PaperSize::Letter => Paper::Letter,
        }
    }
}

/// How far making a PDF has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct PdfProgress {
    pub pages_done: u32,
    pub pages_total: u32,
}

/// How many pages the export dialog previews.
pub const PREVIEW_PAGES: usize = 2;

impl Backend {
    /// Builds the requested document from the workspace and hands it to `make`.
    fn with_document<T>(
        &self,
        id: &str,
        request: &PdfRequest,
        now: jiff::Timestamp,
        make: impl FnOnce(&Document<'_>) -> Result<T, sla_pdf::PdfError>,
    ) -> Result<T, ApiError> {
        let agreement_id = parse_id(id)?;
        let (record, rounds) = {
            let workspace = self.workspace()?;
            (
                workspace.agreement(agreement_id)?,
                workspace.rounds(agreement_id)?,
            )
        };
        let agreed = record.summary.agreed_rounds();
        match *request {
            PdfRequest::Agreement { round } => {
                let acceptance = agreed.and_then(|a| rounds.iter().find(|r| r.number == a.acceptance));
                let agreed_round = agreed.map(|a| a.accepted);
                let chosen = match round.or(agreed_round) {
                    Some(number) => Some(rounds.iter().find(|r| r.number == number).ok_or_else(|| {
                        ApiError::new(
                            ErrorCode::NotFound,
                            format!("The agreement has no round {number}."),
                        )
                    })?),
                    None => None,
                };
                let version = Version {
                    agreement: chosen.map_or(&record.agreement, |r| &r.snapshot),
                    round: chosen.map(|r| RoundInfo {
                        number: r.number,
                        author: r.author,
                        proposed_at: r.proposed_at,
                        hash: r.hash().to_string(),
                        agreed_at: acceptance
                            .filter(|_| Some(r.number) == agreed_round)
                            .map(|a| a.proposed_at),
                        signers: std::iter::once(r)
                            .chain(acceptance.filter(|_| Some(r.number) == agreed_round))
                            .filter_map(|signed| {
                                signed.signature.map(|s| sla_pdf::Signer {
                                    role: signed.author,
                                    fingerprint: s.key.fingerprint(),
                                    round: signed.number,
                                })
                            })
                            .collect(),
                    }),
                    printed_at: now,
                };
                Ok(make(&Document::Agreement(version))?)
            }
            PdfRequest::Redline {
                from,
                to,
                include_unchanged,
            } => {
                let redline = self.redline(id, from, to)?;
                let document = RedlineDocument {
                    title: self.version(id, to)?.title.as_str().to_owned(),
                    from: self.version_side(id, from)?,
                    to: self.version_side(id, to)?,
                    redline: &redline,
                    include_unchanged,
                    printed_at: now,
                };
                Ok(make(&Document::Redline(document))?)
            }
            PdfRequest::History => {
                let document = HistoryDocument {
                    title: record.agreement.title.as_str().to_owned(),
                    agreement_id: agreement_id.to_string(),
                    rounds: &rounds,
                    agreed: agreed.is_some(),
                    printed_at: now,
                };
                Ok(make(&Document::History(document))?)
            }
        }
    }

    /// The PDF the export dialog (or `sla pdf`) asks for.
    pub fn pdf(
        &self,
        id: &str,
        request: &PdfRequest,
        paper: PaperSize,
        now: jiff::Timestamp,
    ) -> Result<Vec<u8>, ApiError> {
        self.with_document(id, request, now, |document| document.pdf(paper.into()))
    }

    /// The first pages of that PDF, as it will draw them.
    pub fn pdf_preview(
        &self,
        id: &str,
        request: &PdfRequest,
        paper: PaperSize,
        now: jiff::Timestamp,
    ) -> Result<Preview, ApiError> {
        self.with_document(id, request, now, |document| {
            document.preview(paper.into(), PREVIEW_PAGES)
        })
    }

    /// How a PDF names one version of an agreement: a round (with its fingerprint) or the
    /// working draft (`None`).
    pub fn version_side(&self, id: &str, round: Option<u32>) -> Result<Side, ApiError> {
        let Some(number) = round else {
            return Ok(Side {
                label: "the working draft".to_owned(),
                fingerprint: None,
            });
        };
        let found = self
            .workspace()?
            .round(parse_id(id)?, number)
            .map_err(|e| match e {
                sla_store::StoreError::NotFound(_) => ApiError::new(
                    ErrorCode::NotFound,
                    format!("The agreement has no round {number}."),
                ),
                other => other.into(),
            })?;
        Ok(Side {
            label: format!(
                "round {}, proposed by the {} on {}",
                found.number,
                found.author.as_str(),
                found.proposed_at.strftime("%-d %B %Y")
            ),
            fingerprint: Some(found.hash().to_string()),
        })
    }

    /// The file name the save dialog suggests: "SaaS Availability SLA - round 2.pdf".
    pub fn pdf_file_name(&self, id: &str, request: &PdfRequest) -> Result<String, ApiError> {
        let record = self.open_agreement(id)?;
        let title = file_title(record.agreement.title.as_str());
        let version = |round: Option<u32>| round.map_or_else(|| "draft".to_owned(), |n| format!("round {n}"));
        let what = match request {
            PdfRequest::Agreement { round: Some(n) } => format!("round {n}"),
            PdfRequest::Agreement { round: None } if record.summary.status == AgreementStatus::Agreed => {
                "agreed".to_owned()
            }
            PdfRequest::Agreement { round: None } => "draft".to_owned(),
            PdfRequest::Redline { from, to, .. } => format!("redline {} to {}", version(*from), version(*to)),
            PdfRequest::History => "negotiation history".to_owned(),
        };
        Ok(format!("{title} - {what}.pdf"))
    }

    /// Makes the PDF, telling `progress` every tenth page drawn and at the last, and writes it
    /// to `path` (atomically).
    pub fn write_pdf(
        &self,
        id: &str,
        request: &PdfRequest,
        paper: PaperSize,
        path: &std::path::Path,
        now: jiff::Timestamp,
        progress: &mut dyn FnMut(PdfProgress),
    ) -> Result<(), ApiError> {
        // Every tenth page and the last: a long document moves a progress bar without
        // flooding the window with messages.
        let mut report = |done: usize, total: usize| {
            if done.is_multiple_of(10) || done == total {
                progress(PdfProgress {
                    pages_done: u32::try_from(done).unwrap_or(u32::MAX),
                    pages_total: u32::try_from(total).unwrap_or(u32::MAX),
                });
            }
        };
        let bytes = self.with_document(id, request, now, |document| {
            document.pdf_with_progress(paper.into(), &mut report)
        })?;
        crate::write_file_atomically(path, &bytes)
    }
}

/// An agreement title as the start of a file name: letters, digits, spaces, `-` and `_`.
pub(crate) fn file_title(title: &str) -> String {
    let kept: String = title
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .collect();
    match kept.trim() {
        "" => "agreement".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}
