use jiff::civil::Time;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CalendarDate;
use crate::ValueError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// When support is given: around the clock, or business hours on some days in a time zone,
/// except on listed holidays.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "coverage", rename_all = "snake_case")]
pub enum SupportSchedule {
    #[serde(rename = "24x7")]
    AllHours,
    BusinessHours(BusinessHours),
}

/// Business hours: the same opening and closing time on each listed day, in an IANA time
/// zone (so daylight-saving changes are the zone's), except on the listed holidays.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "BusinessHoursFields")]
pub struct BusinessHours {
    days: Vec<Weekday>,
    /// `HH:MM`, local time.
    #[ts(type = "string")]
    #[serde(with = "hour_minute")]
    opens: Time,
    /// `HH:MM`, local time; later than `opens`.
    #[ts(type = "string")]
    #[serde(with = "hour_minute")]
    closes: Time,
    /// An IANA time-zone name such as `Europe/Berlin`.
    time_zone: String,
    holidays: Vec<CalendarDate>,
}

#[derive(Deserialize)]
struct BusinessHoursFields {
    days: Vec<Weekday>,
    #[serde(with = "hour_minute")]
    opens: Time,
    #[serde(with = "hour_minute")]
    closes: Time,
    time_zone: String,
    #[serde(default)]
    holidays: Vec<CalendarDate>,
}

impl TryFrom<BusinessHoursFields> for BusinessHours {
    type Error = ValueError;
    fn try_from(f: BusinessHoursFields) -> Result<Self, ValueError> {
        Self::new(f.days, f.opens, f.closes, f.time_zone, f.holidays)
    }
}

impl BusinessHours {
    pub const MAX_HOLIDAYS: usize = 1000;

    pub fn new(
        mut days: Vec<Weekday>,
        opens: Time,
        closes: Time,
        time_zone: String,
        mut holidays: Vec<CalendarDate>,
    ) -> Result<Self, ValueError> {
        if days.is_empty() {
            return Err(ValueError::new(
                "business hours need at least one day of the week",
            ));
        }
        let listed = days.len();
        days.sort();
        days.dedup();
        if days.len() != listed {
            return Err(ValueError::new("a day of the week is listed twice"));
        }
        if opens >= closes {
            return Err(ValueError::new(format!(
                "business hours must close after they open (opens {}, closes {})",
                hour_minute::format(opens),
                hour_minute::format(closes)
            )));
        }
        if time_zone.len() > 64 || jiff::tz::TimeZone::get(&time_zone).is_err() {
            return Err(ValueError::new(format!(
                "`{time_zone}` is not an IANA time zone name (like Europe/Berlin or America/New_York)"
            )));
        }
        if holidays.len() > Self::MAX_HOLIDAYS {
            return Err(ValueError::new(format!(
                "more than {} holidays",
                Self::MAX_HOLIDAYS
            )));
        }
        holidays.sort();
        holidays.dedup();
        Ok(Self {
            days,
            opens,
            closes,
            time_zone,
            holidays,
        })
    }

    pub fn days(&self) -> &[Weekday] {
        &self.days
    }

    pub fn opens(&self) -> Time {
        self.opens
    }

    pub fn closes(&self) -> Time {
        self.closes
    }

    pub fn time_zone(&self) -> &str {
        &self.time_zone
    }

    pub fn holidays(&self) -> &[CalendarDate] {
        &self.holidays
    }
}

/// `HH:MM` on the wire; seconds are not part of an SLA's business hours.
mod hour_minute {
    use jiff::civil::Time;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn format(time: Time) -> String {
        if time == Time::MAX {
            return "24:00".to_owned();
        }
        format!("{:02}:{:02}", time.hour(), time.minute())
    }

    pub fn serialize<S: Serializer>(time: &Time, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format(*time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Time, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("`{text}` is not a time of day written HH:MM")))
    }

    pub fn parse(text: &str) -> Option<Time> {
        let (hour, minute) = text.split_once(':')?;
        if hour.len() != 2 || minute.len() != 2 {
            return None;
        }
        let hour: i8 = hour.parse().ok()?;
        let minute: i8 = minute.parse().ok()?;
        if hour == 24 && minute == 0 {
            return Some(Time::MAX);
        }
        Time::new(hour, minute, 0, 0).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: &str = r#"{"coverage":"business_hours","days":["friday","monday","tuesday","wednesday","thursday"],
        "opens":"08:00","closes":"18:00","time_zone":"Europe/Berlin","holidays":["2026-12-25","2026-12-24"]}"#;

    #[test]
    fn reads_business_hours_and_sorts_days_and_holidays() {
        let schedule: SupportSchedule = serde_json::from_str(OFFICE).unwrap();
        let SupportSchedule::BusinessHours(hours) = &schedule else {
            panic!("expected business hours")
        };
        assert_eq!(hours.days().first(), Some(&Weekday::Monday));
        assert_eq!(hours.holidays()[0].to_string(), "2026-12-24");
        let json = serde_json::to_string(&schedule).unwrap();
        assert!(json.contains(r#""opens":"08:00","closes":"18:00""#), "{json}");
        assert_eq!(serde_json::from_str::<SupportSchedule>(&json).unwrap(), schedule);
    }

    #[test]
    fn reads_around_the_clock() {
        let schedule: SupportSchedule = serde_json::from_str(r#"{"coverage":"24x7"}"#).unwrap();
        assert_eq!(schedule, SupportSchedule::AllHours);
    }

    #[test]
    fn refuses_bad_zones_hours_and_days() {
        for (field, bad) in [
            (r#""Europe/Berlin""#, r#""Mars/Olympus""#),
            (r#""18:00""#, r#""07:00""#),
            (r#""08:00""#, r#""8am""#),
            (r#""08:00""#, r#""25:00""#),
            (r#"["friday","#, r#"["friday","friday","#),
        ] {
            let text = OFFICE.replacen(field, bad, 1);
            assert!(serde_json::from_str::<SupportSchedule>(&text).is_err(), "{bad}");
        }
        let no_days = OFFICE.replace(r#"["friday","monday","tuesday","wednesday","thursday"]"#, "[]");
        let error = serde_json::from_str::<SupportSchedule>(&no_days).unwrap_err();
        assert!(error.to_string().contains("at least one day"), "{error}");
    }

    #[test]
    fn midnight_close_is_allowed() {
        assert_eq!(hour_minute::parse("24:00"), Some(Time::MAX));
        assert_eq!(hour_minute::parse("24:01"), None);
        assert_eq!(hour_minute::format(Time::MAX), "24:00");
    }
}
