import { type FormEvent, useState } from "react";
import { Modal } from "../components/Modal";
import { roleLabel } from "../format";
import type { CommentTarget, PendingComment, RoundComment } from "../ipc";

function sameTarget(a: CommentTarget, b: CommentTarget): boolean {
  return a.kind === b.kind && (a.kind === "agreement" || (b.kind !== "agreement" && a.id === b.id));
}

/** The comments on one clause or term: those rounds carried, then ours not yet sent. */
export function CommentList({
  target,
  sent,
  pending,
  onRemove,
}: {
  target: CommentTarget;
  sent: RoundComment[];
  pending: PendingComment[];
  onRemove: (seq: number) => void;
}) {
  const ours = pending.filter((c) => sameTarget(c.target, target));
  const theirs = sent.filter((c) => sameTarget(c.target, target));
  if (ours.length === 0 && theirs.length === 0) return null;
  return (
    <ul className="plain-list comments" data-testid="comments">
      {theirs.map((comment, index) => (
        <li key={`sent-${index}`} className="comment" data-testid="comment">
          <span className="comment__who">
            Round {comment.round}, {roleLabel(comment.author).toLowerCase()}:
          </span>{" "}
          {comment.text}
        </li>
      ))}
      {ours.map((comment) => (
        <li key={`pending-${comment.seq}`} className="comment comment--pending" data-testid="pending-comment">
          <span className="comment__who">Your comment (goes with your next round):</span> {comment.text}{" "}
          <button type="button" className="button button--small button--quiet" onClick={() => onRemove(comment.seq)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Comments the clause and term rows of a redline do not show: those on the agreement as a
 * whole (with a button to write one), and those on terms that did not change.
 */
export function OtherComments({
  sent,
  pending,
  listedTerms,
  termLabels,
  onComment,
  onRemove,
}: {
  sent: RoundComment[];
  pending: PendingComment[];
  /** Terms the redline lists (their comments show there). */
  listedTerms: Set<string>;
  termLabels: Map<string, string>;
  onComment: (target: CommentTarget, about: string) => void;
  onRemove: (seq: number) => void;
}) {
  const otherTerms = [
    ...new Set(
      [...sent, ...pending].flatMap((c) =>
        c.target.kind === "term" && !listedTerms.has(c.target.id) ? [c.target.id] : [],
      ),
    ),
  ];
  return (
    <section className="redline__comments" data-testid="other-comments">
      <h2>On the agreement as a whole</h2>
      <CommentList target={{ kind: "agreement" }} sent={sent} pending={pending} onRemove={onRemove} />
      <button
        type="button"
        className="button button--small button--quiet"
        data-testid="comment-agreement"
        onClick={() => onComment({ kind: "agreement" }, "the agreement as a whole")}
      >
        Comment on the agreement…
      </button>
      {otherTerms.map((term) => (
        <div key={term} className="redline__term-comments" data-testid="unchanged-term-comments">
          <h3>{termLabels.get(term) ?? term} (unchanged)</h3>
          <CommentList target={{ kind: "term", id: term }} sent={sent} pending={pending} onRemove={onRemove} />
        </div>
      ))}
    </section>
  );
}

/** Writes a comment on a clause, a term or the whole agreement. */
export function CommentDialog({
  about,
  onSave,
  onClose,
}: {
  /** `clause 2.1 Availability`, `Availability target`. */
  about: string;
  /** Saves; resolves to the reason when refused. */
  onSave: (text: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(await onSave(text));
  }

  return (
    <Modal title={`Comment on ${about}`} onClose={onClose} testId="comment-dialog">
      <form className="dialog-form" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">The other side receives it with your next round.</p>
        <textarea
          className="input textarea"
          rows={4}
          data-autofocus
          aria-label="Comment"
          data-testid="comment-text"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" data-testid="comment-save">
            Add comment
          </button>
        </div>
      </form>
    </Modal>
  );
}
