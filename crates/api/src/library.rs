//! The clause library as the app and CLI use it: where it comes from, and the term table of
//! an agreement.

use std::path::Path;

use serde::Serialize;
use sla_model::Agreement;
use sla_templates::{Library, LibraryError, format};
use ts_rs::TS;

use crate::{ApiError, ErrorCode};

/// The environment variable naming a clause library folder to use instead of the built-in one.
pub const LIBRARY_ENV: &str = "SLA_STUDIO_LIBRARY";

/// The library in `folder` (with `clauses/` and `agreements/`), or the built-in one.
pub fn load_library(folder: Option<&Path>) -> Result<Library, ApiError> {
    match folder {
        Some(folder) => Library::load_dir(folder),
        None => Library::built_in(),
    }
    .map_err(ApiError::from)
}

impl From<LibraryError> for ApiError {
    fn from(error: LibraryError) -> Self {
        let code = match &error {
            LibraryError::File { .. } | LibraryError::Io { .. } => ErrorCode::Internal,
            LibraryError::UnknownTemplate(_)
            | LibraryError::UnknownOption { .. }
            | LibraryError::UnknownClause(_)
            | LibraryError::UnknownTerm(_) => ErrorCode::InvalidInput,
            LibraryError::InvalidTerm { .. } | LibraryError::Model(_) => ErrorCode::InvalidInput,
        };
        ApiError::new(code, error.to_string())
    }
}

/// One term of an agreement, as `sla terms` and the terms panel show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TermRow {
    pub id: String,
    pub label: String,
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub kind: String,
    /// The value written out (`99.9 %`).
    pub value: String,
    /// The allowed range from the clause library, if it sets one (`90 % to 99.999 %`).
    pub range: Option<String>,
    /// The ids of the clauses whose text quotes the term.
    pub quoted_by: Vec<String>,
    /// What the value means, where the app can compute it (`allows 43 m 49 s of Downtime per calendar month`).
    pub meaning: Option<String>,
    /// The value as it is typed in (`99.9`, `4 business hours`, `Monday to Friday, 08:00 to
    /// 18:00, Europe/London`); absent for tables.
    pub input: Option<String>,
    /// The allowed values of a choice.
    pub options: Vec<String>,
    /// The cells of a credit-tier table or priority matrix, to edit as a grid.
    pub table: Option<sla_templates::TableInput>,
}

/// Every term of the agreement with its value, range and the clauses quoting it.
pub fn term_rows(agreement: &Agreement, library: &Library) -> Vec<TermRow> {
    agreement
        .terms
        .iter()
        .map(|(id, term)| {
            let range = library.term(id.as_str()).and_then(|(spec, _)| spec.range_text());
            let quoted_by = agreement
                .sections
                .iter()
                .flat_map(|s| &s.clauses)
                .filter(|c| {
                    c.term_references()
                        .is_ok_and(|refs| refs.iter().any(|r| &r.term == id))
                })
                .map(|c| c.id.to_string())
                .collect();
            TermRow {
                id: id.to_string(),
                label: term.label.clone(),
                kind: term.value.type_name().to_owned(),
                value: format::term_value(&term.value),
                range,
                quoted_by,
                meaning: sla_checks::meaning(agreement, id.as_str()),
                input: format::input_text(&term.value),
                options: match &term.value {
                    sla_model::TermValue::Choice(c) => c.options().to_vec(),
                    _ => Vec::new(),
                },
                table: sla_templates::table_input(&term.value),
            }
        })
        .collect()
}
