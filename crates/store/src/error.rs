use std::path::PathBuf;

use sla_model::{AgreementId, ModelError, PartyRole, PublicKey, SignatureError};
use thiserror::Error;

/// Why a workspace operation failed. Nothing is changed when one is returned.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("there is no agreement with id {0} in this workspace")]
    NotFound(AgreementId),

    #[error(
        "cannot find a folder for the workspace: no data folder is known for this user; pass --workspace DIR or set SLA_STUDIO_WORKSPACE"
    )]
    NoDataFolder,

    #[error("cannot use {path} as the workspace folder: {source}")]
    Folder { path: PathBuf, source: std::io::Error },

    #[error("{path} is not an SLA Studio workspace: {reason}")]
    NotAWorkspace { path: PathBuf, reason: String },

    #[error(
        "the workspace {path} was written by a newer SLA Studio (schema version {found}; this version knows up to {known}); update SLA Studio to open it"
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },

    #[error("the stored data of agreement {id} is damaged: {source}")]
    Corrupt { id: String, source: ModelError },

    #[error("{0}")]
    Invalid(#[from] ModelError),

    #[error("round {proposed} cannot follow round {latest}: rounds are numbered one after another")]
    RoundOutOfOrder { proposed: u32, latest: u32 },

    #[error(
        "round {round} names a previous round whose fingerprint is not that of round {previous} in this workspace"
    )]
    BrokenChain { round: u32, previous: u32 },

    #[error("{0}")]
    Signature(#[from] SignatureError),

    #[error(
        "round {round} is signed by the {role} with a key you have not seen before (fingerprint {found}); the {role}'s rounds so far were signed with the key {pinned}. Check the new fingerprint with them by phone before you accept it",
        role = role.as_str(),
        found = found.fingerprint(),
        pinned = pinned.fingerprint()
    )]
    KeyChanged {
        round: u32,
        role: PartyRole,
        pinned: PublicKey,
        found: PublicKey,
    },

    #[error("the agreement {0} is agreed and locked; it can no longer change")]
    Locked(AgreementId),

    #[error("the workspace database failed: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("the workspace database could not be migrated: {0}")]
    Migration(String),
}
