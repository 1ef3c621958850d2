import { useState } from "react";
import { OtherComments } from "./Comments";
import { RedlineClauses } from "./RedlineClauses";
import { RedlineTerms } from "./RedlineTerms";
import { TermHistory } from "./TermHistory";
import { VersionSelect } from "./VersionSelect";
import { useRedlineReview } from "./useRedlineReview";
import {
  type AgreementView,
  type ApiError,
  type CommentTarget,
  exportRedlineDocx,
  type PendingComment,
  type RoundSummary,
} from "../ipc";

type Props = {
  id: string;
  rounds: RoundSummary[];
  onError: (error: ApiError) => void;
  /** A decision changed the draft. */
  onDecided: (view: AgreementView) => void;
  pending: PendingComment[];
  onComment: (target: CommentTarget, about: string) => void;
  onRemoveComment: (seq: number) => void;
  /** Term labels by id, for comments on terms this redline does not list. */
  termLabels: Map<string, string>;
};

/** The redline between two versions: changed terms with their meaning, then the clauses. */
export function RedlinePanel({ id, rounds, onError, onDecided, pending, onComment, onRemoveComment, termLabels }: Props) {
  const { from, setFrom, to, setTo, reviewed, decidable, decideOne, decideEvery } = useRedlineReview(
    id,
    rounds,
    onError,
    onDecided,
  );
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [sideBySide, setSideBySide] = useState(false);
  const [savedWord, setSavedWord] = useState<string | null>(null);

  return (
    <section className="panel document redline" aria-label="Redline" data-testid="redline">
      <div className="redline__bar">
        <VersionSelect label="From" rounds={rounds} value={from} onChange={setFrom} testId="redline-from" />
        <span aria-hidden="true">→</span>
        <VersionSelect label="To" rounds={rounds} value={to} onChange={setTo} testId="redline-to" />
        <label className="choice redline__toggle">
          <input
            type="checkbox"
            checked={showUnchanged}
            data-testid="redline-show-unchanged"
            onChange={(event) => setShowUnchanged(event.target.checked)}
          />
          Show unchanged clauses
        </label>
        <label className="choice redline__toggle-inline">
          <input
            type="checkbox"
            checked={sideBySide}
            data-testid="redline-side-by-side"
            onChange={(event) => setSideBySide(event.target.checked)}
          />
          Side by side
        </label>
        <button
          type="button"
          className="button button--small"
          data-testid="redline-word"
          title="The redline as a Word file whose changes are tracked changes (Review → Accept/Reject in Word)"
          onClick={() => void exportRedlineDocx(id, from, to).then((path) => path && setSavedWord(path), onError)}
        >
          Export for Word…
        </button>
      </div>
      {savedWord && (
        <p className="muted" role="status" data-testid="redline-word-saved">
          Saved to <span className="mono">{savedWord}</span>
        </p>
      )}
      {decidable && (
        <div className="redline__all">
          <span className="muted">Your draft takes what you accept from round {to} and keeps round {from} where you reject.</span>
          <button type="button" className="button button--small" data-testid="accept-all" onClick={() => decideEvery("accept")}>
            Accept all
          </button>
          <button type="button" className="button button--small" data-testid="reject-all" onClick={() => decideEvery("reject")}>
            Reject all
          </button>
        </div>
      )}
      {reviewed === null ? (
        <p className="muted">Comparing…</p>
      ) : (
        <>
          <OtherComments
            sent={reviewed.comments}
            pending={pending}
            listedTerms={new Set(reviewed.redline.terms.map((term) => term.id))}
            termLabels={termLabels}
            onComment={onComment}
            onRemove={onRemoveComment}
          />
          <h2>Terms changed</h2>
          <RedlineTerms
            reviewed={reviewed}
            pending={pending}
            decidable={decidable}
            onDecide={decideOne}
            onComment={onComment}
            onRemoveComment={onRemoveComment}
          />
          <TermHistory history={reviewed.history} />
          <RedlineClauses
            reviewed={reviewed}
            pending={pending}
            showUnchanged={showUnchanged}
            sideBySide={sideBySide}
            decidable={decidable}
            onDecide={decideOne}
            onComment={onComment}
            onRemoveComment={onRemoveComment}
          />
        </>
      )}
    </section>
  );
}
