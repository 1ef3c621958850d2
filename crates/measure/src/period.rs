//! Measurement windows: calendar months in a time zone (daylight-saving changes included).

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

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
    pub fn month(label: &str, zone: &TimeZone) -> Result<Period, String> {
        let bad = || format!("`{label}` is not a month (like 2027-03)");
        let (year, month) = label.split_once('-').ok_or_else(bad)?;
        let (year, month): (i16, i8) = (
            year.parse().map_err(|_| bad())?,
            month.parse().map_err(|_| bad())?,
        );
        if label.len() != 7 {
            return Err(bad());
        }
        let first = Date::new(year, month, 1).map_err(|_| bad())?;
        let next = first.checked_add(1.month()).map_err(|e| e.to_string())?;
        let at = |date: Date| {
            date.to_zoned_datetime(zone.clone())
                .map(|z| z.timestamp())
                .map_err(|e| e.to_string())
        };
        Ok(Period {
            label: label.to_owned(),
            start: at(first)?,
            end: at(next)?,
        })
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
}
