//! Tables and schedules as a person edits them: a credit-tier table or priority matrix as
//! rows of cells, a support schedule as one line (`Monday to Friday, 08:00 to 18:00,
//! Europe/London`). Reading them back goes through the same typed validation as every other
//! value, and errors name the row and column.

use crate::TermValueError;
use serde::Serialize;
use sla_model::TermValue;
use sla_model::terms::{SupportSchedule, Weekday};
use ts_rs::TS;

use crate::format;
use crate::spec::{TermKind, TermSpec};
use crate::values::term_value;

/// The most rows a table may have.
pub const MAX_TABLE_ROWS: usize = 50;

/// A table-valued term as editable cells.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TableInput {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

const TIER_HEADER: [&str; 2] = ["Achieved level below (%)", "Service credit (%)"];
const PRIORITY_HEADER: [&str; 4] = format::PRIORITY_COLUMNS;

/// The cells of a credit-tier table or priority matrix; `None` for other values.
pub fn table_input(value: &TermValue) -> Option<TableInput> {
    let plain = |p| format::percentage(p).trim_end_matches(" %").to_owned();
    match value {
        TermValue::TierTable(t) => Some(TableInput {
            header: TIER_HEADER.map(str::to_owned).to_vec(),
            rows: t
                .tiers()
                .iter()
                .map(|tier| vec![plain(tier.below), plain(tier.credit)])
                .collect(),
        }),
        TermValue::PriorityMatrix(m) => Some(TableInput {
            header: PRIORITY_HEADER.map(str::to_owned).to_vec(),
            rows: format::priority_cells(m),
        }),
        _ => None,
    }
}

/// A table term's value from edited cells. Blank rows are ignored.
pub fn table_value_from_rows(spec: &TermSpec, rows: &[Vec<String>]) -> Result<TermValue, TermValueError> {
    let rows: Vec<&Vec<String>> = rows
        .iter()
        .filter(|row| row.iter().any(|cell| !cell.trim().is_empty()))
        .collect();
    if rows.len() > MAX_TABLE_ROWS {
        return Err(format!("has {} rows; at most {MAX_TABLE_ROWS} are allowed", rows.len()).into());
    }
    let header: &[&str] = match spec.kind {
        TermKind::TierTable => &TIER_HEADER,
        TermKind::PriorityMatrix => &PRIORITY_HEADER,
        _ => return Err("is not a table".into()),
    };
    let mut table = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if row.len() != header.len() {
            return Err(format!(
                "row {} has {} cells; this table has {} columns",
                index + 1,
                row.len(),
                header.len()
            )
            .into());
        }
        let cell = |column: usize| row[column].trim();
        let in_row =
            |column: usize, reason: String| format!("row {}, {}: {reason}", index + 1, header[column]);
        let mut entry = toml::Table::new();
        match spec.kind {
            TermKind::TierTable => {
                for (column, key) in ["below", "credit"].into_iter().enumerate() {
                    let number: f64 = cell(column)
                        .trim_end_matches('%')
                        .trim()
                        .parse()
                        .map_err(|_| in_row(column, format!("`{}` is not a percentage", cell(column))))?;
                    entry.insert(key.into(), toml::Value::Float(number));
                }
            }
            _ => {
                if cell(0).is_empty() {
                    return Err(in_row(0, "must not be empty".into()).into());
                }
                entry.insert("priority".into(), toml::Value::String(cell(0).to_owned()));
                if !cell(1).is_empty() {
                    entry.insert("description".into(), toml::Value::String(cell(1).to_owned()));
                }
                for (column, key) in [(2, "response"), (3, "resolution")] {
                    crate::values::parse_duration(cell(column)).map_err(|e| in_row(column, e.to_string()))?;
                    entry.insert(key.into(), toml::Value::String(cell(column).to_owned()));
                }
            }
        }
        table.push(toml::Value::Table(entry));
    }
    term_value(spec, &toml::Value::Array(table))
}

/// A support schedule as one line: `24x7`, or `Monday to Friday, 08:00 to 18:00,
/// Europe/London` with `, holidays 2026-12-25 2027-01-01` when there are holidays.
pub fn schedule_input(schedule: &SupportSchedule) -> String {
    match schedule {
        SupportSchedule::AllHours => "24x7".to_owned(),
        SupportSchedule::BusinessHours(hours) => {
            let described = format::support_schedule(schedule);
            let days_and_hours = described.split(" (").next().unwrap_or_default();
            let mut text = format!("{days_and_hours}, {}", hours.time_zone());
            if !hours.holidays().is_empty() {
                let dates: Vec<String> = hours.holidays().iter().map(ToString::to_string).collect();
                text.push_str(&format!(", holidays {}", dates.join(" ")));
            }
            text
        }
    }
}

