use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::{Agreement, ModelError, PartyRole, RoundSignature, ValueError, check_free_text};

/// A round's fingerprint: the SHA-256 of its canonical serialisation, written as 64
/// lowercase hexadecimal digits. Each round names the one before it, so the rounds form a
/// hash chain that neither party can rewrite unnoticed.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct RoundHash([u8; 32]);

impl RoundHash {
    pub fn parse(hex: &str) -> Result<Self, ValueError> {
        crate::identity::parse_hex::<32>(&hex.to_ascii_lowercase())
            .map(Self)
            .ok_or_else(|| {
                ValueError::new(format!(
                    "`{hex}` is not a round fingerprint (64 hexadecimal digits)"
                ))
            })
    }

    pub fn to_hex(self) -> String {
        crate::identity::to_hex(&self.0)
    }

    pub fn to_bytes(self) -> [u8; 32] {
        self.0
    }

    /// The first 16 digits in groups of four (`1a2b 3c4d 5e6f 7a8b`), for people to compare.
    pub fn short(self) -> String {
        let hex = self.to_hex();
        (0..4)
            .map(|i| &hex[4 * i..4 * i + 4])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl fmt::Debug for RoundHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RoundHash({})", self.to_hex())
    }
}

impl fmt::Display for RoundHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl TryFrom<String> for RoundHash {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::parse(&value)
    }
}

impl From<RoundHash> for String {
    fn from(hash: RoundHash) -> Self {
        hash.to_hex()
    }
}

/// What a comment is about.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum CommentTarget {
    /// A clause, by its id.
    Clause(String),
    /// A term, by its id.
    Term(String),
    /// The agreement as a whole.
    Agreement,
}

/// A comment one party sends with a round, on a clause, a term or the whole agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub target: CommentTarget,
    pub author: PartyRole,
    pub text: String,
}

impl Comment {
    pub const MAX_TEXT_CHARS: usize = 5_000;

    pub fn validate(&self, field: &str) -> Result<(), ModelError> {
        if self.text.trim().is_empty() {
            return Err(ModelError::invalid(format!("{field}.text"), "must not be empty"));
        }
        check_free_text(&self.text, Self::MAX_TEXT_CHARS, true)
            .map_err(|e| ModelError::invalid(format!("{field}.text"), e))
    }
}

/// A round: an immutable snapshot of the whole agreement as one party proposed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// 1 for the first proposal, then one more for each.
    pub number: u32,
    pub author: PartyRole,
    /// Whole milliseconds (what the workspace keeps), so the fingerprint survives a save.
    pub proposed_at: Timestamp,
    pub message: String,
    /// The fingerprint of round `number - 1`; absent for round 1.
    pub previous: Option<RoundHash>,
    pub snapshot: Agreement,
    /// Comments the author sends with the round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
    /// The author's signature over the fingerprint (not part of it). Rounds proposed before
    /// rounds were signed have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<RoundSignature>,
}

/// What a round's fingerprint is computed over: every field, typed, in a fixed order, with a
/// label that keeps these bytes from meaning anything else.
#[derive(Serialize)]
struct Canonical<'a> {
    domain: &'static str,
    number: u32,
    author: PartyRole,
    proposed_at_ms: i64,
    message: &'a str,
    previous: Option<RoundHash>,
    snapshot: &'a Agreement,
    /// Left out when there are none, so rounds without comments keep the same bytes.
    #[serde(skip_serializing_if = "<[Comment]>::is_empty")]
    comments: &'a [Comment],
}

impl Round {
    pub const MAX_MESSAGE_CHARS: usize = 10_000;
    pub const MAX_COMMENTS: usize = 1_000;

    pub fn new(
        number: u32,
        author: PartyRole,
        proposed_at: Timestamp,
        message: impl Into<String>,
        previous: Option<RoundHash>,
        snapshot: Agreement,
    ) -> Result<Self, ModelError> {
        let proposed_at = Timestamp::from_millisecond(proposed_at.as_millisecond())
            .map_err(|e| ModelError::invalid("proposed_at", e.to_string()))?;
        let round = Self {
            number,
            author,
            proposed_at,
            message: message.into(),
            previous,
            snapshot,
            comments: Vec::new(),
            signature: None,
        };
        round.validate()?;
        Ok(round)
    }

    /// The round's fingerprint (SHA-256 over its canonical serialisation).
    pub fn hash(&self) -> RoundHash {
        let canonical = Canonical {
            domain: "SLA Studio round, format 1",
            number: self.number,
            author: self.author,
            proposed_at_ms: self.proposed_at.as_millisecond(),
            message: &self.message,
            previous: self.previous,
            snapshot: &self.snapshot,
            comments: &self.comments,
        };
        // Serialising typed values to a Vec cannot fail: no map has non-string keys.
        let bytes = serde_json::to_vec(&canonical).unwrap_or_default();
        RoundHash(Sha256::digest(&bytes).into())
    }

