//! After signature: measuring an agreed agreement from the provider's incident log and ticket
//! export, its key dates, and what is coming up across the workspace.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};
use sla_measure::{ClaimLetter, ColumnMap, KeyDate, ServiceLevelReport};
use sla_model::term_ids;
use sla_model::{Agreement, TermValue};
use sla_store::AgreementStatus;
use ts_rs::TS;

use crate::backend::parse_id;
use crate::{ApiError, Backend, ErrorCode};

/// What the "Service levels" tab (or `sla measure`) measures: the files' text and the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MeasureRequest {
    /// The incident log (`start,end,service,cause[,notified]`), or per-minute samples
    /// (`timestamp,up`).
    pub incidents: String,
    /// The ticket export, if any.
    pub tickets: Option<String>,
    /// A column mapping for a service desk's own export (TOML), if its columns differ.
    pub ticket_columns: Option<String>,
    /// `2027-03`, or `2027-01..2027-03`.
    pub period: String,
}

/// The measurement, and the claim letter when it gives something to claim.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Measurement {
    pub report: ServiceLevelReport,
    /// The chart of the report's windows, as the app draws it.
    pub chart: sla_measure::ReportChart,
    pub letter: Option<ClaimLetter>,
}

/// A key date of one agreement, for the home screen's "Coming up".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ComingUp {
    pub agreement_id: String,
    pub agreement_title: String,
    pub date: KeyDate,
}

/// The documents a measurement gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeasurementDocument {
    Report,
    ClaimLetter,
}

/// How far ahead "Coming up" looks.
pub const COMING_UP_DAYS: i64 = 120;

/// Measures `agreement` (effective from `effective`) from the request's files, dated `today`.
pub fn measure_agreement(
    agreement: &Agreement,
    request: &MeasureRequest,
    today: Date,
) -> Result<Measurement, ApiError> {
    let incidents = if looks_like_samples(&request.incidents) {
        sla_measure::read_samples(&request.incidents, "service")
    } else {
        sla_measure::read_incidents(&request.incidents)
    }
    .map_err(file_error("The incident log"))?;
    let tickets = match &request.tickets {
        Some(text) => {
            let map = match &request.ticket_columns {
                Some(toml) => ColumnMap::from_toml(toml).map_err(file_error("The column mapping"))?,
                None => ColumnMap::default(),
            };
            let priorities: Option<Vec<String>> = match agreement.term_value(term_ids::SUPPORT_PRIORITIES) {
                Some(TermValue::PriorityMatrix(m)) => {
                    Some(m.rows().iter().map(|r| r.priority.clone()).collect())
                }
                _ => None,
            };
            Some(
                sla_measure::read_tickets(text, &map, priorities.as_deref())
                    .map_err(file_error("The ticket export"))?,
            )
        }
        None => None,
    };
    let report = sla_measure::measure(agreement, &incidents, tickets.as_deref(), request.period.trim())
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let letter = sla_measure::claim_letter(&report, today);
    Ok(Measurement {
        chart: sla_measure::report_chart(&report),
        report,
        letter,
    })
}

/// The day it is at `now` where the user is.
pub(crate) fn local_date(now: jiff::Timestamp) -> Date {
    now.to_zoned_datetime(TimeZone::system()).date()
}

/// A refused measurement file: nothing of it is used.
fn file_error(file: &'static str) -> impl Fn(sla_measure::MeasureError) -> ApiError {
    move |e| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("{file}: {e}. Nothing was imported from it."),
        )
    }
}

/// A samples file starts with the `timestamp,up` header.
fn looks_like_samples(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("").to_ascii_lowercase();
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    columns.contains(&"timestamp") && columns.contains(&"up")
}

