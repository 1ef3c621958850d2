import type { ReactNode } from "react";
import type { ClauseChange, Piece } from "../ipc";

/** What happened to a clause between the two versions. */
export const KIND_LABEL: Record<ClauseChange["kind"], string> = {
  unchanged: "Unchanged",
  inserted: "Inserted",
  deleted: "Deleted",
  modified: "Modified",
  moved: "Moved",
  moved_and_modified: "Moved and modified",
};

/** One clause of the redline: its words with the changes marked, its comments and the decision on it. */
export function ClauseRedline({
  change,
  decision,
  comments,
  sideBySide,
}: {
  change: ClauseChange;
  sideBySide: boolean;
  decision: ReactNode;
  comments: ReactNode;
}) {
  const number =
    change.old_number && change.new_number && change.old_number !== change.new_number
      ? `${change.new_number} (was ${change.old_number})`
      : (change.new_number ?? change.old_number ?? "");
  const label = change.kind === "modified" && change.cosmetic ? "Cosmetic changes only" : KIND_LABEL[change.kind];
  return (
    <article
      className={`clause redline__clause redline__clause--${change.kind}`}
      id={`redline-${change.kind}-${change.clause}`}
      data-testid="redline-clause"
      data-clause={change.clause}
      data-kind={change.kind}
    >
      <div className="clause__head">
        <h3>
          {number} {change.heading}
        </h3>
        <span className={`badge redline__badge redline__badge--${change.kind}`}>{label}</span>
      </div>
      {decision && <div className="redline__clause-decision">{decision}</div>}
      {comments}
      {change.old_heading && <p className="muted">Heading was: {change.old_heading}</p>}
      {change.kind === "moved" ? (
        <p className="muted">Moved without changes.</p>
      ) : sideBySide ? (
        <div className="redline__columns" data-testid="redline-columns">
          <p className="clause__text" aria-label="Before">
            <Pieces pieces={change.words.pieces} leave="inserted" />
          </p>
          <p className="clause__text" aria-label="After">
            <Pieces pieces={change.words.pieces} leave="deleted" />
          </p>
        </div>
      ) : (
        <p className="clause__text">
          <Pieces pieces={change.words.pieces} />
        </p>
      )}
    </article>
  );
}

/** The words of a redline: deletions struck, insertions underlined; `leave` drops one kind. */
function Pieces({ pieces, leave }: { pieces: Piece[]; leave?: "deleted" | "inserted" }) {
  return (
    <>
      {pieces.map((piece, index) =>
        piece.kind === leave ? null : piece.kind === "deleted" ? (
          <del key={index} className="redline__del">
            {piece.text}
          </del>
        ) : piece.kind === "inserted" ? (
          <ins key={index} className="redline__ins">
            {piece.text}
          </ins>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}
