import { StatusBadge } from "../components/StatusBadge";
import { formatTimestamp, roleLabel, roundLabel } from "../format";
import type { AgreementView } from "../ipc";
import { RenameForm } from "./RenameForm";
import type { HistoryWalk } from "./useHistoryShortcuts";

/** What the agreement screen shows beside its side panels. */
export type AgreementMode = "document" | "redline" | "service-levels";

type Props = {
  view: AgreementView;
  mode: AgreementMode;
  onMode: (mode: AgreementMode) => void;
  renaming: boolean;
  onStartRename: () => void;
  onRename: (title: string) => Promise<void>;
  onCancelRename: () => void;
  onDelete: () => void;
  onWalk: (walk: HistoryWalk) => void;
};

/** The agreement's title with its actions, the switch between its views, and its facts. */
export function AgreementHead({
  view,
  mode,
  onMode,
  renaming,
  onStartRename,
  onRename,
  onCancelRename,
  onDelete,
  onWalk,
}: Props) {
  const { summary, agreement } = view.record;
  return (
    <section className="agreement-head" aria-label="Agreement">
      {renaming ? (
        <RenameForm initial={agreement.title} onSave={onRename} onCancel={onCancelRename} />
      ) : (
        <div className="agreement-head__row">
          <h1 data-testid="agreement-title">{agreement.title}</h1>
          <div className="agreement-head__actions">
            <HistoryButtons history={view.history} onWalk={onWalk} />
            <button type="button" className="button" data-testid="rename" onClick={onStartRename}>
              Rename
            </button>
            <button type="button" className="button" data-testid="delete" onClick={onDelete}>
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
            onClick={() => onMode("document")}
          >
            Draft
          </button>
          <button
            type="button"
            className="button button--small"
            aria-pressed={mode === "redline"}
            data-testid="show-redline"
            onClick={() => onMode("redline")}
          >
            Redline
          </button>
          {summary.status === "agreed" && (
            <button
              type="button"
              className="button button--small"
              aria-pressed={mode === "service-levels"}
              data-testid="show-service-levels"
              onClick={() => onMode("service-levels")}
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
  );
}

/** Undo and Redo, each naming the edit it would walk over. */
function HistoryButtons({ history, onWalk }: { history: AgreementView["history"]; onWalk: (walk: HistoryWalk) => void }) {
  return (
    <div className="history-buttons" role="group" aria-label="History">
      <button
        type="button"
        className="button"
        data-testid="undo"
        disabled={!history.undo}
        title={history.undo ? `Undo ${history.undo} (Ctrl+Z)` : "Nothing to undo"}
        onClick={() => onWalk("undo")}
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="button"
        data-testid="redo"
        disabled={!history.redo}
        title={history.redo ? `Redo ${history.redo} (Ctrl+Shift+Z)` : "Nothing to redo"}
        onClick={() => onWalk("redo")}
      >
        ↷ Redo
      </button>
    </div>
  );
}
