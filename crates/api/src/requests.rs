use serde::{Deserialize, Serialize};
use sla_model::PartyRole;
use ts_rs::TS;

/// What the "New agreement" dialog (or `sla new`) asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewAgreement {
    pub title: String,
    /// The side the user of this workspace is on.
    pub our_role: PartyRole,
    /// The other party's legal name.
    pub counterparty: String,
}

/// Where the open workspace lives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceInfo {
    pub path: String,
    /// The fingerprint of this workspace's signing key (eight groups of five digits), which
    /// the other side compares when they first import a round from us.
    pub key_fingerprint: String,
    /// The largest file of each kind the app reads.
    pub limits: FileLimits,
}

/// The largest file of each kind the backend reads, in bytes, for a dialog to refuse a larger
/// one before reading it into memory (the backend refuses it too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileLimits {
    /// A Markdown or text document to import.
    pub document_bytes: u32,
    /// An exchange package.
    pub package_bytes: u32,
    /// A Word file (a counterparty's reply).
    pub word_bytes: u32,
    /// An incident log, ticket export or column mapping to measure with.
    pub measurement_bytes: u32,
}

/// A Markdown SLA the user picked in the app, to import as a new agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    /// The file's name (its stem titles the agreement when the text has no title).
    pub file_name: String,
    pub markdown: String,
    pub our_role: PartyRole,
    /// The other party's legal name, if known.
    pub counterparty: String,
}
