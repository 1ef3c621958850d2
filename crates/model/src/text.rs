use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValueError;

/// Checks text typed by a person: at most `max_chars` characters and no control characters
/// other than line breaks and tabs (when `multiline`).
pub fn check_free_text(value: &str, max_chars: usize, multiline: bool) -> Result<(), ValueError> {
    let count = value.chars().count();
    if count > max_chars {
        return Err(ValueError::new(format!(
            "is {count} characters long; at most {max_chars} are allowed"
        )));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r')))
    {
        return Err(ValueError::new(format!(
            "contains the control character U+{:04X}",
            u32::from(bad)
        )));
    }
    Ok(())
}

/// The title of an agreement: one line, not blank, at most 200 characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Title(String);

impl Title {
    pub const MAX_CHARS: usize = 200;

    pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
        let value: String = value.into();
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return Err(ValueError::new("must not be empty"));
        }
        check_free_text(trimmed, Self::MAX_CHARS, false)?;
        Ok(Self(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Title {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl From<Title> for String {
    fn from(title: Title) -> String {
        title.0
    }
}

impl fmt::Display for Title {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_trimmed() {
        assert_eq!(
            Title::new("  Hosting SLA ").map(String::from),
            Ok("Hosting SLA".into())
        );
    }

    #[test]
    fn title_refuses_blank_long_and_control_characters() {
        assert!(Title::new("   ").is_err());
        assert!(Title::new("x".repeat(201)).is_err());
        assert!(Title::new("a\u{0}b").is_err());
        assert!(Title::new("two\nlines").is_err());
        assert!(Title::new("x".repeat(200)).is_ok());
    }

    #[test]
    fn free_text_allows_line_breaks_only_when_multiline() {
        assert!(check_free_text("a\nb", 10, true).is_ok());
        assert!(check_free_text("a\nb", 10, false).is_err());
        assert!(check_free_text("a\u{7}b", 10, true).is_err());
    }
}
