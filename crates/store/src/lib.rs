//! The SLA Studio workspace: one SQLite database file in a folder, holding agreements (each
//! with its working draft) and their rounds.
//!
//! Every write is one transaction; the database runs in WAL mode with `synchronous=FULL`, so
//! a committed save survives a crash or a power cut. The schema is versioned with SQLite's
//! `user_version` and migrated forward on open; a database from a newer SLA Studio, or a file
//! that is not a workspace, is refused without being touched.

mod error;
mod location;
mod records;
mod schema;
mod workspace;

pub use error::StoreError;
pub use location::{
    APP_IDENTIFIER, DATABASE_FILE, WORKSPACE_ENV, default_workspace_dir, resolve_workspace_dir,
};
pub use records::{
    AgreedRounds, AgreementRecord, AgreementStatus, AgreementSummary, ImportedRounds, PendingComment,
    RoundSummary,
};
pub use workspace::Workspace;
