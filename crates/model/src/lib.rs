//! The typed SLA agreement.
//!
//! An [`Agreement`] has two [`Parties`], [`Section`]s of [`Clause`]s with stable ids, and a map
//! of typed [`Term`]s that clause text refers to by id (`{{availability.target}}`). A [`Round`]
//! is an immutable snapshot of an agreement proposed by one party.
//!
//! Every value type validates itself on construction and on deserialisation; whole-agreement
//! rules (unique ids, every term reference resolves) are checked by [`Agreement::validate`],
//! which [`Agreement::from_json`] always runs. Errors name the offending field.

mod agreement;
mod error;
mod identity;
mod ids;
mod party;
mod round;
pub mod term_ids;
pub mod terms;
mod text;

pub use agreement::{Agreement, Clause, FORMAT_VERSION, Section, TermReference};

/// Size limits of agreement JSON.
pub mod agreement_limits {
    pub use crate::agreement::MAX_JSON_BYTES;
}
pub use error::{ModelError, ValueError};
pub use identity::{Identity, PublicKey, RoundSignature, SignatureBytes, SignatureError};
pub use ids::{AgreementId, ClauseId, SectionId, TermId};
pub use party::{Parties, Party, PartyRole, Signatory};
pub use round::{Comment, CommentTarget, Round, RoundHash};
pub use terms::{Term, TermValue};
pub use text::{Title, check_free_text};
