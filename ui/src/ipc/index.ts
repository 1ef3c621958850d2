// The only module that talks to Tauri. One typed function per command; a rejected call
// always becomes an ApiError {code, message}.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  AddClause,
  AgreementRecord,
  AgreementSummary,
  AgreementView,
  ChangeRef,
  ComingUp,
  CommentTarget,
  Decision,
  Review,
  ApiError,
  CreditOwed,
  ErrorCode,
  ImportedRounds,
  ImportRequest,
  KeyDate,
  LibraryClause,
  MeasureRequest,
  Measurement,
  MeasurementDocument,
  MoveDirection,
  NewAgreement,
  PaperSize,
  PartiesUpdate,
  PdfProgress,
  PdfRequest,
  Preview,
  TemplateInfo,
  TemplateRequest,
  WordImport,
  WorkspaceInfo,
} from "./bindings";

export type * from "./bindings";

/** Every code the core sends; a `Record` so the compiler notices a code added in Rust. */
const ERROR_CODES: Record<ErrorCode, true> = {
  not_found: true,
  invalid_input: true,
  conflict: true,
  storage: true,
  workspace_unavailable: true,
  key_changed: true,
  internal: true,
};

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return (
    typeof candidate.message === "string" &&
    typeof candidate.code === "string" &&
    Object.prototype.hasOwnProperty.call(ERROR_CODES, candidate.code)
  );
}

export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) return reason;
  const message = reason instanceof Error ? reason.message : String(reason);
  return { code: "internal", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export const workspaceInfo = () => call<WorkspaceInfo>("workspace_info");
export const listAgreements = () => call<AgreementSummary[]>("list_agreements");
export const createAgreement = (request: NewAgreement) =>
  call<AgreementSummary>("create_agreement", { request });
export const openAgreement = (id: string) => call<AgreementRecord>("open_agreement", { id });
export const renameAgreement = (id: string, title: string) =>
  call<AgreementSummary>("rename_agreement", { id, title });
export const deleteAgreement = (id: string) => call<null>("delete_agreement", { id });
export const listTemplates = () => call<TemplateInfo[]>("list_templates");
export const createFromTemplate = (request: TemplateRequest) =>
  call<AgreementSummary>("create_from_template", { request });
export const agreementView = (id: string) => call<AgreementView>("agreement_view", { id });
export const setTerm = (id: string, term: string, value: string) =>
  call<AgreementView>("set_term", { id, term, value });
export const setTermTable = (id: string, term: string, rows: string[][]) =>
  call<AgreementView>("set_term_table", { id, term, rows });
export const creditOwed = (id: string, achieved: string) => call<CreditOwed>("credit_owed", { id, achieved });
export const libraryClauses = () => call<LibraryClause[]>("library_clauses");
export const setClauseText = (id: string, clause: string, heading: string, text: string) =>
  call<AgreementView>("set_clause_text", { id, clause, heading, text });
export const addClause = (id: string, request: AddClause) => call<AgreementView>("add_clause", { id, request });
export const removeClause = (id: string, clause: string) => call<AgreementView>("remove_clause", { id, clause });
export const moveClause = (id: string, clause: string, direction: MoveDirection) =>
  call<AgreementView>("move_clause", { id, clause, direction });
export const setParties = (id: string, update: PartiesUpdate) =>
  call<AgreementView>("set_parties", { id, update });
export const undo = (id: string) => call<AgreementView>("undo", { id });
export const redo = (id: string) => call<AgreementView>("redo", { id });
export const importMarkdown = (request: ImportRequest) =>
  call<AgreementSummary>("import_markdown", { request });
export const proposeRound = (id: string, message: string) => call<AgreementView>("propose_round", { id, message });
/** Imports the other side's package; `trustedKey` is a new key of theirs the user checked. */
export const importPackage = (text: string, trustedKey: string | null = null) =>
  call<ImportedRounds>("import_package", { text, trustedKey });
/** Opens the system's save dialog (suggesting the core's file name) and writes the package
 * there; null when cancelled. */
export const exportPackage = (id: string) => call<string | null>("export_package", { id });
/** Opens the system's save dialog and writes a round (the latest when `round` is null, the draft
 * when there is none) as a Word file; null when cancelled. */
export const exportDocx = (id: string, round: number | null) => call<string | null>("export_docx", { id, round });
/** Opens the system's save dialog and writes the redline between two versions (null: the draft)
 * as a Word file with tracked changes; null when cancelled. */
export const exportRedlineDocx = (id: string, from: number | null, to: number | null) =>
  call<string | null>("export_redline_docx", { id, from, to });
/** Opens the system's save dialog and writes the PDF there, telling `onProgress` as pages are
 * drawn; null when cancelled. */
export const exportPdf = (
  id: string,
  request: PdfRequest,
  paper: PaperSize,
  onProgress: (progress: PdfProgress) => void = () => {},
) => {
  const channel = new Channel<PdfProgress>();
  channel.onmessage = onProgress;
  return call<string | null>("export_pdf", { id, request, paper, onProgress: channel });
};
/** The first pages of that PDF, as the core lays them out. */
export const pdfPreview = (id: string, request: PdfRequest, paper: PaperSize) =>
  call<Preview>("pdf_preview", { id, request, paper });
/** The redline with what the draft holds for each change. */
export const review = (id: string, from: number | null, to: number | null) =>
  call<Review>("review", { id, from, to });
export const decide = (id: string, from: number, to: number, change: ChangeRef, decision: Decision) =>
  call<AgreementView>("decide", { id, from, to, change, decision });
export const decideAll = (id: string, from: number, to: number, decision: Decision) =>
  call<AgreementView>("decide_all", { id, from, to, decision });
export const acceptRound = (id: string) => call<AgreementView>("accept_round", { id });
export const addComment = (id: string, target: CommentTarget, text: string) =>
  call<AgreementView>("add_comment", { id, target, text });
export const removeComment = (id: string, seq: number) => call<AgreementView>("remove_comment", { id, seq });
/** Measures the agreed version against the provider's incident log (and ticket export). */
export const measure = (id: string, request: MeasureRequest) => call<Measurement>("measure", { id, request });
export const keyDates = (id: string) => call<KeyDate[]>("key_dates", { id });
/** Key dates of every agreed agreement in the weeks ahead. */
export const comingUp = () => call<ComingUp[]>("coming_up");
/** Opens the system's save dialog and writes the report or claim letter there; null when cancelled. */
export const exportMeasurement = (
  id: string,
  request: MeasureRequest,
  document: MeasurementDocument,
  paper: PaperSize,
) => call<string | null>("export_measurement", { id, request, document, paper });
/** Opens the system's save dialog and writes the key dates as an iCalendar file. */
export const exportCalendar = (id: string) => call<string | null>("export_calendar", { id });
/**
 * Imports the other side's Word reply (the file's bytes) as their next round; `answers` is the
 * round the user confirmed for a file that lost its SLA Studio properties.
 */
export const importWordReply = (id: string, fileName: string, bytes: number[], answers: number | null = null) =>
  call<WordImport>("import_word_reply", { id, fileName, bytes, answers });
