//! One Tauri command per `Backend` method. Each is a single call; errors cross to the UI as
//! `{code, message}` (`ApiError`). The list must match `COMMANDS` in `build.rs`.

use jiff::Timestamp;
use sla_api::{
    AddClause, AgreementView, ApiError, Backend, ChangeRef, ComingUp, CreditOwed, Decision, ImportRequest,
    LibraryClause, MeasureRequest, Measurement, MeasurementDocument, MoveDirection, NewAgreement, PaperSize,
    PartiesUpdate, PdfProgress, PdfRequest, Review, TemplateInfo, TemplateRequest, WordImport, WorkspaceInfo,
};
use sla_model::CommentTarget;
use sla_store::{AgreementRecord, AgreementSummary, ImportedRounds};
use tauri::State;

use crate::save_dialog;

#[tauri::command(async)]
pub fn workspace_info(backend: State<'_, Backend>) -> Result<WorkspaceInfo, ApiError> {
    backend.workspace_info()
}

#[tauri::command(async)]
pub fn list_agreements(backend: State<'_, Backend>) -> Result<Vec<AgreementSummary>, ApiError> {
    backend.list_agreements()
}

#[tauri::command(async)]
pub fn create_agreement(
    backend: State<'_, Backend>,
    request: NewAgreement,
) -> Result<AgreementSummary, ApiError> {
    backend.create_agreement(request, Timestamp::now())
}

#[tauri::command(async)]
pub fn open_agreement(backend: State<'_, Backend>, id: String) -> Result<AgreementRecord, ApiError> {
    backend.open_agreement(&id)
}

#[tauri::command(async)]
pub fn rename_agreement(
    backend: State<'_, Backend>,
    id: String,
    title: String,
) -> Result<AgreementSummary, ApiError> {
    backend.rename_agreement(&id, &title, Timestamp::now())
}

#[tauri::command(async)]
pub fn delete_agreement(backend: State<'_, Backend>, id: String) -> Result<(), ApiError> {
    backend.delete_agreement(&id)
}

#[tauri::command(async)]
pub fn list_templates(backend: State<'_, Backend>) -> Result<Vec<TemplateInfo>, ApiError> {
    backend.list_templates()
}

#[tauri::command(async)]
pub fn create_from_template(
    backend: State<'_, Backend>,
    request: TemplateRequest,
) -> Result<AgreementSummary, ApiError> {
    backend.create_from_template(request, Timestamp::now())
}

#[tauri::command(async)]
pub fn agreement_view(backend: State<'_, Backend>, id: String) -> Result<AgreementView, ApiError> {
    backend.agreement_view(&id)
}

#[tauri::command(async)]
pub fn set_term(
    backend: State<'_, Backend>,
    id: String,
    term: String,
    value: String,
) -> Result<AgreementView, ApiError> {
    backend.set_term(&id, &term, &value, Timestamp::now())
}

#[tauri::command(async)]
pub fn set_term_table(
    backend: State<'_, Backend>,
    id: String,
    term: String,
    rows: Vec<Vec<String>>,
) -> Result<AgreementView, ApiError> {
    backend.set_term_table(&id, &term, &rows, Timestamp::now())
}

#[tauri::command(async)]
pub fn credit_owed(
    backend: State<'_, Backend>,
    id: String,
    achieved: String,
) -> Result<CreditOwed, ApiError> {
    backend.credit_owed(&id, &achieved)
}

#[tauri::command(async)]
pub fn library_clauses(backend: State<'_, Backend>) -> Result<Vec<LibraryClause>, ApiError> {
    backend.library_clauses()
}

#[tauri::command(async)]
pub fn set_clause_text(
    backend: State<'_, Backend>,
    id: String,
    clause: String,
    heading: String,
    text: String,
) -> Result<AgreementView, ApiError> {
    backend.set_clause_text(&id, &clause, &heading, &text, Timestamp::now())
}

#[tauri::command(async)]
pub fn add_clause(
    backend: State<'_, Backend>,
    id: String,
    request: AddClause,
) -> Result<AgreementView, ApiError> {
    backend.add_clause(&id, &request, Timestamp::now())
}

