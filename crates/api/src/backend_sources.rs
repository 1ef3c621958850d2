//! The operations the CLI runs on a version named on its command line ([`AgreementSource`]):
//! files and documents are read, never stored, and only workspace versions open the
//! workspace; the clause library is loaded only by what needs it.

use jiff::Timestamp;
use sla_checks::Finding;
use sla_model::{Agreement, PartyRole};
use sla_redline::{Redline, UnchangedClauses};
use sla_templates::RenderFormat;

use crate::{
    AgreementSource, ApiError, Backend, ErrorCode, KeyDate, MeasureRequest, Measurement, PaperSize,
    PdfRequest, TermRow,
};

/// A Word reply applied to an agreement file: the changed agreement (not stored anywhere).
#[derive(Clone, Debug, PartialEq)]
pub struct FileWordReply {
    pub agreement: Agreement,
    /// Each change, in words.
    pub changes: Vec<String>,
    /// What the reply changed that could not be applied, in words.
    pub unmapped: Vec<String>,
}

/// A measurement with how its report names what it was measured against.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceMeasurement {
    pub measurement: Measurement,
    pub agreement_id: String,
    /// "the agreed version: round 3, fingerprint …", or "the agreement file sla.json".
    pub measured_against: String,
}

/// Key dates and the iCalendar file that holds them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceCalendar {
    pub dates: Vec<KeyDate>,
    pub icalendar: String,
}

impl Backend {
    /// The review findings of a version.
    pub fn check_source(&self, source: &AgreementSource) -> Result<Vec<Finding>, ApiError> {
        Ok(sla_checks::check(&self.read_source(source)?))
    }

    /// A version as a reader sees it, every value in place.
    pub fn render_source(&self, source: &AgreementSource, format: RenderFormat) -> Result<String, ApiError> {
        Ok(sla_templates::render(&self.read_source(source)?, format))
    }

    /// A version's terms with their ranges from the clause library.
    pub fn source_terms(&self, source: &AgreementSource) -> Result<Vec<TermRow>, ApiError> {
        let agreement = self.read_source(source)?;
        Ok(crate::term_rows(&agreement, self.library()?))
    }

    /// The redline between two versions. The library (which says whom a term change favours)
    /// is loaded only when a version has terms: text files have none.
    pub fn redline_sources(
        &self,
        old: &AgreementSource,
        new: &AgreementSource,
        unchanged: UnchangedClauses,
    ) -> Result<Redline, ApiError> {
        let (old, new) = self.read_sources(old, new)?;
        let library = if old.terms.is_empty() && new.terms.is_empty() {
            None
        } else {
            Some(self.library()?)
        };
        Ok(sla_redline::redline_with(&old, &new, library, unchanged))
    }

