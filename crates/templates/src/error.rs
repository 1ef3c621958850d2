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
