use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValueError;

/// Checks text typed by a person: at most `max_chars` characters and no control characters
/// other than line breaks and tabs (when `multiline`).
pub fn check_free_text(value: &str, max_chars: usize, multiline: bool) -> Result<(), ValueError> {
    // A character is at least one byte: a text short in bytes needs no counting.
    if value.len() > max_chars {
        let count = value.chars().count();
        if count > max_chars {
            return Err(ValueError::new(format!(
                "is {count} characters long; at most {max_chars} are allowed"
            )));
        }
    }
    // Control characters (Unicode's Cc) are C0 (bytes below 0x20), DEL, and C1 (U+0080 to
    // U+009F, written 0xC2 0x80 to 0xC2 0x9F); the scan is over bytes, each of these starting
    // a character.
    let bytes = value.as_bytes();
    let suspect = |b: u8| b < 0x20 || b == 0x7F || b == 0xC2;
    for (k, chunk) in bytes.chunks(64).enumerate() {
        // Whole chunks without a suspect byte are passed over (a loop the compiler vectorises).
        if !chunk.iter().fold(false, |any, &b| any | suspect(b)) {
            continue;
        }
        for (offset, &b) in chunk.iter().enumerate() {
            let i = k * 64 + offset;
            let control = match b {
                b'\n' | b'\t' | b'\r' => !multiline,
                0x00..=0x1F | 0x7F => true,
                0xC2 => matches!(bytes.get(i + 1), Some(0x80..=0x9F)),
                _ => false,
            };
            if control {
                let bad = value
                    .get(i..)
                    .and_then(|rest| rest.chars().next())
                    .unwrap_or('\0');
                return Err(ValueError::new(format!(
                    "contains the control character U+{:04X}",
                    u32::from(bad)
                )));
            }
        }
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

    /// The byte scan finds exactly the characters `char::is_control` names, and the count
    /// is of characters, not bytes.
    #[test]
    fn free_text_is_checked_character_by_character() {
        let samples: Vec<String> = (0u32..0x250)
            .chain([0x2028, 0x200B, 0xFEFF, 0x1F600, 0x10FFFF])
            .filter_map(char::from_u32)
            .map(|c| format!("a€{c}b"))
            .collect();
        for text in &samples {
            for multiline in [false, true] {
                let expected = text
                    .chars()
                    .find(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r')));
                let found = check_free_text(text, 10, multiline).err().map(|e| e.to_string());
                assert_eq!(
                    found,
                    expected.map(|c| format!("contains the control character U+{:04X}", u32::from(c))),
                    "{text:?}"
                );
            }
        }
        let astral = "𝔄".repeat(150); // 600 bytes, 150 characters
        assert!(check_free_text(&astral, 150, false).is_ok());
        assert!(check_free_text(&astral, 149, false).is_err());
    }

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