    /// The PDF of a version: a file as a draft; a workspace agreement as round `round` (or
    /// the round named), else its agreed version, else its working draft.
    pub fn source_pdf(
        &self,
        source: &AgreementSource,
        round: Option<u32>,
        paper: PaperSize,
        now: Timestamp,
    ) -> Result<Vec<u8>, ApiError> {
        let (id, round) = match source {
            AgreementSource::Draft(id) => (id, round),
            AgreementSource::Round(id, number) => (id, Some(one_round(*number, round)?)),
            AgreementSource::File(_) | AgreementSource::Document(_) => {
                if round.is_some() {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        "--round needs an agreement in the workspace; a file holds only its text",
                    ));
                }
                let agreement = self.read_source(source)?;
                let version = sla_pdf::Version {
                    agreement: &agreement,
                    round: None,
                    printed_at: now,
                };
                return Ok(sla_pdf::agreement_pdf(&version, paper.into())?);
            }
        };
        self.pdf(id, &PdfRequest::Agreement { round }, paper, now)
    }

    /// The redline between two versions as a PDF, each side named as [`Backend::source_side`]
    /// names it.
    pub fn redline_pdf_of_sources(
        &self,
        old: &AgreementSource,
        new: &AgreementSource,
        include_unchanged: bool,
        paper: PaperSize,
        now: Timestamp,
    ) -> Result<Vec<u8>, ApiError> {
        let (from, to) = (self.source_side(old)?, self.source_side(new)?);
        let (old_agreement, new_agreement) = self.read_sources(old, new)?;
        let redline = sla_redline::redline(&old_agreement, &new_agreement, Some(self.library()?));
        let document = sla_pdf::RedlineDocument {
            title: new_agreement.title.as_str().to_owned(),
            from,
            to,
            redline: &redline,
            include_unchanged,
            printed_at: now,
        };
        Ok(sla_pdf::redline_pdf(&document, paper.into())?)
    }

    /// A version as a Word file: a file as its draft; a workspace agreement as
    /// [`Backend::export_docx`] makes it.
    pub fn source_docx(
        &self,
        source: &AgreementSource,
        round: Option<u32>,
        now: Timestamp,
    ) -> Result<Vec<u8>, ApiError> {
        match source {
            AgreementSource::Draft(id) => self.export_docx(id, round, now),
            AgreementSource::Round(id, number) => self.export_docx(id, Some(one_round(*number, round)?), now),
            AgreementSource::File(_) | AgreementSource::Document(_) => {
                let agreement = self.read_source(source)?;
                sla_docx::agreement_docx(&sla_docx::Version {
                    agreement: &agreement,
                    round: None,
                    created: now,
                })
                .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
            }
        }
    }

    /// A Word file the counterparty edited, applied to an agreement file as the provider's
    /// changes (as [`Backend::import_word_reply`] applies one to a round, but stored nowhere).
    pub fn word_reply_to_file(
        &self,
        source: &AgreementSource,
        bytes: &[u8],
        file_name: &str,
    ) -> Result<FileWordReply, ApiError> {
        if source.workspace_id().is_some() {
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                "a Word reply to a workspace agreement becomes its next round: name the agreement by its id alone",
            ));
        }
        let mut agreement = self.read_source(source)?;
        let reply = sla_docx::read_docx(bytes).map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("{file_name}: {e}. Nothing was imported."),
            )
        })?;
        // The file as `sla docx export` writes it: the working draft.
        let mapping = sla_docx::map_reply(
            &sla_docx::Version {
                agreement: &agreement,
                round: None,
                created: Timestamp::UNIX_EPOCH,
            },
            &reply,
        )
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let (changes, _) = crate::apply_reply(
            &mut agreement,
            &mapping,
            self.library()?,
            PartyRole::Provider,
            file_name,
        )?;
        Ok(FileWordReply {
            agreement,
            changes,
            unmapped: mapping.unmapped,
        })
    }

    /// An agreed version's key dates (a file's own), from `effective` (`YYYY-MM-DD`), else the
    /// agreement's effective date, else the day it was agreed.
    pub fn source_calendar(
        &self,
        source: &AgreementSource,
        effective: Option<&str>,
    ) -> Result<SourceCalendar, ApiError> {
        let (agreement, agreed_on) = self.agreed_source(source)?;
        let effective = match (effective, agreement.effective_date, agreed_on) {
            (Some(text), ..) => text.parse::<jiff::civil::Date>().map_err(|_| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("`{text}` is not a date (YYYY-MM-DD)"),
                )
            })?,
            (None, Some(date), _) => date.date(),
            (None, None, Some(date)) => date,
            (None, None, None) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "the agreement names no effective date; give one with --effective YYYY-MM-DD",
                ));
            }
        };
        let dates = sla_measure::key_dates(&agreement, effective, None);
        let icalendar = sla_measure::icalendar(&agreement.id.to_string(), agreement.title.as_str(), &dates);
        Ok(SourceCalendar { dates, icalendar })
    }

    /// Measures an agreed version (a file as it is); a claim letter is dated `now` in the
    /// local zone.
    pub fn measure_source(
        &self,
        source: &AgreementSource,
        request: &MeasureRequest,
        now: Timestamp,
    ) -> Result<SourceMeasurement, ApiError> {
        let (agreement, measured_against) = match source {
            AgreementSource::Draft(id) => (self.agreed_version(id)?.0, self.measured_against(id)?),
            AgreementSource::File(path) | AgreementSource::Document(path) => (
                self.read_source(source)?,
                format!("the agreement file {}", path.display()),
            ),
            AgreementSource::Round(..) => return Err(round_not_agreed()),
        };
        let measurement =
            crate::measure_agreement(&agreement, request, crate::backend_measure::local_date(now))?;
        Ok(SourceMeasurement {
            measurement,
            agreement_id: agreement.id.to_string(),
            measured_against,
        })
    }

    /// Proposes an agreement file as the next round: its text becomes the draft first (the
    /// agreement is added to the workspace, as `our_role`'s, when it is new there). Returns
    /// the agreement's id.
    pub fn propose_file(
        &self,
        source: &AgreementSource,
        our_role: PartyRole,
        message: &str,
        now: Timestamp,
    ) -> Result<crate::AgreementView, ApiError> {
        let id = match source {
            AgreementSource::Draft(id) => id.clone(),
            AgreementSource::Round(..) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "a round is already proposed: name the agreement by its id to propose its draft",
                ));
            }
            AgreementSource::File(_) | AgreementSource::Document(_) => {
                let file = self.read_source(source)?;
                let id = file.id.to_string();
                match self.open_agreement(&id) {
                    Ok(_) => {
                        self.replace_draft(&file, now)?;
                    }
                    Err(e) if e.code == ErrorCode::NotFound => {
                        self.insert_agreement(&file, our_role, now)?;
                    }
                    Err(e) => return Err(e),
                }
                id
            }
        };
        self.propose_round(&id, message, now)
    }
}

/// A round named where the agreed version is meant.
pub(crate) fn round_not_agreed() -> ApiError {
    ApiError::new(
        ErrorCode::InvalidInput,
        "name the agreement by its id alone: its agreed version is used, not a round",
    )
}

/// The round named in `ID@N`, unless `--round` names another.
fn one_round(named: u32, round: Option<u32>) -> Result<u32, ApiError> {
    match round {
        Some(other) if other != named => Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("the version names round {named} and --round names {other}: name one"),
        )),
        _ => Ok(named),
    }
}
