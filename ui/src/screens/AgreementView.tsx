import { useCallback, useEffect, useRef, useState } from "react";
import { Modal } from "../components/Modal";
import { StatusBadge } from "../components/StatusBadge";
import { formatTimestamp, roleLabel, roundLabel } from "../format";
import {
  type AddClause,
  type AgreementView as View,
  type ApiError,
  acceptRound,
  addClause,
  addComment,
  type CommentTarget,
  agreementView,
  type CreditOwed,
  creditOwed,
  deleteAgreement,
  exportDocx,
  exportPackage,
  exportPdf,
  pdfPreview,
  type MoveDirection,
  moveClause,
  proposeRound,
  removeComment,
  redo,
  removeClause,
  renameAgreement,
  setClauseText,
  setParties,
  setTerm,
  setTermTable,
  undo,
  type PaperSize,
  type PdfRequest,
} from "../ipc";
import { AddClauseDialog } from "./AddClauseDialog";
import { PartiesPanel, RoundsPanel } from "./AgreementPanels";
import { PartiesDialog } from "./PartiesDialog";
import { ProposeDialog } from "./ProposeDialog";
import { ImportWordDialog } from "./ImportWordDialog";
import { ServiceLevelsPanel } from "./service-levels/ServiceLevelsPanel";
import { RedlinePanel } from "./RedlinePanel";
import { ChecksPanel } from "./ChecksPanel";
import { CommentDialog } from "./Comments";
import { CreditPanel } from "./CreditPanel";
import { DeleteAgreementDialog } from "./DeleteAgreementDialog";
import { DocumentPanel } from "./DocumentPanel";
import { ExportPdfDialog } from "./ExportPdfDialog";
import { RenameForm } from "./RenameForm";
import { TermsPanel } from "./TermsPanel";

type Props = {
  id: string;
  onBack: () => void;
  onDeleted: () => void;
  onError: (error: ApiError) => void;
};

