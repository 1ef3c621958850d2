import type { ChangeRef, CommentTarget, Decision, PendingComment, Review } from "../ipc";
import { CommentList } from "./Comments";
import { DecideChange } from "./DecideChange";
import { RedlineTable } from "./RedlineTable";

type Props = {
  reviewed: Review;
  pending: PendingComment[];
  /** Whether changes can be accepted or rejected here. */
  decidable: boolean;
  onDecide: (change: ChangeRef, decision: Decision) => void;
  onComment: (target: CommentTarget, about: string) => void;
  onRemoveComment: (seq: number) => void;
};

/** The terms that changed, with their meaning on both sides and whom the change favours. */
export function RedlineTerms({ reviewed, pending, decidable, onDecide, onComment, onRemoveComment }: Props) {
  const terms = reviewed.redline.terms;
  if (terms.length === 0) {
    return (
      <p className="muted" data-testid="redline-no-terms">
        No term changed.
      </p>
    );
  }
  return (
    <table className="term-table redline__terms" data-testid="redline-terms">
      <thead>
        <tr>
          <th scope="col">Term</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Favours</th>
          {decidable && <th scope="col">Decision</th>}
        </tr>
      </thead>
      <tbody>
        {terms.map((term, index) => (
          <tr key={term.id} data-testid="redline-term" data-term={term.id}>
            <th scope="row">
              {term.label}
              <CommentList
                target={{ kind: "term", id: term.id }}
                sent={reviewed.comments}
                pending={pending}
                onRemove={onRemoveComment}
              />
              <button
                type="button"
                className="button button--small button--quiet"
                data-testid="comment-term"
                onClick={() => onComment({ kind: "term", id: term.id }, term.label)}
              >
                Comment…
              </button>
            </th>
            <td>
              {term.table ? (
                <RedlineTable table={term.table} side="old" />
              ) : (
                <del className="redline__del">{term.old ?? "—"}</del>
              )}
              {term.old_meaning && <div className="redline__meaning">{term.old_meaning}</div>}
            </td>
            <td>
              {term.table ? (
                <RedlineTable table={term.table} side="new" />
              ) : (
                <ins className="redline__ins">{term.new ?? "—"}</ins>
              )}
              {term.new_meaning && <div className="redline__meaning">{term.new_meaning}</div>}
            </td>
            <td>{term.favours ? `the ${term.favours}` : "—"}</td>
            {decidable && (
              <td>
                <DecideChange
                  state={reviewed.term_states[index] ?? "edited"}
                  testId={`decide-term-${term.id}`}
                  onDecide={(decision) => onDecide({ kind: "term", id: term.id }, decision)}
                />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
