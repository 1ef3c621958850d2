use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ValueError;

/// Whether a duration runs on the calendar clock or only during the support schedule's
/// business hours ("4 business hours").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    Calendar,
    Business,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl DurationUnit {
    fn minutes(self) -> u64 {
        match self {
            Self::Minutes => 1,
            Self::Hours => 60,
            Self::Days => 24 * 60,
            Self::Weeks => 7 * 24 * 60,
        }
    }

    fn name(self, amount: u32) -> &'static str {
        match (self, amount == 1) {
            (Self::Minutes, true) => "minute",
            (Self::Minutes, false) => "minutes",
            (Self::Hours, true) => "hour",
            (Self::Hours, false) => "hours",
            (Self::Days, true) => "day",
            (Self::Days, false) => "days",
            (Self::Weeks, true) => "week",
            (Self::Weeks, false) => "weeks",
        }
    }
}

/// A duration as the agreement states it: an amount of a unit on a clock. Kept as written
/// (4 business hours stays 4 business hours) because a business-time duration only becomes
/// minutes against a support schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "DurationFields")]
pub struct Duration {
    amount: u32,
    unit: DurationUnit,
    clock: Clock,
}

#[derive(Deserialize)]
struct DurationFields {
    amount: u32,
    unit: DurationUnit,
    clock: Clock,
}

impl TryFrom<DurationFields> for Duration {
    type Error = ValueError;
    fn try_from(f: DurationFields) -> Result<Self, ValueError> {
        Self::new(f.amount, f.unit, f.clock)
    }
}

impl Duration {
    /// The longest duration an SLA may state: one year.
    pub const MAX_MINUTES: u64 = 366 * 24 * 60;

    pub fn new(amount: u32, unit: DurationUnit, clock: Clock) -> Result<Self, ValueError> {
        if amount == 0 {
            return Err(ValueError::new("a duration must be longer than zero"));
        }
        if u64::from(amount) * unit.minutes() > Self::MAX_MINUTES {
            return Err(ValueError::new(format!(
                "a duration of {amount} {} is longer than a year",
                unit.name(amount)
            )));
        }
        Ok(Self { amount, unit, clock })
    }

    pub fn amount(self) -> u32 {
        self.amount
    }

    pub fn unit(self) -> DurationUnit {
        self.unit
    }

    pub fn clock(self) -> Clock {
        self.clock
    }

    /// Minutes on this duration's own clock (business minutes for a business duration;
    /// a business day counts as 24 hours here, so compare only durations on the same clock).
    pub fn nominal_minutes(self) -> u64 {
        u64::from(self.amount) * self.unit.minutes()
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let business = if self.clock == Clock::Business {
            "business "
        } else {
            ""
        };
        write!(f, "{} {business}{}", self.amount, self.unit.name(self.amount))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_written() {
        let d = Duration::new(4, DurationUnit::Hours, Clock::Business).unwrap();
        assert_eq!(d.to_string(), "4 business hours");
        assert_eq!(d.nominal_minutes(), 240);
        let one = Duration::new(1, DurationUnit::Days, Clock::Calendar).unwrap();
        assert_eq!(one.to_string(), "1 day");
    }

    #[test]
    fn refuses_zero_and_more_than_a_year() {
        assert!(Duration::new(0, DurationUnit::Minutes, Clock::Calendar).is_err());
        assert!(Duration::new(53, DurationUnit::Weeks, Clock::Calendar).is_err());
        assert!(Duration::new(366, DurationUnit::Days, Clock::Calendar).is_ok());
    }

    #[test]
    fn validates_when_deserialised() {
        let ok: Duration =
            serde_json::from_str(r#"{"amount":30,"unit":"minutes","clock":"calendar"}"#).unwrap();
        assert_eq!(ok.nominal_minutes(), 30);
        let error = serde_json::from_str::<Duration>(r#"{"amount":0,"unit":"hours","clock":"business"}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("longer than zero"), "{error}");
        assert!(
            serde_json::from_str::<Duration>(r#"{"amount":1,"unit":"fortnights","clock":"calendar"}"#)
                .is_err()
        );
        assert!(
            serde_json::from_str::<Duration>(r#"{"amount":-1,"unit":"hours","clock":"calendar"}"#).is_err()
        );
    }
}
