//! The clause library: clause files (one clause, its typed terms and three positions of
//! wording) and agreement templates (sections of clauses, some conditional), loaded from
//! `templates/` and checked at load with errors naming the file and line; drafting an
//! [`sla_model::Agreement`] from a template; rendering an agreement as text or Markdown with
//! its values written as a lawyer writes them.
//!
//! Clause wording is a minijinja template evaluated once, when drafting: `{% if %}` picks
//! wording, and `{{ term.id }}` leaves a term reference in the clause text, so that a later
//! change of the term's value shows everywhere the clause quotes it.

mod body;
mod draft;
mod error;
pub mod format;
mod library;
mod render;
mod spec;
mod table_input;
mod values;

pub use body::{BodyPart, clause_body};
pub use draft::{DraftRequest, draft, draft_clause, refresh_wording};
pub use error::{LibraryError, TermValueError};
pub use library::{
    ClauseDef, Library, MAX_FILE_BYTES as MAX_LIBRARY_FILE_BYTES, MAX_FILES as MAX_LIBRARY_FILES, TemplateDef,
};
pub use render::{RenderFormat, Segment, clause_text, render, segments};
pub use spec::{Position, Structure, TermKind, TermSpec};
pub use table_input::{MAX_TABLE_ROWS, TableInput, schedule_input, table_input, table_value_from_rows};
pub use values::{check_range, parse_duration, term_value, term_value_from_text};
