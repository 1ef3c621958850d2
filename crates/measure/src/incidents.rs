//! The incident log: `start,end,service,cause`, times in ISO 8601 with their offset, and
//! optionally `notified`: when notice of scheduled maintenance was given.

use jiff::Timestamp;
use thiserror::Error;

use crate::csv_file::CsvFile;

/// Why an incident happened, which decides whether its time is Downtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cause {
    /// The provider's failure: always Downtime.
    Unplanned,
    /// Announced maintenance: excluded within the agreement's allowance.
    Scheduled,
    /// The customer's own doing.
    Customer,
    ForceMajeure,
    /// A supplier or subcontractor of the provider.
    ThirdParty,
}

impl Cause {
    pub const ALL: [Cause; 5] = [
        Cause::Unplanned,
        Cause::Scheduled,
        Cause::Customer,
        Cause::ForceMajeure,
        Cause::ThirdParty,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Unplanned => "unplanned",
            Cause::Scheduled => "scheduled",
            Cause::Customer => "customer",
            Cause::ForceMajeure => "force_majeure",
            Cause::ThirdParty => "third_party",
        }
    }

    pub fn parse(text: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.as_str() == text)
    }
}

/// One incident from the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incident {
    pub start: Timestamp,
    pub end: Timestamp,
    pub service: String,
    pub cause: Cause,
    /// When the customer was given notice of it (scheduled maintenance), if the log says.
    pub notified: Option<Timestamp>,
}

/// Why a measurement file was refused; nothing of it is used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MeasureError {
    #[error("the file is {bytes} bytes; at most {max} are accepted")]
    TooLarge { bytes: usize, max: usize },
    #[error("the header lacks the column `{0}` (it needs start, end, service and cause)")]
    MissingColumn(&'static str),
    #[error("the column mapping is wrong: {0}")]
    Mapping(String),
    #[error(transparent)]
    Period(#[from] crate::period::PeriodError),
    #[error("{0}")]
    Agreement(String),
    #[error("line {line}: {reason}")]
    Line { line: u64, reason: String },
}

/// The largest incident log accepted.
pub const MAX_INCIDENT_BYTES: usize = 64 * 1024 * 1024;

/// Reads an incident log: a header naming at least `start,end,service,cause` (in any order;
/// `notified` is read when present, other columns are ignored), then one incident per line. Any malformed line refuses the
/// whole file, naming the line and why.
pub fn read_incidents(text: &str) -> Result<Vec<Incident>, MeasureError> {
    let file = CsvFile::open(text, MAX_INCIDENT_BYTES)?;
    let (start, end, service, cause) = (
        file.column("start", "start")?,
        file.column("end", "end")?,
        file.column("service", "service")?,
        file.column("cause", "cause")?,
    );
    let notified = file.optional_column("notified");
    let mut incidents = Vec::new();
    for record in file.records() {
        let (line, record) = record?;
        let bad = |reason: String| MeasureError::Line { line, reason };
        let field = |index: usize| record.get(index).unwrap_or("");
        let time = |index: usize, name: &str| {
            field(index).parse::<Timestamp>().map_err(|_| {
                bad(format!(
                    "{name} `{}` is not an ISO 8601 time with its offset (like 2027-03-04T10:15:00+01:00)",
                    field(index)
                ))
            })
        };
        let incident = Incident {
            start: time(start, "start")?,
            end: time(end, "end")?,
            service: field(service).to_owned(),
            cause: Cause::parse(field(cause)).ok_or_else(|| {
                bad(format!(
                    "cause `{}` is not one of unplanned, scheduled, customer, force_majeure, third_party",
                    field(cause)
                ))
            })?,
            notified: match notified {
                Some(index) if !field(index).is_empty() => Some(time(index, "notified")?),
                _ => None,
            },
        };
        if incident.end <= incident.start {
            return Err(bad(format!(
                "the incident ends ({}) before it starts ({})",
                incident.end, incident.start
            )));
        }
        incidents.push(incident);
    }
    Ok(incidents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_in_any_order_with_offsets() {
        let log = "cause,service,start,end,ticket\n\
                   unplanned,checkout,2027-03-04T10:00:00+01:00,2027-03-04T10:50:00+01:00,INC-1\n\
                   scheduled , checkout , 2027-03-10T02:00:00Z , 2027-03-10T02:30:00Z,\n";
        let incidents = read_incidents(log).unwrap();
        assert_eq!(incidents.len(), 2);
        assert_eq!(incidents[0].start, "2027-03-04T09:00:00Z".parse().unwrap());
        assert_eq!(incidents[1].cause, Cause::Scheduled);
        assert_eq!(incidents[1].service, "checkout");
    }

    #[test]
    fn a_malformed_line_refuses_the_whole_file_naming_the_line() {
        let log = "start,end,service,cause\n\
                   2027-03-04T10:00:00Z,2027-03-04T10:50:00Z,web,unplanned\n\
                   2027-03-05T10:00:00,2027-03-05T10:50:00Z,web,unplanned\n";
        let error = read_incidents(log).unwrap_err();
        assert_eq!(error.to_string().split(':').next(), Some("line 3"), "{error}");
        assert!(error.to_string().contains("with its offset"), "{error}");

        let backwards = "start,end,service,cause\n2027-03-04T10:00:00Z,2027-03-04T09:00:00Z,web,unplanned\n";
        assert!(
            read_incidents(backwards)
                .unwrap_err()
                .to_string()
                .starts_with("line 2: the incident ends")
        );
        let cause = "start,end,service,cause\n2027-03-04T10:00:00Z,2027-03-04T11:00:00Z,web,gremlins\n";
        assert!(
            read_incidents(cause)
                .unwrap_err()
                .to_string()
                .contains("`gremlins` is not one of")
        );
        let short = "start,end,service,cause\n2027-03-04T10:00:00Z,2027-03-04T11:00:00Z,web\n";
        assert!(matches!(
            read_incidents(short),
            Err(MeasureError::Line { line: 2, .. })
        ));
        assert_eq!(
            read_incidents("begin,end,service,cause\n"),
            Err(MeasureError::MissingColumn("start"))
        );
        assert_eq!(
            read_incidents("start,end,service,cause\n"),
            Ok(Vec::new()),
            "an empty period"
        );
    }
}
