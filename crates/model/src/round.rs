use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{Agreement, ModelError, PartyRole, check_free_text};

/// A round: an immutable snapshot of the whole agreement as one party proposed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// 1 for the first proposal, then one more for each.
    pub number: u32,
    pub author: PartyRole,
    pub proposed_at: Timestamp,
    pub message: String,
    pub snapshot: Agreement,
}

impl Round {
    pub const MAX_MESSAGE_CHARS: usize = 10_000;

    pub fn new(
        number: u32,
        author: PartyRole,
        proposed_at: Timestamp,
        message: impl Into<String>,
        snapshot: Agreement,
    ) -> Result<Self, ModelError> {
        let round = Self {
            number,
            author,
            proposed_at,
            message: message.into(),
            snapshot,
        };
        round.validate()?;
        Ok(round)
    }

    pub fn validate(&self) -> Result<(), ModelError> {
        if self.number == 0 {
            return Err(ModelError::invalid("number", "rounds are numbered from 1"));
        }
        check_free_text(&self.message, Self::MAX_MESSAGE_CHARS, true)
            .map_err(|e| ModelError::invalid("message", e))?;
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
        let round = Round::new(1, PartyRole::Customer, at, "First draft", snapshot()).unwrap();
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
            Round::new(0, PartyRole::Customer, at, "", snapshot())
                .unwrap_err()
                .field(),
            Some("number")
        );
        assert_eq!(
            Round::new(1, PartyRole::Customer, at, "\u{1b}[31m", snapshot())
                .unwrap_err()
                .field(),
            Some("message")
        );
        let mut bad = snapshot();
        bad.parties.customer.name = "x".repeat(300);
        assert_eq!(
            Round::new(1, PartyRole::Provider, at, "", bad)
                .unwrap_err()
                .field(),
            Some("snapshot.parties.customer.name")
        );
    }
}
