use thiserror::Error;

/// Why the library could not be loaded or an agreement could not be drafted from it.
#[derive(Debug, Error)]
pub enum LibraryError {
    /// A library file is wrong; `line` is 1-based where known.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    File {
        file: String,
        line: Option<usize>,
        message: String,
    },

    #[error("cannot read the clause library at {path}: {source}")]
    Io { path: String, source: std::io::Error },

    #[error("there is no agreement template `{0}`; `sla templates` lists them")]
    UnknownTemplate(String),

    #[error("the template `{template}` has no option `{option}` (it has: {known})")]
    UnknownOption {
        template: String,
        option: String,
        known: String,
    },

    #[error("there is no clause `{0}` in the clause library")]
    UnknownClause(String),

    #[error("the agreement has no term `{0}`; `sla terms FILE` lists them")]
    UnknownTerm(String),

    #[error("{term}: {message}")]
    InvalidTerm { term: String, message: String },

    #[error("the drafted agreement is invalid: {0}")]
    Model(#[from] sla_model::ModelError),
}

impl LibraryError {
    pub fn file(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Self::File {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

/// The 1-based line of a byte offset.
pub fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(1, |before| before.matches('\n').count() + 1)
}

/// Why a value written for a term (by a user, or by the library's author) is refused; the
/// message says it in words, without the term's name (the caller adds it).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TermValueError {
    /// The text is not a value of the term's type; the message says how to write one.
    #[error("{0}")]
    Unreadable(String),
    /// A value of the right type outside the range the clause allows.
    #[error("{0}")]
    OutOfRange(String),
    /// The clause library's own limit for the term is not a value of its type (a defect of
    /// the library, not of the value).
    #[error("the clause's own limit is invalid: {0}")]
    BadLimit(String),
}

impl From<String> for TermValueError {
    fn from(reason: String) -> Self {
        Self::Unreadable(reason)
    }
}

impl From<&str> for TermValueError {
    fn from(reason: &str) -> Self {
        Self::Unreadable(reason.to_owned())
    }
}
