//! Exchange packages: what one party sends the other after proposing a round. One JSON file,
//! schema-versioned, carrying every round of the agreement with its fingerprint. Reading a
//! package checks it whole before anything is stored: its size, its format, each round's
//! content against its fingerprint, and the chain (each round names the fingerprint of the
//! one before), and each round's signature by its author's key; then [`new_rounds`] checks
//! that it extends what this workspace holds. Whether each key is the one that party signed
//! with before (key pinning) is the workspace's to judge.

use serde::{Deserialize, Serialize};
use sla_model::{AgreementId, ModelError, Round, RoundHash, SignatureError};
use thiserror::Error;

/// The package format this build reads and writes.
/// Format 2 added a signature to every round.
pub const PACKAGE_FORMAT: u32 = 2;
/// The largest package accepted, checked before parsing.
pub const MAX_PACKAGE_BYTES: usize = 64 * 1024 * 1024;
/// The most rounds one package may carry.
pub const MAX_ROUNDS: usize = 1_000;

/// An exchange package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    pub package_format: u32,
    pub agreement_id: AgreementId,
    pub rounds: Vec<PackagedRound>,
}

/// One round with the fingerprint its author computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackagedRound {
    pub hash: RoundHash,
    pub round: Round,
}

/// Why a package was refused. Each names the round at fault where there is one.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExchangeError {
    #[error("the package is {bytes} bytes; at most {max} are accepted")]
    TooLarge { bytes: usize, max: usize },
    #[error("this is not an SLA Studio exchange package: {0}")]
    NotAPackage(String),
    #[error("the package uses format {found}; this version of SLA Studio reads format {supported}")]
    UnsupportedFormat { found: u32, supported: u32 },
    #[error("the package holds no rounds")]
    Empty,
    #[error("the package holds {count} rounds; at most {max} are accepted")]
    TooManyRounds { count: usize, max: usize },
    #[error(
        "the package's round at position {position} is numbered {found}; rounds must run 1, 2, 3, … (were they reordered?)"
    )]
    Numbering { position: usize, found: u32 },
    #[error("round {round} belongs to another agreement than the package")]
    WrongAgreement { round: u32 },
    #[error("round {round} is invalid: {reason}")]
    InvalidRound { round: u32, reason: String },
    #[error("round {round} does not match its fingerprint: it was changed after it was proposed")]
    Tampered { round: u32 },
    #[error("round {round} is not signed; every round must carry its author's signature")]
    Unsigned { round: u32 },
    #[error(
        "round {round}'s signature does not match its content and key: it was changed or signed by someone else"
    )]
    BadSignature { round: u32 },
    #[error(
        "round {round} does not name the fingerprint of round {previous}: a round was replaced or reordered"
    )]
    BrokenLink { round: u32, previous: u32 },
    #[error(
        "round {round} in the package differs from round {round} in this workspace: the negotiation has forked (was an earlier round rewritten?)"
    )]
    Fork { round: u32 },
    #[error(
        "the package holds rounds 1 to {package}, but this workspace already has round {held}: it is older than what you hold"
    )]
    Stale { package: u32, held: u32 },
    #[error("the package holds nothing new: this workspace already has its rounds 1 to {held}")]
    NothingNew { held: u32 },
}

/// The package for an agreement's rounds (oldest first), as pretty JSON. Every round must be
/// signed (rounds stored before rounds were signed cannot be sent).
pub fn write_package(agreement_id: AgreementId, rounds: &[Round]) -> Result<String, ExchangeError> {
    if let Some(unsigned) = rounds.iter().find(|r| r.signature.is_none()) {
        return Err(ExchangeError::Unsigned {
            round: unsigned.number,
        });
    }
    let package = Package {
        package_format: PACKAGE_FORMAT,
        agreement_id,
        rounds: rounds
            .iter()
            .map(|round| PackagedRound {
                hash: round.hash(),
                round: round.clone(),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&package).unwrap_or_default() + "\n")
}

/// Reads and verifies a package: size, format, round numbering, agreement, each round's
/// validity and fingerprint, and the chain.
pub fn read_package(bytes: &[u8]) -> Result<Package, ExchangeError> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(ExchangeError::TooLarge {
            bytes: bytes.len(),
            max: MAX_PACKAGE_BYTES,
        });
    }
    #[derive(Deserialize)]
    struct Probe {
        package_format: Option<u32>,
    }
    let probe: Probe =
        serde_json::from_slice(bytes).map_err(|e| ExchangeError::NotAPackage(e.to_string()))?;
    match probe.package_format {
        Some(PACKAGE_FORMAT) => {}
        Some(found) => {
            return Err(ExchangeError::UnsupportedFormat {
                found,
                supported: PACKAGE_FORMAT,
            });
        }
        None => return Err(ExchangeError::NotAPackage("`package_format` is missing".into())),
    }
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    let package: Package = serde_path_to_error::deserialize(deserializer)
        .map_err(|e| ExchangeError::NotAPackage(format!("{}: {}", e.path(), e.inner())))?;
    if package.rounds.is_empty() {
        return Err(ExchangeError::Empty);
    }
    if package.rounds.len() > MAX_ROUNDS {
        return Err(ExchangeError::TooManyRounds {
            count: package.rounds.len(),
            max: MAX_ROUNDS,
        });
    }
    let mut previous: Option<RoundHash> = None;
    for (index, packaged) in package.rounds.iter().enumerate() {
        let round = &packaged.round;
        if usize::try_from(round.number).ok() != Some(index + 1) {
            return Err(ExchangeError::Numbering {
                position: index + 1,
                found: round.number,
            });
        }
        if round.snapshot.id != package.agreement_id {
            return Err(ExchangeError::WrongAgreement { round: round.number });
        }
        round
            .validate()
            .map_err(|e: ModelError| ExchangeError::InvalidRound {
                round: round.number,
                reason: e.to_string(),
            })?;
        if round.hash() != packaged.hash {
            return Err(ExchangeError::Tampered { round: round.number });
        }
        round.verify_signature().map_err(|e| match e {
            SignatureError::Unsigned { round } => ExchangeError::Unsigned { round },
            SignatureError::Invalid { round } => ExchangeError::BadSignature { round },
        })?;
        if round.previous != previous {
            return Err(ExchangeError::BrokenLink {
                round: round.number,
                previous: round.number - 1,
            });
        }
        previous = Some(packaged.hash);
    }
    Ok(package)
}

/// The rounds of a verified package that extend the rounds this workspace holds (oldest
/// first). Every round held must be in the package unchanged.
pub fn new_rounds(held: &[Round], package: &Package) -> Result<Vec<Round>, ExchangeError> {
    for (ours, theirs) in held.iter().zip(&package.rounds) {
        if ours.hash() != theirs.hash {
            return Err(ExchangeError::Fork { round: ours.number });
        }
    }
    let held_count = u32::try_from(held.len()).unwrap_or(u32::MAX);
    let package_count = u32::try_from(package.rounds.len()).unwrap_or(u32::MAX);
    if package_count < held_count {
        return Err(ExchangeError::Stale {
            package: package_count,
            held: held_count,
        });
    }
    if package_count == held_count {
        return Err(ExchangeError::NothingNew { held: held_count });
    }
    Ok(package.rounds[held.len()..]
        .iter()
        .map(|p| p.round.clone())
        .collect())
}
