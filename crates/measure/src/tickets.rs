//! The ticket export: `id,priority,opened,first_response,resolved,first_contact_resolved,csat`
//! — priorities as the agreement names them, empty cells for what did not happen, `csat` 1–5.
//! A service desk's own export is read through a [`ColumnMap`] naming its columns (and the
//! time zone of times written without an offset).

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::MeasureError;
use crate::csv_file::CsvFile;

/// One ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    pub id: String,
    pub priority: String,
    pub opened: Timestamp,
    pub first_response: Option<Timestamp>,
    pub resolved: Option<Timestamp>,
    pub first_contact_resolved: Option<bool>,
    /// Customer satisfaction, 1–5.
    pub csat: Option<u8>,
}

/// Which column of an export holds each field, and how its times are written. Read from a
/// small TOML file:
///
/// ```toml
/// time_zone = "Europe/London"   # for times written without an offset
/// [columns]
/// id = "Number"
/// priority = "Priority"
/// opened = "Created"
/// first_response = "First response time"
/// resolved = "Resolved"
/// first_contact_resolved = "FCR"   # optional
/// csat = "Satisfaction"            # optional
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    #[serde(default)]
    pub time_zone: Option<String>,
    pub columns: Columns,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub id: String,
    pub priority: String,
    pub opened: String,
    pub first_response: String,
    pub resolved: String,
    #[serde(default)]
    pub first_contact_resolved: Option<String>,
    #[serde(default)]
    pub csat: Option<String>,
}

impl Default for ColumnMap {
    /// The documented columns, times with their offsets.
    fn default() -> Self {
        Self {
            time_zone: None,
            columns: Columns {
                id: "id".into(),
                priority: "priority".into(),
                opened: "opened".into(),
                first_response: "first_response".into(),
                resolved: "resolved".into(),
                first_contact_resolved: Some("first_contact_resolved".into()),
                csat: Some("csat".into()),
            },
        }
    }
}

impl ColumnMap {
    /// Reads a mapping file.
    pub fn from_toml(text: &str) -> Result<Self, MeasureError> {
        toml::from_str(text).map_err(|e| MeasureError::Mapping(e.message().trim().to_owned()))
    }
}

/// The largest ticket export accepted.
pub const MAX_TICKET_BYTES: usize = 256 * 1024 * 1024;

