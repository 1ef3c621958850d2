//! Measurement windows: calendar months in a time zone (daylight-saving changes included).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use thiserror::Error;

/// The most windows one report covers (ten years of months).
pub const MAX_WINDOWS: usize = 120;

/// Why a measurement period was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error("`{0}` is not a month (like 2027-03)")]
    NotAMonth(String),
    #[error("the period `{0}` ends before it starts")]
    Backwards(String),
    #[error("the period `{0}` spans more than {MAX_WINDOWS} windows")]
    TooLong(String),
    /// A date or time the calendar cannot hold (out of range, or absent in the zone).
    #[error("{0}")]
    Calendar(String),
}

impl From<jiff::Error> for PeriodError {
    fn from(error: jiff::Error) -> Self {
        Self::Calendar(error.to_string())
    }
}

/// One measurement window: `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    /// `2027-03`.
    pub label: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Period {
    /// The calendar month `YYYY-MM`, from local midnight on its first day to local midnight
    /// on the first day of the next month, in `zone`.
    pub fn month(label: &str, zone: &TimeZone) -> Result<Period, PeriodError> {
        let bad = || PeriodError::NotAMonth(label.to_owned());
        let (year, month) = label.split_once('-').ok_or_else(bad)?;
        let (year, month): (i16, i8) = (
            year.parse().map_err(|_| bad())?,
            month.parse().map_err(|_| bad())?,
        );
        if label.len() != 7 {
            return Err(bad());
        }
        let first = Date::new(year, month, 1).map_err(|_| bad())?;
        let next = first.checked_add(1.month())?;
        let at = |date: Date| date.to_zoned_datetime(zone.clone()).map(|z| z.timestamp());
        Ok(Period {
            label: label.to_owned(),
            start: at(first)?,
            end: at(next)?,
        })
    }

    /// The calendar quarter `YYYY-Qn` (`2027-Q1`: January to March), in `zone`.
    pub fn quarter(year: i16, quarter: i8, zone: &TimeZone) -> Result<Period, PeriodError> {
        let first = Date::new(year, (quarter - 1) * 3 + 1, 1)?;
        let next = first.checked_add(3.months())?;
        let at = |date: Date| date.to_zoned_datetime(zone.clone()).map(|z| z.timestamp());
        Ok(Period {
            label: format!("{year}-Q{quarter}"),
            start: at(first)?,
            end: at(next)?,
        })
    }

    /// The measurement windows covering `months` — one month (`2027-03`) or a range
    /// (`2027-01..2027-06`) — as calendar months, or as the calendar quarters holding them
    /// when the agreement measures per quarter. At most [`MAX_WINDOWS`] windows.
    pub fn windows(months: &str, quarterly: bool, zone: &TimeZone) -> Result<Vec<Period>, PeriodError> {
        let (first, last) = months.split_once("..").unwrap_or((months, months));
        let (first, last) = (
            Period::month(first.trim(), zone)?,
            Period::month(last.trim(), zone)?,
        );
        if last.start < first.start {
            return Err(PeriodError::Backwards(months.to_owned()));
        }
        let month_of = |p: &Period| -> Option<(i16, i8)> {
            let (y, m) = p.label.split_once('-')?;
            Some((y.parse().ok()?, m.parse().ok()?))
        };
        let ((mut year, mut month), (last_year, last_month)) = (
            month_of(&first).ok_or_else(|| PeriodError::NotAMonth(first.label.clone()))?,
            month_of(&last).ok_or_else(|| PeriodError::NotAMonth(last.label.clone()))?,
        );
        let mut windows: Vec<Period> = Vec::new();
        while (year, month) <= (last_year, last_month) {
            let window = if quarterly {
                Period::quarter(year, (month - 1) / 3 + 1, zone)?
            } else {
                Period::month(&format!("{year:04}-{month:02}"), zone)?
            };
            if windows.last().is_none_or(|w| w.label != window.label) {
                windows.push(window);
            }
            if windows.len() > MAX_WINDOWS {
                return Err(PeriodError::TooLong(months.to_owned()));
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        Ok(windows)
    }

    /// The window's length in whole seconds.
    pub fn seconds(&self) -> i64 {
        self.end.as_second() - self.start.as_second()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_follow_the_zone_and_its_daylight_saving_change() {
        let utc = TimeZone::UTC;
        let april = Period::month("2027-04", &utc).unwrap();
        assert_eq!(april.seconds(), 30 * 86_400);
        // London moves to summer time on 28 March 2027: March has one hour less.
        let london = TimeZone::get("Europe/London").unwrap();
        let march = Period::month("2027-03", &london).unwrap();
        assert_eq!(march.seconds(), 31 * 86_400 - 3_600);
        assert_eq!(march.start, "2027-03-01T00:00:00Z".parse().unwrap());
        assert_eq!(march.end, "2027-03-31T23:00:00Z".parse().unwrap());
        assert!(Period::month("2027-13", &utc).is_err());
        assert!(Period::month("March", &utc).is_err());
        assert!(Period::month("2027-3", &utc).is_err());
    }

    #[test]
    fn ranges_become_months_or_the_quarters_holding_them() {
        let utc = TimeZone::UTC;
        let labels = |months: &str, quarterly: bool| -> Vec<String> {
            Period::windows(months, quarterly, &utc)
                .unwrap()
                .into_iter()
                .map(|p| p.label)
                .collect()
        };
        assert_eq!(labels("2027-03", false), ["2027-03"]);
        assert_eq!(
            labels("2026-11..2027-02", false),
            ["2026-11", "2026-12", "2027-01", "2027-02"]
        );
        assert_eq!(
            labels("2027-03..2027-07", true),
            ["2027-Q1", "2027-Q2", "2027-Q3"]
        );
        let q1 = Period::quarter(2027, 1, &utc).unwrap();
        assert_eq!(q1.seconds(), 90 * 86_400);
        assert!(
            Period::windows("2027-05..2027-03", false, &utc)
                .unwrap_err()
                .to_string()
                .contains("ends before")
        );
        assert!(
            Period::windows("2000-01..2027-03", false, &utc)
                .unwrap_err()
                .to_string()
                .contains("more than 120")
        );
    }
}
