import { useCallback, useState } from "react";
import {
  type AddClause,
  type ApiError,
  acceptRound,
  addClause,
  addComment,
  type CommentTarget,
  deleteAgreement,
  exportDocx,
  exportPackage,
  exportPdf,
  pdfPreview,
  type MoveDirection,
  moveClause,
  removeComment,
  removeClause,
  setClauseText,
  setParties,
  setTerm,
  setTermTable,
  type PaperSize,
  type PdfRequest,
} from "../ipc";
import { AcceptDialog } from "./AcceptDialog";
import { AddClauseDialog } from "./AddClauseDialog";
import { type AgreementMode, AgreementHead } from "./AgreementHead";
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
import { TermsPanel } from "./TermsPanel";
import { focusTerm, goToClause } from "./scrollTo";
import { useAgreement } from "./useAgreement";
import { type HistoryWalk, useHistoryShortcuts } from "./useHistoryShortcuts";

type Props = {
  id: string;
  onBack: () => void;
  onDeleted: () => void;
  onError: (error: ApiError) => void;
};

export function AgreementView({ id, onBack, onDeleted, onError }: Props) {
  const { view, setView, fail, reload, applyEdit, propose, rename, askCredit, walkHistory } = useAgreement(
    id,
    onBack,
    onError,
  );
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editingParties, setEditingParties] = useState(false);
  const [proposing, setProposing] = useState(false);
  const [mode, setMode] = useState<AgreementMode>("document");
  const [exported, setExported] = useState<string | null>(null);
  const [exportingPdf, setExportingPdf] = useState(false);
  const [importingWord, setImportingWord] = useState(false);
  const previewPdf = useCallback((request: PdfRequest, paper: PaperSize) => pdfPreview(id, request, paper), [id]);
  const [accepting, setAccepting] = useState(false);
  const [commenting, setCommenting] = useState<{ target: CommentTarget; about: string } | null>(null);

  function walk(direction: HistoryWalk) {
    if (!view || (direction === "undo" ? !view.history.undo : !view.history.redo)) return;
    setEditing(null);
    void walkHistory(direction);
  }
  useHistoryShortcuts(walk);

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
      <AgreementHead
        view={view}
        mode={mode}
        onMode={setMode}
        renaming={renaming}
        onStartRename={() => setRenaming(true)}
        onRename={async (title) => {
          if (await rename(title)) setRenaming(false);
        }}
        onCancelRename={() => setRenaming(false)}
        onDelete={() => setConfirmingDelete(true)}
        onWalk={walk}
      />

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
              onSet={(term, value) => applyEdit(() => setTerm(id, term, value))}
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
            onExportWord={() => void exportDocx(id, null).then((path) => path && setExported(path), fail)}
            onImportWord={() => setImportingWord(true)}
            onExport={() => void exportPackage(id).then((path) => path && setExported(path), fail)}
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
            reload(() => setMode("redline"));
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
        <AcceptDialog
          round={view.record.rounds.at(-1)?.number}
          onCancel={() => setAccepting(false)}
          onAccept={() => {
            setAccepting(false);
            acceptRound(id).then(setView, fail);
          }}
        />
      )}
      {proposing && (
        <ProposeDialog
          nextRound={(view.record.rounds.at(-1)?.number ?? 0) + 1}
          onClose={() => setProposing(false)}
          onPropose={(message) => propose(message, () => setProposing(false))}
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