export function AgreementView({ id, onBack, onDeleted, onError }: Props) {
  const [view, setView] = useState<View | null>(null);
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editingParties, setEditingParties] = useState(false);
  const [proposing, setProposing] = useState(false);
  const [mode, setMode] = useState<"document" | "redline" | "service-levels">("document");
  const [exported, setExported] = useState<string | null>(null);
  const [exportingPdf, setExportingPdf] = useState(false);
  const [importingWord, setImportingWord] = useState(false);
  const previewPdf = useCallback((request: PdfRequest, paper: PaperSize) => pdfPreview(id, request, paper), [id]);
  const [accepting, setAccepting] = useState(false);
  const [commenting, setCommenting] = useState<{ target: CommentTarget; about: string } | null>(null);
  const historyRef = useRef<(walk: "undo" | "redo") => void>(() => {});

  function fail(error: ApiError) {
    onError(error);
    if (error.code === "not_found") onBack();
  }

  useEffect(() => {
    let current = true;
    agreementView(id).then(
      (loaded) => current && setView(loaded),
      (error: ApiError) => current && fail(error),
    );
    return () => {
      current = false;
    };
    // Loads once per id; `fail` only forwards to App's stable callbacks.
  }, [id]);

  // Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo draft edits, except while typing in a
  // field or the clause editor, which have their own undo.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable='true']")) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        historyRef.current("undo");
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        historyRef.current("redo");
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const back = (
    <button type="button" className="button button--quiet" data-testid="back-home" onClick={onBack}>
      ← Agreements
    </button>
  );

  if (!view) {
    return (
      <>
        <div>{back}</div>
        <p className="muted" role="status">
          Opening the agreement…
        </p>
      </>
    );
  }

  const { summary, agreement } = view.record;
  const locked = summary.status === "agreed";

  async function rename(title: string) {
    try {
      const renamed = await renameAgreement(id, title);
      setView(
        (previous) =>
          previous && {
            ...previous,
            record: {
              ...previous.record,
              summary: renamed,
              agreement: { ...previous.record.agreement, title: renamed.title },
            },
          },
      );
      setRenaming(false);
    } catch (error) {
      fail(error as ApiError);
    }
  }

  async function saveTerm(term: string, value: string): Promise<string | null> {
    try {
      setView(await setTerm(id, term, value));
      return null;
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "invalid_input") return apiError.message;
      fail(apiError);
      return null;
    }
  }

  async function askCredit(achieved: string): Promise<CreditOwed | string> {
    try {
      return await creditOwed(id, achieved);
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code !== "invalid_input") fail(apiError);
      return apiError.message;
    }
  }

  /** Runs an edit that returns the new view; refusals of what the user typed come back as text. */
  async function applyEdit(edit: () => Promise<View>): Promise<string | null> {
    try {
      setView(await edit());
      return null;
    } catch (error) {
      const apiError = error as ApiError;
      if (apiError.code === "invalid_input") return apiError.message;
      fail(apiError);
      return null;
    }
  }

  async function saveClause(clause: string, heading: string, text: string): Promise<string | null> {
    const refused = await applyEdit(() => setClauseText(id, clause, heading, text));
    if (refused === null) setEditing(null);
    return refused;
  }

  async function add(request: AddClause): Promise<string | null> {
    const refused = await applyEdit(() => addClause(id, request));
    if (refused === null) {
      setAdding(false);
      requestAnimationFrame(() => goToClause(request.clause));
    }
    return refused;
  }

  async function walkHistory(walk: "undo" | "redo") {
    if (!view || (walk === "undo" ? !view.history.undo : !view.history.redo)) return;
    setEditing(null);
    try {
      setView(await (walk === "undo" ? undo(id) : redo(id)));
    } catch (error) {
      const apiError = error as ApiError;
      fail(apiError);
      if (apiError.code === "conflict") agreementView(id).then(setView, fail);
    }
  }
  historyRef.current = walkHistory;

  const clauseActions = {
    onSaveText: saveClause,
    onMove: (clause: string, direction: MoveDirection) => {
      void applyEdit(() => moveClause(id, clause, direction)).then(() =>
        requestAnimationFrame(() => goToClause(clause)),
      );
    },
    onRemove: (clause: string) => {
      void applyEdit(() => removeClause(id, clause));
    },
    onAdd: () => setAdding(true),
    onComment: (clause: string, about: string) => setCommenting({ target: { kind: "clause", id: clause }, about }),
  };

  function focusTerm(term: string) {
    document.getElementById(`term-input-${term}`)?.focus();
  }

  function goToClause(clause: string) {
    const element = document.getElementById(`clause-${clause}`);
    element?.scrollIntoView({ block: "start", behavior: "smooth" });
    element?.focus({ preventScroll: true });
  }

  async function remove() {
    try {
      await deleteAgreement(id);
      onDeleted();
    } catch (error) {
      setConfirmingDelete(false);
      fail(error as ApiError);
    }
  }

  return (
    <>
      <div>{back}</div>
      <section className="agreement-head" aria-label="Agreement">
        {renaming ? (
          <RenameForm initial={agreement.title} onSave={rename} onCancel={() => setRenaming(false)} />
        ) : (
          <div className="agreement-head__row">
            <h1 data-testid="agreement-title">{agreement.title}</h1>
            <div className="agreement-head__actions">
              <div className="history-buttons" role="group" aria-label="History">
                <button
                  type="button"
                  className="button"
                  data-testid="undo"
                  disabled={!view.history.undo}
                  title={view.history.undo ? `Undo ${view.history.undo} (Ctrl+Z)` : "Nothing to undo"}
                  onClick={() => void walkHistory("undo")}
                >
                  ↶ Undo
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="redo"
                  disabled={!view.history.redo}
                  title={view.history.redo ? `Redo ${view.history.redo} (Ctrl+Shift+Z)` : "Nothing to redo"}
                  onClick={() => void walkHistory("redo")}
                >
                  ↷ Redo
                </button>
              </div>
              <button type="button" className="button" data-testid="rename" onClick={() => setRenaming(true)}>
                Rename
              </button>
              <button type="button" className="button" data-testid="delete" onClick={() => setConfirmingDelete(true)}>
                Delete
              </button>
            </div>
          </div>
        )}
        {view.record.rounds.length > 0 && (
          <div className="view-switch" role="group" aria-label="View">
            <button
              type="button"
              className="button button--small"
              aria-pressed={mode === "document"}
              data-testid="show-document"
              onClick={() => setMode("document")}
            >
              Draft
            </button>
            <button
              type="button"
              className="button button--small"
              aria-pressed={mode === "redline"}
              data-testid="show-redline"
              onClick={() => setMode("redline")}
            >
              Redline
            </button>
            {summary.status === "agreed" && (
              <button
                type="button"
                className="button button--small"
                aria-pressed={mode === "service-levels"}
                data-testid="show-service-levels"
                onClick={() => setMode("service-levels")}
              >
                Service levels
              </button>
            )}
          </div>
        )}
        <div className="facts">
          <StatusBadge status={summary.status} />
          <span>
            We are the <strong>{roleLabel(summary.our_role).toLowerCase()}</strong>
          </span>
          <span>
            Counterparty <strong>{summary.counterparty || "not named yet"}</strong>
          </span>
          <span>{roundLabel(summary.latest_round) === "—" ? "No round yet" : roundLabel(summary.latest_round)}</span>
          <span>Last change {formatTimestamp(summary.updated_at)}</span>
          <span>
            Id{" "}
            <span className="mono" data-testid="agreement-id">
              {agreement.id}
            </span>
          </span>
        </div>
      </section>

      {mode === "service-levels" ? (
        <ServiceLevelsPanel id={id} onError={onError} />
      ) : (
      <div className="editor">
        {mode === "redline" ? (
          <RedlinePanel
            id={id}
            rounds={view.record.rounds}
            onError={onError}
            onDecided={setView}
            pending={view.pending_comments}
            onComment={(target, about) => setCommenting({ target, about })}
            onRemoveComment={(seq) => void applyEdit(() => removeComment(id, seq))}
            termLabels={new Map(view.terms.map((term) => [term.id, term.label]))}
          />
        ) : (
          <fieldset className="lock" disabled={locked}>
            <DocumentPanel
              document={view.document}
              terms={view.terms}
              editing={editing}
              onEdit={locked ? () => {} : setEditing}
              onTermClick={focusTerm}
              actions={clauseActions}
              locked={locked}
              comments={view.comments}
              pending={view.pending_comments}
              onRemoveComment={(seq) => void applyEdit(() => removeComment(id, seq))}
            />
          </fieldset>
        )}
        <aside className="editor__side">
          <ChecksPanel findings={view.findings} onGoToClause={goToClause} />
          <fieldset className="lock" disabled={locked}>
            <TermsPanel
              terms={view.terms}
              onSet={saveTerm}
              onSetTable={(term, rows) => applyEdit(() => setTermTable(id, term, rows))}
            />
          </fieldset>
          {view.credit_chart && <CreditPanel chart={view.credit_chart} onAsk={askCredit} />}
          <PartiesPanel agreement={agreement} locked={locked} onEdit={() => setEditingParties(true)} />
          <RoundsPanel
            rounds={view.record.rounds}
            partyKeys={view.party_keys}
            ourRole={summary.our_role}
            onPropose={() => setProposing(true)}
            onCompare={() => setMode("redline")}
            exported={exported}
            pendingComments={view.pending_comments.length}
            agreed={summary.status === "agreed"}
            onAccept={() => setAccepting(true)}
            onExportPdf={() => setExportingPdf(true)}
            onExportWord={() => exportDocx(id, null).then((path) => path && setExported(path), fail)}
            onImportWord={() => setImportingWord(true)}
            onExport={() => exportPackage(id).then((path) => path && setExported(path), fail)}
          />
        </aside>
      </div>
      )}

      {exportingPdf && (
        <ExportPdfDialog
          rounds={view.record.rounds}
          agreed={summary.status === "agreed"}
          onExport={(request, paper, onProgress) => exportPdf(id, request, paper, onProgress)}
          onPreview={previewPdf}
          onClose={() => setExportingPdf(false)}
        />
      )}
      {importingWord && (
        <ImportWordDialog
          id={id}
          onClose={() => setImportingWord(false)}
          onImported={() => {
            agreementView(id).then((next) => {
              setView(next);
              setMode("redline");
            }, fail);
          }}
          onError={onError}
        />
      )}
      {commenting && (
        <CommentDialog
          about={commenting.about}
          onClose={() => setCommenting(null)}
          onSave={async (text) => {
            const refused = await applyEdit(() => addComment(id, commenting.target, text));
            if (refused === null) setCommenting(null);
            return refused;
          }}
        />
      )}
      {accepting && (
        <Modal title="Accept as final?" onClose={() => setAccepting(false)} testId="accept-dialog">
          <p>
            Your answer will carry exactly the text of round {view.record.rounds.at(-1)?.number}. With both parties on the
            same text the agreement is <strong>agreed and locked</strong>: no one can change it any more. Send the
            package afterwards so the other side has your acceptance.
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => setAccepting(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="accept-confirm"
              onClick={() => {
                setAccepting(false);
                acceptRound(id).then(setView, fail);
              }}
            >
              Accept as final
            </button>
          </div>
        </Modal>
      )}
      {proposing && (
        <ProposeDialog
          nextRound={(view.record.rounds.at(-1)?.number ?? 0) + 1}
          onClose={() => setProposing(false)}
          onPropose={async (message) => {
            try {
              setView(await proposeRound(id, message));
              setProposing(false);
              return null;
            } catch (error) {
              const apiError = error as ApiError;
              if (apiError.code === "invalid_input" || apiError.code === "conflict") return apiError.message;
              fail(apiError);
              return null;
            }
          }}
        />
      )}
      {editingParties && (
        <PartiesDialog
          agreement={agreement}
          onClose={() => setEditingParties(false)}
          onSave={async (update) => {
            const refused = await applyEdit(() => setParties(id, update));
            if (refused === null) setEditingParties(false);
            return refused;
          }}
        />
      )}
      {adding && (
        <AddClauseDialog
          sections={view.document}
          present={view.document.flatMap((s) => s.clauses.map((c) => c.id))}
          onAdd={add}
          onClose={() => setAdding(false)}
          onError={onError}
        />
      )}
      {confirmingDelete && (
        <DeleteAgreementDialog title={agreement.title} onCancel={() => setConfirmingDelete(false)} onConfirm={remove} />
      )}
    </>
  );
}
