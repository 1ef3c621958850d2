//! Identifiers. Clause and section ids are stable across every round of a negotiation; term
//! ids are dotted names (`availability.target`) that clause text and the CLI refer to.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ValueError;

/// The id of an agreement: a UUID, written in its hyphenated lower-case form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgreementId(Uuid);

impl AgreementId {
    pub fn random() -> Self {
        Self(Uuid::new_v4())
    }

    pub fn parse(value: &str) -> Result<Self, ValueError> {
        Uuid::try_parse(value.trim())
            .map(Self)
            .map_err(|_| ValueError::new(format!("`{value}` is not an agreement id (a UUID)")))
    }
}

impl TryFrom<String> for AgreementId {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::parse(&value)
    }
}

impl From<AgreementId> for String {
    fn from(id: AgreementId) -> String {
        id.to_string()
    }
}

impl fmt::Display for AgreementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.hyphenated())
    }
}

const MAX_ID_CHARS: usize = 64;

/// `[a-z][a-z0-9_-]*` segments joined by dots, at most 64 characters.
fn check_dotted_name(value: &str, what: &str) -> Result<(), ValueError> {
    if value.is_empty() {
        return Err(ValueError::new(format!("{what} must not be empty")));
    }
    if value.len() > MAX_ID_CHARS {
        return Err(ValueError::new(format!(
            "{what} `{value}` is longer than {MAX_ID_CHARS} characters"
        )));
    }
    let segment_ok = |segment: &str| {
        let mut chars = segment.chars();
        matches!(chars.next(), Some('a'..='z'))
            && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
    };
    if !value.split('.').all(segment_ok) {
        return Err(ValueError::new(format!(
            "{what} `{value}` must be lower-case words of letters, digits, `_` or `-`, \
             each starting with a letter, joined by dots (like `availability.target`)"
        )));
    }
    Ok(())
}

macro_rules! dotted_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
                let value = value.into();
                check_dotted_name(&value, $what)?;
                Ok(Self(value))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        /// Lets maps keyed by this id be searched with a plain `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = ValueError;
            fn try_from(value: String) -> Result<Self, ValueError> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

dotted_id!(
    /// The stable id of a typed term, such as `availability.target` or `credits.cap`.
    TermId,
    "a term id"
);
dotted_id!(
    /// The stable id of a clause; it survives every round of a negotiation.
    ClauseId,
    "a clause id"
);
dotted_id!(
    /// The stable id of a section.
    SectionId,
    "a section id"
);

impl ClauseId {
    /// Whether the id only names a position: importers of documents written elsewhere give
    /// clauses ids from their numbering (`c2-1` for 2.1), which another version of the same
    /// document reuses for whatever clause stands there. Such ids are matched by heading and
    /// content, not trusted as the same clause.
    pub fn is_positional(&self) -> bool {
        let Some(rest) = self.0.strip_prefix('c') else {
            return false;
        };
        !rest.is_empty()
            && rest
                .split('-')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_ids_are_positional_and_library_ids_are_not() {
        for id in ["c1", "c2-1", "c10-3-2"] {
            assert!(ClauseId::new(id).unwrap().is_positional(), "{id}");
        }
        for id in ["availability", "c", "credits-2", "c1-x", "clawback"] {
            assert!(!ClauseId::new(id).unwrap().is_positional(), "{id}");
        }
    }

    #[test]
    fn agreement_id_round_trips_through_text() {
        let id = AgreementId::random();
        assert_eq!(AgreementId::parse(&id.to_string()), Ok(id));
        assert!(AgreementId::parse("not-a-uuid").is_err());
    }

    #[test]
    fn term_ids_are_dotted_lower_case_names() {
        for good in [
            "availability.target",
            "credits.cap",
            "review.interval_months",
            "p1-response",
        ] {
            assert!(TermId::new(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Availability",
            "availability.",
            ".target",
            "a..b",
            "1st",
            "a b",
            "ä",
            &"a".repeat(65),
        ] {
            assert!(TermId::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_refuse_bad_values_when_deserialised() {
        let error = serde_json::from_str::<ClauseId>("\"Bad Id\"")
            .map(|_| ())
            .unwrap_err();
        assert!(error.to_string().contains("a clause id `Bad Id`"), "{error}");
    }
}
