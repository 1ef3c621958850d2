//! What the desktop app and the `sla` CLI can do, as plain Rust functions over a workspace.
//!
//! The Tauri shell maps each command to one [`Backend`] method and nothing more. Errors leave
//! here as [`ApiError`] `{code, message}`: the UI shows the message and branches on the code.
//! Every type the UI sees is exported to TypeScript by [`bindings::typescript`]; a test fails
//! when `ui/src/ipc/bindings.ts` drifts from it.

mod backend;
mod backend_docx;
mod backend_editing;
mod backend_measure;
mod backend_pdf;
mod backend_rounds;
mod backend_sources;
mod backend_word_reply;
pub mod bindings;
mod editing;
mod error;
mod files;
mod history;
mod library;
mod locations;
mod parties;
mod requests;
mod review;
#[cfg(test)]
mod review_properties;
mod sources;
mod view;

pub use backend::Backend;
pub use backend_measure::{
    COMING_UP_DAYS, ComingUp, MeasureRequest, Measurement, MeasurementDocument, letter_pdf,
    measure_agreement, report_pdf,
};
pub use backend_pdf::{PREVIEW_PAGES, PaperSize, PdfProgress, PdfRequest};
pub use backend_rounds::{PackageCheck, PackagedRoundInfo};
pub use backend_sources::{FileWordReply, SourceCalendar, SourceMeasurement};
pub use backend_word_reply::{TextMatch, WordImport, apply_reply};
pub use editing::{AddClause, LibraryClause, MoveDirection};
pub use error::{ApiError, ErrorCode, KeyChange};
pub use files::{
    import_document_file, read_agreement_file, read_document_file, read_measurement_file, read_package_file,
    read_word_file, write_file_atomically,
};
pub use history::{EditHistory, MAX_UNDO_STEPS};
pub use library::{LIBRARY_ENV, TermRow, load_library, term_rows};
pub use locations::{VersionRef, WorkspaceLocation, library_folder};
pub use parties::{PartiesUpdate, PartyInput};
pub use requests::{FileLimits, ImportRequest, NewAgreement, WorkspaceInfo};
pub use review::{ChangeRef, ChangeState, Decision, Review, RoundComment};
pub use sla_measure::KeyDate;
pub use sla_pdf::{Preview, PreviewItem, PreviewPage};
pub use sla_store::WORKSPACE_ENV;
pub use sources::AgreementSource;
pub use view::{
    AgreementView, CreditChart, CreditOwed, CreditStep, DocumentClause, DocumentSection, KeyTerm, PartyKey,
    PositionDefaults, TemplateInfo, TemplateOption, TemplateRequest, TermTable, TextSegment,
};

// The types the answers above are made of, for callers (the CLI) that depend on this crate
// alone.
pub use jiff::{Timestamp, civil::Date};
pub use sla_checks::{Finding, Severity};
pub use sla_measure::{Attainment, ClaimLetter, ServiceLevelReport, WindowReport, percent_text};
pub use sla_model::{Agreement, AgreementId, CommentTarget, PartyRole};
pub use sla_redline::{
    CellChange, ClauseChange, ClauseChangeKind, PieceKind, Redline, RowChangeKind, TableChange,
    UnchangedClauses,
};
pub use sla_store::{AgreementRecord, AgreementSummary};
pub use sla_templates::{Position, RenderFormat};
