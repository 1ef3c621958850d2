//! What the workspace returns: rows for lists, and a whole stored agreement.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sla_model::{Agreement, AgreementId, PartyRole};
use ts_rs::TS;

/// Where an agreement stands in its negotiation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    /// No round proposed yet.
    Draft,
    /// At least one round proposed, not yet agreed.
    Negotiating,
    /// Both parties accepted the same round; locked.
    Agreed,
}

impl AgreementStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Negotiating => "negotiating",
            Self::Agreed => "agreed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "draft" => Some(Self::Draft),
            "negotiating" => Some(Self::Negotiating),
            "agreed" => Some(Self::Agreed),
            _ => None,
        }
    }
}

/// One row of the workspace's agreement list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementSummary {
    #[ts(type = "string")]
    pub id: AgreementId,
    pub title: String,
    /// The side this workspace's user is on.
    pub our_role: PartyRole,
    /// The other party's name.
    pub counterparty: String,
    pub status: AgreementStatus,
    /// The number of the latest round, if any was proposed.
    pub latest_round: Option<u32>,
    #[ts(type = "string")]
    pub updated_at: Timestamp,
}

/// The agreed version of an agreement, by round number: the round the other side accepted as
/// final, and the round that accepted it (the last, which repeats the accepted text). Every
/// document that names the agreed version (PDF, Word file, measurement, key dates) takes it
/// from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgreedRounds {
    pub accepted: u32,
    pub acceptance: u32,
}

impl AgreementSummary {
    /// The agreed version's rounds; `None` until the agreement is agreed.
    pub fn agreed_rounds(&self) -> Option<AgreedRounds> {
        match (self.status, self.latest_round) {
            (AgreementStatus::Agreed, Some(last)) if last >= 2 => Some(AgreedRounds {
                accepted: last - 1,
                acceptance: last,
            }),
            _ => None,
        }
    }
}

/// A round as listed (its snapshot is fetched separately).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RoundSummary {
    pub number: u32,
    pub author: PartyRole,
    #[ts(type = "string")]
    pub proposed_at: Timestamp,
    pub message: String,
    /// The round's fingerprint (64 hexadecimal digits).
    pub hash: String,
    /// The fingerprint of the key that signed the round (eight groups of five digits); none
    /// for rounds proposed before rounds were signed.
    pub signed_by: Option<String>,
}

/// An agreement as stored: its summary, draft and rounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementRecord {
    pub summary: AgreementSummary,
    #[ts(type = "string")]
    pub created_at: Timestamp,
    /// The working draft.
    pub agreement: Agreement,
    pub rounds: Vec<RoundSummary>,
}

/// What importing the counterparty's rounds did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportedRounds {
    pub summary: AgreementSummary,
    /// The agreement was new to this workspace.
    pub created: bool,
    /// The working draft is now the last round's snapshot (false: it held edits not yet
    /// proposed, which were kept).
    pub draft_replaced: bool,
}

/// A comment written in this workspace and not yet sent: the next round we propose carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PendingComment {
    #[ts(type = "number")]
    pub seq: i64,
    pub target: sla_model::CommentTarget,
    pub text: String,
}
