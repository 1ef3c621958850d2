//! Word files for counterparties who only have Word. [`agreement_docx`] writes an agreement
//! (a round or the draft) as a `.docx` that reads as a professionally drafted agreement in
//! Word and LibreOffice: Word's own heading styles with real multilevel numbering, justified
//! body text, credit tiers and priority matrices as Word tables whose header row repeats,
//! a title block, both parties' signature blocks, "Page N of M" in the footer. Each clause's
//! heading and body sit in a content control tagged `sla-clause:<id>`, which survives editing
//! in Word, and the agreement id, round number and round fingerprint are custom document
//! properties — what a later import of the edited file maps back by. [`redline_docx`] writes
//! the redline between two versions with its changes as Word revisions.

mod agreement;
mod package;
mod read;
mod read_body;
mod read_styles;
mod redline;
mod reply;
mod reply_align;
mod reply_clause;
mod segment;
mod styles;
mod xml;

use sla_model::Agreement;

pub use agreement::CLAUSE_TAG;
pub use read::{
    Cell, MAX_DEPTH, MAX_DOCX_BYTES, MAX_PART_BYTES, ReplyComment, ReplyParagraph, Revision, Span, WordReply,
    read_docx,
};
pub use redline::{RedlineDocx, WordComment, redline_docx};
pub use reply::{ReplyEdit, ReplyMapping, map_reply};
pub use reply_clause::normalise_value;
pub use segment::{ReplyClause, Segments, heading_key, segment, without_number};

/// Custom property names the export writes and an import reads.
pub const PROPERTY_AGREEMENT: &str = "SLA Studio agreement";
pub const PROPERTY_ROUND: &str = "SLA Studio round";
pub const PROPERTY_FINGERPRINT: &str = "SLA Studio round fingerprint";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocxError {
    #[error("the Word file could not be written: {0}")]
    Write(String),
    #[error("the file is {bytes} bytes; a Word file of at most {max} bytes is accepted")]
    TooLarge { bytes: usize, max: usize },
    #[error("the file is not a Word document (.docx): it is not a readable zip package")]
    NotAWordFile,
    #[error("the Word file has no {0}; it is damaged or not a Word document")]
    MissingPart(&'static str),
    #[error("{part} would inflate to more than {max} bytes; the file is refused as a zip bomb")]
    PartTooLarge { part: &'static str, max: u64 },
    #[error("{part} cannot be read: {reason}")]
    Malformed { part: &'static str, reason: String },
}

/// The round a text is, for the title block, the footer and the properties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundMark {
    pub number: u32,
    /// The round's fingerprint (hex SHA-256).
    pub hash: String,
    /// `Round 2, proposed by the provider on 3 March 2027`.
    pub description: String,
}

/// One version of an agreement to export.
#[derive(Clone, Debug)]
pub struct Version<'a> {
    pub agreement: &'a Agreement,
    /// None for the working draft.
    pub round: Option<RoundMark>,
    /// The file's date: the round's, so that a round exports to the same bytes.
    pub created: jiff::Timestamp,
}

impl Version<'_> {
    fn version_line(&self) -> String {
        self.round.as_ref().map_or_else(
            || "Working draft: not yet proposed as a round".to_owned(),
            |r| r.description.clone(),
        )
    }
}

/// The agreement as a `.docx`.
pub fn agreement_docx(version: &Version<'_>) -> Result<Vec<u8>, DocxError> {
    let agreement = version.agreement;
    let mut custom = vec![(PROPERTY_AGREEMENT.to_owned(), agreement.id.to_string())];
    if let Some(round) = &version.round {
        custom.push((PROPERTY_ROUND.to_owned(), round.number.to_string()));
        custom.push((PROPERTY_FINGERPRINT.to_owned(), round.hash.clone()));
    }
    package::write(&package::Parts {
        document: agreement::document(version),
        footer: agreement::footer(version),
        comments: None,
        title: agreement.title.as_str().to_owned(),
        creator: "SLA Studio".to_owned(),
        created: version.created.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        custom,
    })
}