/// Reads a ticket export through `map`. `priorities`, when given, are the names the
/// agreement uses; a ticket with another priority is an error. Any malformed line refuses the
/// whole file, naming the line and why.
pub fn read_tickets(
    text: &str,
    map: &ColumnMap,
    priorities: Option<&[String]>,
) -> Result<Vec<Ticket>, MeasureError> {
    let file = CsvFile::open(text, MAX_TICKET_BYTES)?;
    let zone = match &map.time_zone {
        Some(name) => Some(
            TimeZone::get(name)
                .map_err(|_| MeasureError::Mapping(format!("`{name}` is not an IANA time zone")))?,
        ),
        None => None,
    };
    let find = |name: &str, field: &'static str| file.column(name, field);
    let c = &map.columns;
    let id = find(&c.id, "id")?;
    let priority = find(&c.priority, "priority")?;
    let opened = find(&c.opened, "opened")?;
    let first_response = find(&c.first_response, "first_response")?;
    let resolved = find(&c.resolved, "resolved")?;
    // The optional columns: named in the map but absent from the file is an error; the
    // default map's optional columns may be absent.
    let documented = *map == ColumnMap::default();
    let optional = |name: &Option<String>, field: &'static str| match name {
        Some(n) => match find(n, field) {
            Ok(i) => Ok(Some(i)),
            Err(_) if documented => Ok(None),
            Err(e) => Err(e),
        },
        None => Ok(None),
    };
    let fcr = optional(&c.first_contact_resolved, "first_contact_resolved")?;
    let csat = optional(&c.csat, "csat")?;

    let mut tickets = Vec::new();
    for record in file.records() {
        let (line, record) = record?;
        let bad = |reason: String| MeasureError::Line { line, reason };
        let field = |i: usize| record.get(i).unwrap_or("");
        let time = |i: usize, name: &str| -> Result<Option<Timestamp>, MeasureError> {
            let text = field(i);
            if text.is_empty() {
                return Ok(None);
            }
            if let Ok(at) = text.parse::<Timestamp>() {
                return Ok(Some(at));
            }
            match (&zone, text.parse::<DateTime>()) {
                (Some(zone), Ok(local)) => local
                    .to_zoned_datetime(zone.clone())
                    .map(|z| Some(z.timestamp()))
                    .map_err(|e| bad(format!("{name} `{text}`: {e}"))),
                _ => Err(bad(format!(
                    "{name} `{text}` is not an ISO 8601 time with its offset{}",
                    if zone.is_some() {
                        " or a local date and time"
                    } else {
                        " (or give the mapping a time_zone)"
                    }
                ))),
            }
        };
        let ticket_id = field(id).to_owned();
        if ticket_id.is_empty() {
            return Err(bad("the ticket has no id".into()));
        }
        let name = field(priority).to_owned();
        if let Some(known) = priorities
            && !known.iter().any(|p| p == &name)
        {
            return Err(bad(format!(
                "ticket {ticket_id}: priority `{name}` is not one the agreement names ({})",
                known.join(", ")
            )));
        }
        let opened_at =
            time(opened, "opened")?.ok_or_else(|| bad(format!("ticket {ticket_id} has no opening time")))?;
        let ticket = Ticket {
            first_response: time(first_response, "first_response")?,
            resolved: time(resolved, "resolved")?,
            first_contact_resolved: match fcr.map(field).unwrap_or("").to_ascii_lowercase().as_str() {
                "" => None,
                "1" | "true" | "yes" => Some(true),
                "0" | "false" | "no" => Some(false),
                other => return Err(bad(format!("first_contact_resolved `{other}` is not yes or no"))),
            },
            csat: match csat.map(field).unwrap_or("") {
                "" => None,
                score => Some(
                    score
                        .parse::<u8>()
                        .ok()
                        .filter(|s| (1..=5).contains(s))
                        .ok_or_else(|| bad(format!("csat `{score}` is not a score from 1 to 5")))?,
                ),
            },
            id: ticket_id,
            priority: name,
            opened: opened_at,
        };
        for (what, at) in [
            ("first response", ticket.first_response),
            ("resolution", ticket.resolved),
        ] {
            if at.is_some_and(|at| at < ticket.opened) {
                return Err(bad(format!(
                    "ticket {}: the {what} comes before the ticket was opened",
                    ticket.id
                )));
            }
        }
        tickets.push(ticket);
    }
    Ok(tickets)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priorities() -> Vec<String> {
        vec!["P1".into(), "P2".into(), "P3".into()]
    }

    #[test]
    fn reads_the_documented_columns_with_empty_cells() {
        let export = "id,priority,opened,first_response,resolved,first_contact_resolved,csat\n\
                      T-1,P1,2027-03-05T17:45:00+00:00,2027-03-05T18:05:00+00:00,2027-03-08T10:00:00+00:00,no,4\n\
                      T-2,P3,2027-03-06T09:00:00+00:00,,,,\n";
        let tickets = read_tickets(export, &ColumnMap::default(), Some(&priorities())).unwrap();
        assert_eq!(tickets.len(), 2);
        assert_eq!(tickets[0].csat, Some(4));
        assert_eq!(tickets[0].first_contact_resolved, Some(false));
        assert_eq!(
            (tickets[1].first_response, tickets[1].resolved, tickets[1].csat),
            (None, None, None)
        );
        let without_optional = "id,priority,opened,first_response,resolved\nT-1,P2,2027-03-05T17:45:00Z,,\n";
        assert_eq!(
            read_tickets(without_optional, &ColumnMap::default(), None)
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn a_service_desk_export_is_read_through_a_mapping_in_its_time_zone() {
        let map = ColumnMap::from_toml(
            "time_zone = \"Europe/London\"\n[columns]\nid = \"Number\"\npriority = \"Priority\"\n\
             opened = \"Created\"\nfirst_response = \"Responded\"\nresolved = \"Resolved\"\ncsat = \"Satisfaction\"\n",
        )
        .unwrap();
        // 1 July is summer time in London: 10:15 local is 09:15 UTC.
        let export = "Number,Created,Priority,Responded,Resolved,Satisfaction,Assignee\n\
                      INC0001,2027-07-01 10:15:00,P2,2027-07-01 10:40:00,,5,Sam\n";
        let tickets = read_tickets(export, &map, Some(&priorities())).unwrap();
        assert_eq!(tickets[0].opened, "2027-07-01T09:15:00Z".parse().unwrap());
        assert_eq!(tickets[0].csat, Some(5));
        assert!(
            ColumnMap::from_toml("[columns]\nid = \"x\"\n").is_err(),
            "every required column is named"
        );
        assert!(ColumnMap::from_toml("time_zone = \"Mars/Olympus\"\n[columns]\nid=\"a\"\npriority=\"b\"\nopened=\"c\"\nfirst_response=\"d\"\nresolved=\"e\"\n")
            .map(|m| read_tickets("a,b,c,d,e\n", &m, None))
            .unwrap()
            .is_err());
    }

    #[test]
    fn a_malformed_line_refuses_the_whole_export_naming_the_line() {
        let head = "id,priority,opened,first_response,resolved,first_contact_resolved,csat\n";
        let good = "T-1,P1,2027-03-05T17:45:00Z,,,,\n";
        let cases = [
            (
                "T-2,P9,2027-03-05T17:45:00Z,,,,\n",
                "priority `P9` is not one the agreement names (P1, P2, P3)",
            ),
            ("T-2,P1,2027-03-05 17:45,,,,\n", "give the mapping a time_zone"),
            (
                "T-2,P1,2027-03-05T17:45:00Z,,,,7\n",
                "csat `7` is not a score from 1 to 5",
            ),
            (
                "T-2,P1,2027-03-05T17:45:00Z,2027-03-05T17:00:00Z,,,\n",
                "the first response comes before",
            ),
            ("T-2,P1,,,,,\n", "ticket T-2 has no opening time"),
            ("T-2,P1,2027-03-05T17:45:00Z,,\n", "found record with 5 fields"),
        ];
        for (line, reason) in cases {
            let error = read_tickets(
                &format!("{head}{good}{line}"),
                &ColumnMap::default(),
                Some(&priorities()),
            )
            .unwrap_err();
            assert!(error.to_string().starts_with("line 3"), "{error}");
            assert!(error.to_string().contains(reason), "{error}");
        }
    }
}