impl Backend {
    /// The agreed version of an agreement and the day it was agreed (the day of the round
    /// that accepted it, in UTC). Measuring and key dates need an agreed agreement.
    pub fn agreed_version(&self, id: &str) -> Result<(Agreement, Date), ApiError> {
        let agreement_id = parse_id(id)?;
        let workspace = self.workspace()?;
        let record = workspace.agreement(agreement_id)?;
        let agreed = record.summary.agreed_rounds();
        let acceptance = agreed.and_then(|a| record.rounds.iter().find(|r| r.number == a.acceptance));
        let (Some(agreed), Some(acceptance)) = (agreed, acceptance) else {
            return Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "\"{}\" is not agreed yet: service levels are measured against the agreed version.",
                    record.summary.title
                ),
            ));
        };
        let agreed_on = acceptance.proposed_at.to_zoned_datetime(TimeZone::UTC).date();
        Ok((
            workspace.round(agreement_id, agreed.accepted)?.snapshot,
            agreed_on,
        ))
    }

    /// Measures the agreed version of `id`; a claim letter is dated `now` in the local zone.
    pub fn measure(
        &self,
        id: &str,
        request: &MeasureRequest,
        now: jiff::Timestamp,
    ) -> Result<Measurement, ApiError> {
        let (agreement, _) = self.agreed_version(id)?;
        measure_agreement(&agreement, request, local_date(now))
    }

    /// The agreed agreement's key dates, from its effective date (the day it was agreed when
    /// it names none).
    pub fn key_dates(&self, id: &str) -> Result<Vec<KeyDate>, ApiError> {
        Ok(self.agreed_key_dates(id)?.1)
    }

    /// The agreed version and its key dates.
    fn agreed_key_dates(&self, id: &str) -> Result<(Agreement, Vec<KeyDate>), ApiError> {
        let (agreement, agreed_on) = self.agreed_version(id)?;
        let effective = agreement.effective_date.map_or(agreed_on, |d| d.date());
        let dates = sla_measure::key_dates(&agreement, effective, None);
        Ok((agreement, dates))
    }

    /// The key dates as an iCalendar file.
    pub fn calendar(&self, id: &str) -> Result<String, ApiError> {
        let (agreement, dates) = self.agreed_key_dates(id)?;
        Ok(sla_measure::icalendar(
            &agreement.id.to_string(),
            agreement.title.as_str(),
            &dates,
        ))
    }

    /// The key dates of every agreed agreement from today to [`COMING_UP_DAYS`] ahead.
    pub fn coming_up(&self, now: jiff::Timestamp) -> Result<Vec<ComingUp>, ApiError> {
        let today = local_date(now);
        let until = today
            .checked_add(jiff::Span::new().days(COMING_UP_DAYS))
            .unwrap_or(today);
        let agreed: Vec<_> = self
            .list_agreements()?
            .into_iter()
            .filter(|s| s.status == AgreementStatus::Agreed)
            .collect();
        let mut coming = Vec::new();
        for summary in agreed {
            let id = summary.id.to_string();
            for date in self.key_dates(&id)? {
                if today <= date.date && date.date <= until {
                    coming.push(ComingUp {
                        agreement_id: id.clone(),
                        agreement_title: summary.title.clone(),
                        date,
                    });
                }
            }
        }
        coming.sort_by_key(|c| c.date.date);
        Ok(coming)
    }
}

/// The report of `measurement` as a PDF: `measured_against` names the text it was measured
/// against (`the agreed version: round 2, fingerprint …`).
pub fn report_pdf(
    measurement: &Measurement,
    agreement_id: &str,
    measured_against: &str,
    paper: crate::PaperSize,
    now: jiff::Timestamp,
) -> Result<Vec<u8>, ApiError> {
    let document = sla_pdf::Document::ServiceReport(sla_pdf::ServiceReportDocument {
        report: &measurement.report,
        agreement_id: agreement_id.to_owned(),
        measured_against: measured_against.to_owned(),
        printed_at: now,
    });
    Ok(document.pdf(paper.into())?)
}

/// The draft claim letter of `measurement` as a PDF; an error when there is nothing to claim.
pub fn letter_pdf(
    measurement: &Measurement,
    paper: crate::PaperSize,
    now: jiff::Timestamp,
) -> Result<Vec<u8>, ApiError> {
    let letter = measurement.letter.as_ref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "There is nothing to claim for this period: no credit, chronic failure or payment arises.",
        )
    })?;
    Ok(sla_pdf::Document::ClaimLetter(letter, now).pdf(paper.into())?)
}

impl Backend {
    /// The file name the save dialog suggests: "Checkout SLA - service levels 2027-03.pdf".
    pub fn measurement_file_name(
        &self,
        id: &str,
        document: Option<MeasurementDocument>,
        period: &str,
    ) -> Result<String, ApiError> {
        let title = crate::backend_pdf::file_title(self.open_agreement(id)?.agreement.title.as_str());
        let period: String = period
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '-' || *c == '.')
            .collect();
        Ok(match document {
            Some(MeasurementDocument::Report) => format!("{title} - service levels {period}.pdf"),
            Some(MeasurementDocument::ClaimLetter) => format!("{title} - claim letter {period}.pdf"),
            None => format!("{title} - key dates.ics"),
        })
    }

    /// Measures the agreed version of `id` and writes the report or the claim letter to `path`
    /// (atomically).
    pub fn write_measurement_document(
        &self,
        id: &str,
        request: &MeasureRequest,
        document: MeasurementDocument,
        paper: crate::PaperSize,
        path: &std::path::Path,
        now: jiff::Timestamp,
    ) -> Result<(), ApiError> {
        let measurement = self.measure(id, request, now)?;
        let bytes = match document {
            MeasurementDocument::Report => {
                report_pdf(&measurement, id, &self.measured_against(id)?, paper, now)?
            }
            MeasurementDocument::ClaimLetter => letter_pdf(&measurement, paper, now)?,
        };
        crate::write_file_atomically(path, &bytes)
    }

    /// Writes the agreed agreement's key dates to `path` as an iCalendar file.
    pub fn write_calendar(&self, id: &str, path: &std::path::Path) -> Result<(), ApiError> {
        crate::write_file_atomically(path, self.calendar(id)?.as_bytes())
    }

    /// How a report names the agreed version it measured against.
    pub fn measured_against(&self, id: &str) -> Result<String, ApiError> {
        let agreement_id = parse_id(id)?;
        let workspace = self.workspace()?;
        let record = workspace.agreement(agreement_id)?;
        let last = record
            .rounds
            .last()
            .ok_or_else(|| ApiError::new(ErrorCode::Conflict, "The agreement has no rounds."))?;
        Ok(format!(
            "the agreed version: round {}, fingerprint {}",
            last.number, last.hash
        ))
    }
}