#[tauri::command(async)]
pub fn remove_clause(
    backend: State<'_, Backend>,
    id: String,
    clause: String,
) -> Result<AgreementView, ApiError> {
    backend.remove_clause(&id, &clause, Timestamp::now())
}

#[tauri::command(async)]
pub fn move_clause(
    backend: State<'_, Backend>,
    id: String,
    clause: String,
    direction: MoveDirection,
) -> Result<AgreementView, ApiError> {
    backend.move_clause(&id, &clause, direction, Timestamp::now())
}

#[tauri::command(async)]
pub fn set_parties(
    backend: State<'_, Backend>,
    id: String,
    update: PartiesUpdate,
) -> Result<AgreementView, ApiError> {
    backend.set_parties(&id, &update, Timestamp::now())
}

#[tauri::command(async)]
pub fn undo(backend: State<'_, Backend>, id: String) -> Result<AgreementView, ApiError> {
    backend.undo(&id, Timestamp::now())
}

#[tauri::command(async)]
pub fn redo(backend: State<'_, Backend>, id: String) -> Result<AgreementView, ApiError> {
    backend.redo(&id, Timestamp::now())
}

#[tauri::command(async)]
pub fn import_markdown(
    backend: State<'_, Backend>,
    request: ImportRequest,
) -> Result<AgreementSummary, ApiError> {
    backend.import_markdown(&request, Timestamp::now())
}

#[tauri::command(async)]
pub fn propose_round(
    backend: State<'_, Backend>,
    id: String,
    message: String,
) -> Result<AgreementView, ApiError> {
    backend.propose_round(&id, &message, Timestamp::now())
}

#[tauri::command(async)]
pub fn import_package(
    backend: State<'_, Backend>,
    text: String,
    trusted_key: Option<String>,
) -> Result<ImportedRounds, ApiError> {
    backend.import_package_text(&text, trusted_key.as_deref(), Timestamp::now())
}

/// Asks where to save the agreement's package (the system's save dialog) and writes it there.
/// Resolves to the path written, or nothing when the user cancelled.
#[tauri::command(async)]
pub fn export_package(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    id: String,
) -> Result<Option<String>, ApiError> {
    save_dialog::save(
        &app,
        save_dialog::PACKAGE,
        backend.package_file_name(&id)?,
        |path| backend.write_package(&id, path),
    )
}

/// The first pages of the PDF the export dialog describes, as it will draw them.
#[tauri::command(async)]
pub fn pdf_preview(
    backend: State<'_, Backend>,
    id: String,
    request: PdfRequest,
    paper: PaperSize,
) -> Result<sla_api::Preview, ApiError> {
    backend.pdf_preview(&id, &request, paper, Timestamp::now())
}

/// Asks where to save the PDF (the system's save dialog) and writes it there. Resolves to the
/// path written, or nothing when the user cancelled.
#[tauri::command(async)]
pub fn export_pdf(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    id: String,
    request: PdfRequest,
    paper: PaperSize,
    on_progress: tauri::ipc::Channel<PdfProgress>,
) -> Result<Option<String>, ApiError> {
    save_dialog::save(
        &app,
        save_dialog::PDF,
        backend.pdf_file_name(&id, &request)?,
        |path| {
            // A closed window no longer listens; the PDF is still written.
            let mut progress = |p: PdfProgress| {
                let _ = on_progress.send(p);
            };
            backend.write_pdf(&id, &request, paper, path, Timestamp::now(), &mut progress)
        },
    )
}

