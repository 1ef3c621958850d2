//! The single-valued term types: count, date, text and a choice among named options.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ValueError, check_free_text};

/// A whole number of things (escalation levels, failed months, reports per quarter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "u64", into = "u64")]
#[ts(type = "number")]
pub struct Count(u32);

impl Count {
    pub const MAX: u32 = 1_000_000;

    pub fn new(value: u64) -> Result<Self, ValueError> {
        u32::try_from(value)
            .ok()
            .filter(|v| *v <= Self::MAX)
            .map(Self)
            .ok_or_else(|| ValueError::new(format!("a count must be at most {}, not {value}", Self::MAX)))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u64> for Count {
    type Error = ValueError;
    fn try_from(value: u64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<Count> for u64 {
    fn from(c: Count) -> u64 {
        u64::from(c.0)
    }
}

/// A calendar date between 1900 and 2199, written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct CalendarDate(Date);

impl CalendarDate {
    pub fn parse(value: &str) -> Result<Self, ValueError> {
        let well_formed = value.len() == 10
            && value.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let date = well_formed
            .then(|| value.parse::<Date>().ok())
            .flatten()
            .ok_or_else(|| ValueError::new(format!("`{value}` is not a date written YYYY-MM-DD")))?;
        Self::new(date)
    }

    pub fn new(date: Date) -> Result<Self, ValueError> {
        if !(1900..=2199).contains(&date.year()) {
            return Err(ValueError::new(format!(
                "{date} is outside the years 1900 to 2199"
            )));
        }
        Ok(Self(date))
    }

    pub fn date(self) -> Date {
        self.0
    }
}

impl TryFrom<String> for CalendarDate {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::parse(&value)
    }
}

impl From<CalendarDate> for String {
    fn from(d: CalendarDate) -> String {
        d.to_string()
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Free text in a term (a governing law, a reporting channel): not blank, at most 10,000
/// characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Text(String);

impl Text {
    pub const MAX_CHARS: usize = 10_000;

    pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
        let value = value.into();
        if value.trim().is_empty() {
            return Err(ValueError::new("text must not be empty"));
        }
        check_free_text(&value, Self::MAX_CHARS, true)?;
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Text {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

/// One value chosen from a closed list of options (a measurement method, mutual or one-way).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "ChoiceFields")]
pub struct Choice {
    selected: String,
    options: Vec<String>,
}

#[derive(Deserialize)]
struct ChoiceFields {
    selected: String,
    options: Vec<String>,
}

impl TryFrom<ChoiceFields> for Choice {
    type Error = ValueError;
    fn try_from(f: ChoiceFields) -> Result<Self, ValueError> {
        Self::new(f.selected, f.options)
    }
}

impl Choice {
    pub const MAX_OPTIONS: usize = 50;

    pub fn new(selected: impl Into<String>, options: Vec<String>) -> Result<Self, ValueError> {
        let selected = selected.into();
        if options.is_empty() || options.len() > Self::MAX_OPTIONS {
            return Err(ValueError::new(format!(
                "a choice needs between 1 and {} options, not {}",
                Self::MAX_OPTIONS,
                options.len()
            )));
        }
        for (i, option) in options.iter().enumerate() {
            if option.trim().is_empty() {
                return Err(ValueError::new(format!("option {} is empty", i + 1)));
            }
            check_free_text(option, 200, false)
                .map_err(|e| ValueError::new(format!("option {}: {e}", i + 1)))?;
            if options[..i].contains(option) {
                return Err(ValueError::new(format!("option `{option}` is listed twice")));
            }
        }
        if !options.contains(&selected) {
            return Err(ValueError::new(format!(
                "`{selected}` is not one of the options ({})",
                options.join(", ")
            )));
        }
        Ok(Self { selected, options })
    }

    pub fn selected(&self) -> &str {
        &self.selected
    }

    pub fn options(&self) -> &[String] {
        &self.options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_has_an_upper_bound() {
        assert_eq!(Count::new(3).unwrap().get(), 3);
        assert!(Count::new(1_000_001).is_err());
        assert!(serde_json::from_str::<Count>("-1").is_err());
        assert!(serde_json::from_str::<Count>("2.5").is_err());
    }

    #[test]
    fn dates_are_strict_iso_within_range() {
        assert_eq!(
            CalendarDate::parse("2027-03-01").unwrap().to_string(),
            "2027-03-01"
        );
        for bad in [
            "2027-02-30",
            "1 March 2027",
            "2027-3-1",
            "1899-12-31",
            "2200-01-01",
            "2027-03-01T00:00",
        ] {
            assert!(CalendarDate::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_must_say_something() {
        assert!(Text::new("England and Wales").is_ok());
        assert!(Text::new("line one\nline two").is_ok());
        assert!(Text::new("  ").is_err());
        assert!(Text::new("x".repeat(10_001)).is_err());
        assert!(Text::new("bell\u{7}").is_err());
    }

    #[test]
    fn choice_must_pick_one_of_unique_options() {
        let options = vec!["mutual".to_owned(), "one-way".to_owned()];
        assert_eq!(
            Choice::new("mutual", options.clone()).unwrap().selected(),
            "mutual"
        );
        assert!(Choice::new("both", options.clone()).is_err());
        assert!(Choice::new("mutual", vec![]).is_err());
        assert!(Choice::new("a", vec!["a".into(), "a".into()]).is_err());
        let error = serde_json::from_str::<Choice>(r#"{"selected":"x","options":["a","b"]}"#).unwrap_err();
        assert!(
            error.to_string().contains("not one of the options (a, b)"),
            "{error}"
        );
    }
}
