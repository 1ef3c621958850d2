import { useEffect, useState } from "react";
import { roleLabel } from "../format";
import { CommentList, OtherComments } from "./Comments";
import { RedlineTable } from "./RedlineTable";
import {
  type AgreementView,
  type ApiError,
  type ChangeRef,
  type ChangeState,
  type ClauseChange,
  type CommentTarget,
  type Decision,
  decide,
  decideAll,
  exportRedlineDocx,
  type PendingComment,
  type Piece,
  type Review,
  type RoundSummary,
  review,
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

const STATE_LABEL: Record<ChangeState, string> = {
  accepted: "Accepted in your draft",
  rejected: "Rejected in your draft",
  edited: "Edited in your draft",
  follows_terms: "Follows its terms",
};

/** Accept / Reject for one change, with what the draft holds now. */
function Decide({
  state,
  onDecide,
  testId,
}: {
  state: ChangeState;
  onDecide: (decision: Decision) => void;
  testId: string;
}) {
  if (state === "follows_terms") return <span className="muted redline__state">{STATE_LABEL[state]}</span>;
  return (
    <span className="redline__decide" data-testid={testId} data-state={state}>
      <span className={`redline__state redline__state--${state}`}>{STATE_LABEL[state]}</span>
      <button
        type="button"
        className="button button--small"
        disabled={state === "accepted"}
        data-testid="accept-change"
        onClick={() => onDecide("accept")}
      >
        Accept
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={state === "rejected"}
        data-testid="reject-change"
        onClick={() => onDecide("reject")}
      >
        Reject
      </button>
    </span>
  );
}

/** A version to compare: a round number, or the working draft. */
type Version = number | null;

const KIND_LABEL: Record<ClauseChange["kind"], string> = {
  unchanged: "Unchanged",
  inserted: "Inserted",
  deleted: "Deleted",
  modified: "Modified",
  moved: "Moved",
  moved_and_modified: "Moved and modified",
};

/** The redline between two versions: changed terms with their meaning, then the clauses. */
export function RedlinePanel({ id, rounds, onError, onDecided, pending, onComment, onRemoveComment, termLabels }: Props) {
  const latest = rounds.at(-1)?.number ?? null;
  const [from, setFrom] = useState<Version>(latest !== null && latest > 1 ? latest - 1 : latest);
  const [to, setTo] = useState<Version>(latest !== null && latest > 1 ? latest : null);
  const [reviewed, setReviewed] = useState<Review | null>(null);
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [sideBySide, setSideBySide] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [savedWord, setSavedWord] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    review(id, from, to).then(
      (loaded) => current && setReviewed(loaded),
      (error: ApiError) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [id, from, to, onError, generation]);

  const result = reviewed?.redline ?? null;
  /** Decisions apply between two rounds, the older first. */
  const decidable = from !== null && to !== null && from < to;

  function decideOne(change: ChangeRef, decision: Decision) {
    if (from === null || to === null) return;
    decide(id, from, to, change, decision).then((view) => {
      onDecided(view);
      setGeneration((g) => g + 1);
    }, onError);
  }

  function decideEvery(decision: Decision) {
    if (from === null || to === null) return;
    decideAll(id, from, to, decision).then((view) => {
      onDecided(view);
      setGeneration((g) => g + 1);
    }, onError);
  }

  const versionSelect = (label: string, value: Version, onChange: (v: Version) => void, testId: string) => (
    <label className="field redline__version">
      <span className="field__label">{label}</span>
      <select
        className="input"
        data-testid={testId}
        value={value === null ? "draft" : String(value)}
        onChange={(event) => onChange(event.target.value === "draft" ? null : Number(event.target.value))}
      >
        {rounds.map((round) => (
          <option key={round.number} value={round.number}>
            Round {round.number} ({roleLabel(round.author).toLowerCase()})
          </option>
        ))}
        <option value="draft">The working draft</option>
      </select>
    </label>
  );

  // Unchanged clauses are hidden unless asked for, except those someone commented on.
  const commented = new Set(
    [...(reviewed?.comments ?? []), ...pending].flatMap((c) => (c.target.kind === "clause" ? [c.target.id] : [])),
  );
  const shown = (result?.clauses ?? []).filter(
    (c) => showUnchanged || c.kind !== "unchanged" || commented.has(c.clause),
  );
  const changedCount = (result?.clauses ?? []).filter((c) => c.kind !== "unchanged").length;

  return (
    <section className="panel document redline" aria-label="Redline" data-testid="redline">
      <div className="redline__bar">
        {versionSelect("From", from, setFrom, "redline-from")}
        <span aria-hidden="true">→</span>
        {versionSelect("To", to, setTo, "redline-to")}
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
          onClick={() => exportRedlineDocx(id, from, to).then((path) => path && setSavedWord(path), onError)}
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
      {result === null ? (
        <p className="muted">Comparing…</p>
      ) : (
        <>
          <OtherComments
            sent={reviewed?.comments ?? []}
            pending={pending}
            listedTerms={new Set(result.terms.map((term) => term.id))}
            termLabels={termLabels}
            onComment={onComment}
            onRemove={onRemoveComment}
          />
          <h2>Terms changed</h2>
          {result.terms.length === 0 ? (
            <p className="muted" data-testid="redline-no-terms">
              No term changed.
            </p>
          ) : (
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
                {result.terms.map((term, index) => (
                  <tr key={term.id} data-testid="redline-term" data-term={term.id}>
                    <th scope="row">
                      {term.label}
                      <CommentList
                        target={{ kind: "term", id: term.id }}
                        sent={reviewed?.comments ?? []}
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
                    {decidable && reviewed && (
                      <td>
                        <Decide
                          state={reviewed.term_states[index] ?? "edited"}
                          testId={`decide-term-${term.id}`}
                          onDecide={(decision) => decideOne({ kind: "term", id: term.id }, decision)}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {reviewed && reviewed.history.length > 0 && (
            <section className="redline__history" aria-label="Term history" data-testid="term-history">
              <h2>Term history</h2>
              <ul className="plain-list">
                {reviewed.history.map((term) => (
                  <li key={term.id} data-testid="term-history-item" data-term={term.id}>
                    <strong>{term.label}</strong>:{" "}
                    {term.steps.map((step, index) => (
                      <span key={index}>
                        {index > 0 && " → "}
                        <span className="redline__step">{step.value ?? "(none)"}</span>{" "}
                        <span className="muted">
                          ({step.round === null ? "draft" : `round ${step.round}`}
                          {step.author ? `, ${step.author}` : ""})
                        </span>
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <h2>
            Clauses <span className="muted">({changedCount} changed)</span>
          </h2>
          {changedCount > 0 && (
            <nav className="redline__changes" aria-label="Changed clauses" data-testid="redline-changes">
              {result.clauses
                .filter((c) => c.kind !== "unchanged")
                .map((c) => (
                  <a
                    key={`${c.kind}-${c.clause}`}
                    href={`#redline-${c.kind}-${c.clause}`}
                    onClick={(event) => {
                      event.preventDefault();
                      document.getElementById(`redline-${c.kind}-${c.clause}`)?.scrollIntoView({ block: "start", behavior: "smooth" });
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
            const index = result.clauses.indexOf(change);
            const state = reviewed?.clause_states[index];
            return (
              <ClauseRedline
                key={`${change.kind}-${change.clause}`}
                change={change}
                sideBySide={sideBySide}
                comments={
                  <>
                    <CommentList
                      target={{ kind: "clause", id: change.clause }}
                      sent={reviewed?.comments ?? []}
                      pending={pending}
                      onRemove={onRemoveComment}
                    />
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      data-testid="comment-clause"
                      onClick={() =>
                        onComment({ kind: "clause", id: change.clause }, `clause ${change.new_number ?? change.old_number ?? ""} ${change.heading}`)
                      }
                    >
                      Comment…
                    </button>
                  </>
                }
                decision={
                  decidable && state && change.kind !== "unchanged" ? (
                    <Decide
                      state={state}
                      testId={`decide-clause-${change.clause}`}
                      onDecide={(decision) => decideOne({ kind: "clause", id: change.clause }, decision)}
                    />
                  ) : null
                }
              />
            );
          })}
        </>
      )}
    </section>
  );
}

function ClauseRedline({
  change,
  decision,
  comments,
  sideBySide,
}: {
  change: ClauseChange;
  sideBySide: boolean;
  decision: React.ReactNode;
  comments: React.ReactNode;
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