/// Reads what [`schedule_input`] writes (and close variants: `24/7`, `Mon-Fri`,
/// `08:00-18:00`) into a support schedule of `spec`'s type.
pub fn schedule_value_from_text(spec: &TermSpec, text: &str) -> Result<TermValue, TermValueError> {
    let text = text.trim();
    let lowered = text.to_lowercase();
    if ["24x7", "24/7", "24 x 7", "around the clock"].contains(&lowered.as_str()) {
        return term_value(spec, &toml::Value::String("24x7".into()));
    }
    let help = "write it like \"24x7\" or \"Monday to Friday, 08:00 to 18:00, Europe/London\"";
    let mut days = Vec::new();
    let mut hours = None;
    let mut time_zone = None;
    let mut holidays = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(dates) = part.strip_prefix("holidays") {
            holidays.extend(
                dates
                    .split_whitespace()
                    .map(|d| toml::Value::String(d.to_owned())),
            );
        } else if let Some(range) = time_range(part) {
            hours = Some(range);
        } else if let Some(parsed) = day_list(part) {
            days.extend(parsed);
        } else if !part.contains(' ') && time_zone.is_none() {
            time_zone = Some(part.to_owned());
        } else {
            return Err(format!("`{part}` is not a day, a time range or a time zone; {help}").into());
        }
    }
    let (opens, closes) = hours.ok_or_else(|| format!("the opening hours are missing; {help}"))?;
    let time_zone = time_zone.ok_or_else(|| format!("the time zone is missing; {help}"))?;
    if days.is_empty() {
        return Err(format!("the days are missing; {help}").into());
    }
    days.sort();
    days.dedup();
    let mut table = toml::Table::new();
    table.insert(
        "days".into(),
        toml::Value::Array(
            days.iter()
                .map(|d| toml::Value::String(weekday_key(*d).into()))
                .collect(),
        ),
    );
    table.insert("opens".into(), toml::Value::String(opens));
    table.insert("closes".into(), toml::Value::String(closes));
    table.insert("time_zone".into(), toml::Value::String(time_zone));
    table.insert("holidays".into(), toml::Value::Array(holidays));
    term_value(spec, &toml::Value::Table(table))
}

/// `08:00 to 18:00`, `8:00-18:00`, `08:00–18:00`.
fn time_range(part: &str) -> Option<(String, String)> {
    let normalised = part.replace(" to ", "-").replace('–', "-");
    let (start, end) = normalised.split_once('-')?;
    let time = |t: &str| {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
        Some(format!("{h:02}:{m:02}"))
    };
    Some((time(start)?, time(end)?))
}

/// `Monday to Friday`, `Mon-Fri`, `Saturday`, `Monday and Wednesday`.
fn day_list(part: &str) -> Option<Vec<Weekday>> {
    let normalised = part.to_lowercase().replace(" to ", "-").replace('–', "-");
    let mut days = Vec::new();
    for piece in normalised.split(" and ").flat_map(|p| p.split_whitespace()) {
        match piece.split_once('-') {
            Some((first, last)) => {
                let (first, last) = (weekday(first)?, weekday(last)?);
                if last < first {
                    return None;
                }
                days.extend(ALL_DAYS.iter().copied().filter(|d| *d >= first && *d <= last));
            }
            None => days.push(weekday(piece)?),
        }
    }
    (!days.is_empty()).then_some(days)
}

const ALL_DAYS: [Weekday; 7] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
    Weekday::Saturday,
    Weekday::Sunday,
];

fn weekday(word: &str) -> Option<Weekday> {
    let word = word.trim();
    if word.len() < 3 {
        return None;
    }
    ALL_DAYS
        .iter()
        .copied()
        .find(|d| weekday_key(*d).starts_with(word) || word.starts_with(weekday_key(*d)))
}

fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "monday",
        Weekday::Tuesday => "tuesday",
        Weekday::Wednesday => "wednesday",
        Weekday::Thursday => "thursday",
        Weekday::Friday => "friday",
        Weekday::Saturday => "saturday",
        Weekday::Sunday => "sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: TermKind) -> TermSpec {
        TermSpec {
            label: "Probe".into(),
            kind,
            default: None,
            options: Vec::new(),
            min: None,
            max: None,
            help: None,
            higher_favours: None,
        }
    }

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn tier_tables_round_trip_through_cells_and_errors_name_the_cell() {
        let spec = spec(TermKind::TierTable);
        let value =
            table_value_from_rows(&spec, &rows(&[&["99.9", "10 %"], &["99", "25"], &["", ""]])).unwrap();
        let input = table_input(&value).unwrap();
        assert_eq!(input.rows, rows(&[&["99.9", "10"], &["99", "25"]]));
        assert_eq!(table_value_from_rows(&spec, &input.rows).unwrap(), value);

        let error = table_value_from_rows(&spec, &rows(&[&["99.9", "10"], &["99", "lots"]]))
            .unwrap_err()
            .to_string();
        assert_eq!(error, "row 2, Service credit (%): `lots` is not a percentage");
        let error = table_value_from_rows(&spec, &rows(&[&["99.9"]]))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("row 1 has 1 cells"), "{error}");
        let error = table_value_from_rows(&spec, &rows(&[&["99.9", "25"], &["99", "10"]]))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("tier 2: its credit 10 % must be higher than tier 1's 25 %"),
            "{error}"
        );
        let many: Vec<Vec<String>> = (0..=MAX_TABLE_ROWS)
            .map(|_| vec!["99".into(), "1".into()])
            .collect();
        assert!(
            table_value_from_rows(&spec, &many)
                .unwrap_err()
                .to_string()
                .contains("at most")
        );
    }

    #[test]
    fn priority_matrices_round_trip_and_bad_durations_name_the_cell() {
        let spec = spec(TermKind::PriorityMatrix);
        let cells = rows(&[
            &["Priority 1", "Service down", "30 minutes", "4 hours"],
            &["Priority 2", "", "4 business hours", "2 business days"],
        ]);
        let value = table_value_from_rows(&spec, &cells).unwrap();
        assert_eq!(table_input(&value).unwrap().rows, cells);
        let error = table_value_from_rows(&spec, &rows(&[&["P1", "", "soon", "4 hours"]]))
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("row 1, Response: `soon` is not a duration"),
            "{error}"
        );
        let error = table_value_from_rows(&spec, &rows(&[&[" ", "x", "1 hour", "4 hours"]]))
            .unwrap_err()
            .to_string();
        assert_eq!(error, "row 1, Priority: must not be empty");
    }

    #[test]
    fn support_schedules_are_read_from_one_line() {
        let spec = spec(TermKind::SupportSchedule);
        let read = |text: &str| schedule_value_from_text(&spec, text);
        let hours = read("Monday to Friday, 08:00 to 18:00, Europe/London").unwrap();
        let TermValue::SupportSchedule(schedule) = &hours else {
            panic!("not a schedule: {hours:?}")
        };
        assert_eq!(
            schedule_input(schedule),
            "Monday to Friday, 08:00 to 18:00, Europe/London"
        );
        assert_eq!(read("Mon-Fri, 8:00-18:00, Europe/London").unwrap(), hours);
        assert_eq!(read(&schedule_input(schedule)).unwrap(), hours);
        let with_holidays =
            read("Monday and Wednesday, 09:00–17:00, Europe/Berlin, holidays 2026-12-25 2027-01-01").unwrap();
        let TermValue::SupportSchedule(s) = &with_holidays else {
            panic!()
        };
        assert_eq!(
            schedule_input(s),
            "Monday, Wednesday, 09:00 to 17:00, Europe/Berlin, holidays 2026-12-25 2027-01-01"
        );
        assert_eq!(read(&schedule_input(s)).unwrap(), with_holidays);
        assert!(matches!(
            read("24/7").unwrap(),
            TermValue::SupportSchedule(SupportSchedule::AllHours)
        ));

        assert!(
            read("Monday to Friday, Europe/London")
                .unwrap_err()
                .to_string()
                .contains("opening hours are missing")
        );
        assert!(
            read("08:00 to 18:00, Europe/London")
                .unwrap_err()
                .to_string()
                .contains("days are missing")
        );
        assert!(
            read("Monday, 08:00 to 18:00")
                .unwrap_err()
                .to_string()
                .contains("time zone is missing")
        );
        assert!(read("Monday, 08:00 to 18:00, Mars/Olympus").is_err());
        assert!(read("Monday, 18:00 to 08:00, Europe/London").is_err());
        assert!(read("Funday, 08:00 to 18:00, Europe/London").is_err());
    }
}