    pub fn validate(&self) -> Result<(), ModelError> {
        if self.number == 0 {
            return Err(ModelError::invalid("number", "rounds are numbered from 1"));
        }
        match (self.number, self.previous) {
            (1, Some(_)) => return Err(ModelError::invalid("previous", "round 1 has no previous round")),
            (n, None) if n > 1 => {
                return Err(ModelError::invalid(
                    "previous",
                    format!("round {n} must name the fingerprint of round {}", n - 1),
                ));
            }
            _ => {}
        }
        if self.proposed_at.subsec_nanosecond() % 1_000_000 != 0 {
            return Err(ModelError::invalid(
                "proposed_at",
                "must be in whole milliseconds",
            ));
        }
        check_free_text(&self.message, Self::MAX_MESSAGE_CHARS, true)
            .map_err(|e| ModelError::invalid("message", e))?;
        if self.comments.len() > Self::MAX_COMMENTS {
            return Err(ModelError::invalid(
                "comments",
                format!("at most {} comments go with one round", Self::MAX_COMMENTS),
            ));
        }
        for (i, comment) in self.comments.iter().enumerate() {
            comment.validate(&format!("comments[{i}]"))?;
            if comment.author != self.author {
                return Err(ModelError::invalid(
                    format!("comments[{i}].author"),
                    "a round carries only its author's comments",
                ));
            }
        }
        self.snapshot.validate().map_err(|e| match e {
            ModelError::Invalid { field, reason } => ModelError::Invalid {
                field: format!("snapshot.{field}"),
                reason,
            },
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AgreementId, Title};

    fn snapshot() -> Agreement {
        Agreement::blank(
            AgreementId::random(),
            Title::new("SLA").unwrap(),
            PartyRole::Customer,
            "Vendor",
        )
    }

    #[test]
    fn a_round_freezes_a_valid_snapshot() {
        let at: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let round = Round::new(1, PartyRole::Customer, at, "First draft", None, snapshot()).unwrap();
        let json = serde_json::to_string(&round).unwrap();
        assert!(
            json.contains("\"proposed_at\":\"2026-11-24T10:00:00Z\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Round>(&json).unwrap(), round);
    }

    #[test]
    fn refuses_round_zero_control_characters_and_invalid_snapshots() {
        let at = Timestamp::UNIX_EPOCH;
        assert_eq!(
            Round::new(0, PartyRole::Customer, at, "", None, snapshot())
                .unwrap_err()
                .field(),
            Some("number")
        );
        assert_eq!(
            Round::new(1, PartyRole::Customer, at, "\u{1b}[31m", None, snapshot())
                .unwrap_err()
                .field(),
            Some("message")
        );
        let mut bad = snapshot();
        bad.parties.customer.name = "x".repeat(300);
        assert_eq!(
            Round::new(1, PartyRole::Provider, at, "", None, bad)
                .unwrap_err()
                .field(),
            Some("snapshot.parties.customer.name")
        );
    }

    #[test]
    fn the_fingerprint_covers_every_field_and_chains_rounds() {
        let at: Timestamp = "2026-11-24T10:00:00.123456789Z".parse().unwrap();
        let first = Round::new(1, PartyRole::Customer, at, "Opening", None, snapshot()).unwrap();
        assert_eq!(
            first.proposed_at.as_millisecond(),
            at.as_millisecond(),
            "kept to the millisecond"
        );
        let hash = first.hash();
        assert_eq!(hash, first.clone().hash(), "stable");
        assert_eq!(RoundHash::parse(&hash.to_hex()).unwrap(), hash);
        assert_eq!(hash.short().len(), 19);
        let json = serde_json::to_string(&first).unwrap();
        assert_eq!(
            serde_json::from_str::<Round>(&json).unwrap().hash(),
            hash,
            "survives JSON"
        );

        let mut changed = first.clone();
        changed.message.push('.');
        assert_ne!(changed.hash(), hash);
        let mut changed = first.clone();
        changed.snapshot.parties.provider.name = "Other Vendor".into();
        assert_ne!(changed.hash(), hash);
        let mut changed = first.clone();
        changed.author = PartyRole::Provider;
        assert_ne!(changed.hash(), hash);

        let second = Round::new(2, PartyRole::Provider, at, "Counter", Some(hash), snapshot()).unwrap();
        assert_eq!(second.previous, Some(hash));
        assert_eq!(
            Round::new(2, PartyRole::Provider, at, "", None, snapshot())
                .unwrap_err()
                .field(),
            Some("previous")
        );
        assert_eq!(
            Round::new(1, PartyRole::Provider, at, "", Some(hash), snapshot())
                .unwrap_err()
                .field(),
            Some("previous")
        );
        assert!(RoundHash::parse("xyz").is_err());
        assert!(RoundHash::parse(&"g".repeat(64)).is_err());
    }

    #[test]
    fn comments_are_part_of_the_round_and_only_its_authors() {
        let at: Timestamp = "2026-11-24T10:00:00Z".parse().unwrap();
        let mut round = Round::new(1, PartyRole::Customer, at, "Opening", None, snapshot()).unwrap();
        let bare = round.hash();
        round.comments.push(Comment {
            target: CommentTarget::Term("availability.target".into()),
            author: PartyRole::Customer,
            text: "We need 99.95 % for the checkout.".into(),
        });
        assert!(round.validate().is_ok());
        assert_ne!(round.hash(), bare, "a comment is covered by the fingerprint");
        let json = serde_json::to_string(&round).unwrap();
        assert_eq!(serde_json::from_str::<Round>(&json).unwrap().hash(), round.hash());
        round.comments[0].author = PartyRole::Provider;
        assert_eq!(round.validate().unwrap_err().field(), Some("comments[0].author"));
        round.comments[0].author = PartyRole::Customer;
        round.comments[0].text = "  ".into();
        assert_eq!(round.validate().unwrap_err().field(), Some("comments[0].text"));
    }
}