#[tauri::command(async)]
pub fn review(
    backend: State<'_, Backend>,
    id: String,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<Review, ApiError> {
    backend.review(&id, from, to)
}

#[tauri::command(async)]
pub fn decide(
    backend: State<'_, Backend>,
    id: String,
    from: u32,
    to: u32,
    change: ChangeRef,
    decision: Decision,
) -> Result<AgreementView, ApiError> {
    backend.decide(&id, from, to, &change, decision, Timestamp::now())
}

#[tauri::command(async)]
pub fn decide_all(
    backend: State<'_, Backend>,
    id: String,
    from: u32,
    to: u32,
    decision: Decision,
) -> Result<AgreementView, ApiError> {
    backend.decide_all(&id, from, to, decision, Timestamp::now())
}

#[tauri::command(async)]
pub fn accept_round(backend: State<'_, Backend>, id: String) -> Result<AgreementView, ApiError> {
    backend.accept_round(&id, Timestamp::now())
}

#[tauri::command(async)]
pub fn add_comment(
    backend: State<'_, Backend>,
    id: String,
    target: CommentTarget,
    text: String,
) -> Result<AgreementView, ApiError> {
    backend.add_comment(&id, &target, &text, Timestamp::now())
}

#[tauri::command(async)]
pub fn remove_comment(backend: State<'_, Backend>, id: String, seq: i64) -> Result<AgreementView, ApiError> {
    backend.remove_comment(&id, seq)
}

#[tauri::command(async)]
pub fn measure(
    backend: State<'_, Backend>,
    id: String,
    request: MeasureRequest,
) -> Result<Measurement, ApiError> {
    backend.measure(&id, &request, Timestamp::now())
}

#[tauri::command(async)]
pub fn key_dates(backend: State<'_, Backend>, id: String) -> Result<Vec<sla_api::KeyDate>, ApiError> {
    backend.key_dates(&id)
}

#[tauri::command(async)]
pub fn coming_up(backend: State<'_, Backend>) -> Result<Vec<ComingUp>, ApiError> {
    backend.coming_up(Timestamp::now())
}

/// Asks where to save the service level report or the claim letter (the system's save
/// dialog) and writes it there. Resolves to the path written, or nothing when cancelled.
#[tauri::command(async)]
pub fn export_measurement(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    id: String,
    request: MeasureRequest,
    document: MeasurementDocument,
    paper: PaperSize,
) -> Result<Option<String>, ApiError> {
    save_dialog::save(
        &app,
        save_dialog::PDF,
        backend.measurement_file_name(&id, Some(document), &request.period)?,
        |path| backend.write_measurement_document(&id, &request, document, paper, path, Timestamp::now()),
    )
}

/// Asks where to save the key dates as an iCalendar file and writes it there.
#[tauri::command(async)]
pub fn export_calendar(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    id: String,
) -> Result<Option<String>, ApiError> {
    save_dialog::save(
        &app,
        save_dialog::KEY_DATES,
        backend.measurement_file_name(&id, None, "")?,
        |path| backend.write_calendar(&id, path),
    )
}

/// Asks where to save the agreement as a Word file (the system's save dialog) and writes it.
#[tauri::command(async)]
pub fn export_docx(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    id: String,
    round: Option<u32>,
) -> Result<Option<String>, ApiError> {
    save_dialog::save(
        &app,
        save_dialog::WORD,
        backend.docx_file_name(&id, round)?,
        |path| backend.write_docx(&id, round, path, Timestamp::now()),
    )
}

/// Asks where to save the redline as a Word file with tracked changes and writes it.
#[tauri::command(async)]
pub fn export_redline_docx(
    app: tauri::AppHandle,
    backend: State<'_, Backend>,
    id: String,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<Option<String>, ApiError> {
    save_dialog::save(
        &app,
        save_dialog::REDLINE_WORD,
        backend.redline_docx_file_name(&id, from, to)?,
        |path| backend.write_redline_docx(&id, from, to, path, Timestamp::now()),
    )
}

/// Imports the other side's Word reply (the file the user picked, read by the window) as
/// their next round; `answers` is the round the user confirmed for a file that lost its
/// SLA Studio properties.
#[tauri::command(async)]
pub fn import_word_reply(
    backend: State<'_, Backend>,
    id: String,
    file_name: String,
    bytes: Vec<u8>,
    answers: Option<u32>,
) -> Result<WordImport, ApiError> {
    backend.import_word_reply(&id, &bytes, &file_name, answers, Timestamp::now())
}
