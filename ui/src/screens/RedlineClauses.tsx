import type { ChangeRef, CommentTarget, Decision, PendingComment, Review } from "../ipc";
import { ClauseRedline, KIND_LABEL } from "./ClauseRedline";
import { CommentList } from "./Comments";
import { DecideChange } from "./DecideChange";
import { scrollToId } from "./scrollTo";

type Props = {
  reviewed: Review;
  pending: PendingComment[];
  showUnchanged: boolean;
  sideBySide: boolean;
  /** Whether changes can be accepted or rejected here. */
  decidable: boolean;
  onDecide: (change: ChangeRef, decision: Decision) => void;
  onComment: (target: CommentTarget, about: string) => void;
  onRemoveComment: (seq: number) => void;
};

/** The clauses of the redline: links to those that changed, then each clause shown. */
export function RedlineClauses({
  reviewed,
  pending,
  showUnchanged,
  sideBySide,
  decidable,
  onDecide,
  onComment,
  onRemoveComment,
}: Props) {
  const clauses = reviewed.redline.clauses;
  // Unchanged clauses are hidden unless asked for, except those someone commented on.
  const commented = new Set(
    [...reviewed.comments, ...pending].flatMap((c) => (c.target.kind === "clause" ? [c.target.id] : [])),
  );
  const shown = clauses.filter((c) => showUnchanged || c.kind !== "unchanged" || commented.has(c.clause));
  const changedCount = clauses.filter((c) => c.kind !== "unchanged").length;

  return (
    <>
      <h2>
        Clauses <span className="muted">({changedCount} changed)</span>
      </h2>
      {changedCount > 0 && (
        <nav className="redline__changes" aria-label="Changed clauses" data-testid="redline-changes">
          {clauses
            .filter((c) => c.kind !== "unchanged")
            .map((c) => (
              <a
                key={`${c.kind}-${c.clause}`}
                href={`#redline-${c.kind}-${c.clause}`}
                onClick={(event) => {
                  event.preventDefault();
                  scrollToId(`redline-${c.kind}-${c.clause}`);
                }}
              >
                {c.new_number ?? c.old_number} {c.heading}{" "}
                <span className={`badge redline__badge redline__badge--${c.kind}`}>{KIND_LABEL[c.kind]}</span>
              </a>
            ))}
        </nav>
      )}
      {shown.length === 0 && <p className="muted">No clause changed.</p>}
      {shown.map((change) => {
        const index = clauses.indexOf(change);
        const state = reviewed.clause_states[index];
        return (
          <ClauseRedline
            key={`${change.kind}-${change.clause}`}
            change={change}
            sideBySide={sideBySide}
            comments={
              <>
                <CommentList
                  target={{ kind: "clause", id: change.clause }}
                  sent={reviewed.comments}
                  pending={pending}
                  onRemove={onRemoveComment}
                />
                <button
                  type="button"
                  className="button button--small button--quiet"
                  data-testid="comment-clause"
                  onClick={() =>
                    onComment(
                      { kind: "clause", id: change.clause },
                      `clause ${change.new_number ?? change.old_number ?? ""} ${change.heading}`,
                    )
                  }
                >
                  Comment…
                </button>
              </>
            }
            decision={
              decidable && state && change.kind !== "unchanged" ? (
                <DecideChange
                  state={state}
                  testId={`decide-clause-${change.clause}`}
                  onDecide={(decision) => onDecide({ kind: "clause", id: change.clause }, decision)}
                />
              ) : null
            }
          />
        );
      })}
    </>
  );
}
