import { useEffect, useState } from "react";
import { StatusBadge } from "../components/StatusBadge";
import { formatTimestamp, roleLabel, roundLabel } from "../format";
import {
  type AgreementView as View,
  type ApiError,
  agreementView,
  type CreditOwed,
  creditOwed,
  deleteAgreement,
  renameAgreement,
  setTerm,
} from "../ipc";
import { PartiesPanel, RoundsPanel } from "./AgreementPanels";
import { ChecksPanel } from "./ChecksPanel";
import { CreditPanel } from "./CreditPanel";
import { DeleteAgreementDialog } from "./DeleteAgreementDialog";
import { DocumentPanel } from "./DocumentPanel";
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
  const labels = Object.fromEntries(view.terms.map((t) => [t.id, t.label]));

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
              <button type="button" className="button" data-testid="rename" onClick={() => setRenaming(true)}>
                Rename
              </button>
              <button type="button" className="button" data-testid="delete" onClick={() => setConfirmingDelete(true)}>
                Delete
              </button>
            </div>
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

      <div className="editor">
        <DocumentPanel document={view.document} labels={labels} onTermClick={focusTerm} />
        <aside className="editor__side">
          <ChecksPanel findings={view.findings} onGoToClause={goToClause} />
          <TermsPanel terms={view.terms} onSet={saveTerm} />
          {view.credit_chart && <CreditPanel chart={view.credit_chart} onAsk={askCredit} />}
          <PartiesPanel agreement={agreement} />
          <RoundsPanel rounds={view.record.rounds} />
        </aside>
      </div>

      {confirmingDelete && (
        <DeleteAgreementDialog title={agreement.title} onCancel={() => setConfirmingDelete(false)} onConfirm={remove} />
      )}
    </>
  );
}
