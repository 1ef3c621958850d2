import { useEffect, useState } from "react";
import { StatusBadge } from "../components/StatusBadge";
import { formatTimestamp, roleLabel, roundLabel } from "../format";
import { type AgreementRecord, type ApiError, deleteAgreement, openAgreement, renameAgreement } from "../ipc";
import { DeleteAgreementDialog } from "./DeleteAgreementDialog";
import { ClausesPanel, PartiesPanel, RoundsPanel } from "./AgreementPanels";
import { RenameForm } from "./RenameForm";

type Props = {
  id: string;
  onBack: () => void;
  onDeleted: () => void;
  onError: (error: ApiError) => void;
};

export function AgreementView({ id, onBack, onDeleted, onError }: Props) {
  const [record, setRecord] = useState<AgreementRecord | null>(null);
  const [renaming, setRenaming] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  function fail(error: ApiError) {
    onError(error);
    if (error.code === "not_found") onBack();
  }

  useEffect(() => {
    let current = true;
    openAgreement(id).then(
      (loaded) => current && setRecord(loaded),
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

  if (!record) {
    return (
      <>
        <div>{back}</div>
        <p className="muted" role="status">
          Opening the agreement…
        </p>
      </>
    );
  }

  const { summary, agreement } = record;

  async function rename(title: string) {
    try {
      const renamed = await renameAgreement(id, title);
      setRecord((previous) =>
        previous && {
          ...previous,
          summary: renamed,
          agreement: { ...previous.agreement, title: renamed.title },
        },
      );
      setRenaming(false);
    } catch (error) {
      fail(error as ApiError);
    }
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

      <div className="panels">
        <PartiesPanel agreement={agreement} />
        <RoundsPanel rounds={record.rounds} />
        <ClausesPanel agreement={agreement} />
      </div>

      {confirmingDelete && (
        <DeleteAgreementDialog title={agreement.title} onCancel={() => setConfirmingDelete(false)} onConfirm={remove} />
      )}
    </>
  );
}
