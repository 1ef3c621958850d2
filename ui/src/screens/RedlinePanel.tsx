import { useEffect, useState } from "react";
import { roleLabel } from "../format";
import { type ApiError, type ClauseChange, type Redline, type RoundSummary, redline } from "../ipc";

type Props = {
  id: string;
  rounds: RoundSummary[];
  onError: (error: ApiError) => void;
};

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
export function RedlinePanel({ id, rounds, onError }: Props) {
  const latest = rounds.at(-1)?.number ?? null;
  const [from, setFrom] = useState<Version>(latest !== null && latest > 1 ? latest - 1 : latest);
  const [to, setTo] = useState<Version>(latest !== null && latest > 1 ? latest : null);
  const [result, setResult] = useState<Redline | null>(null);
  const [showUnchanged, setShowUnchanged] = useState(false);

  useEffect(() => {
    let current = true;
    redline(id, from, to).then(
      (loaded) => current && setResult(loaded),
      (error: ApiError) => current && onError(error),
    );
    return () => {
      current = false;
    };
  }, [id, from, to, onError]);

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

  const shown = (result?.clauses ?? []).filter((c) => showUnchanged || c.kind !== "unchanged");
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
      </div>
      {result === null ? (
        <p className="muted">Comparing…</p>
      ) : (
        <>
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
                </tr>
              </thead>
              <tbody>
                {result.terms.map((term) => (
                  <tr key={term.id} data-testid="redline-term" data-term={term.id}>
                    <th scope="row">{term.label}</th>
                    <td>
                      <del className="redline__del">{term.old ?? "—"}</del>
                      {term.old_meaning && <div className="redline__meaning">{term.old_meaning}</div>}
                    </td>
                    <td>
                      <ins className="redline__ins">{term.new ?? "—"}</ins>
                      {term.new_meaning && <div className="redline__meaning">{term.new_meaning}</div>}
                    </td>
                    <td>{term.favours ? `the ${term.favours}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>
            Clauses <span className="muted">({changedCount} changed)</span>
          </h2>
          {shown.length === 0 && <p className="muted">No clause changed.</p>}
          {shown.map((change) => (
            <ClauseRedline key={`${change.kind}-${change.clause}`} change={change} />
          ))}
        </>
      )}
    </section>
  );
}

function ClauseRedline({ change }: { change: ClauseChange }) {
  const number =
    change.old_number && change.new_number && change.old_number !== change.new_number
      ? `${change.new_number} (was ${change.old_number})`
      : (change.new_number ?? change.old_number ?? "");
  const label = change.kind === "modified" && change.cosmetic ? "Cosmetic changes only" : KIND_LABEL[change.kind];
  return (
    <article
      className={`clause redline__clause redline__clause--${change.kind}`}
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
      {change.old_heading && <p className="muted">Heading was: {change.old_heading}</p>}
      {change.kind === "moved" ? (
        <p className="muted">Moved without changes.</p>
      ) : (
        <p className="clause__text">
          {change.words.pieces.map((piece, index) =>
            piece.kind === "same" ? (
              <span key={index}>{piece.text}</span>
            ) : piece.kind === "deleted" ? (
              <del key={index} className="redline__del">
                {piece.text}
              </del>
            ) : (
              <ins key={index} className="redline__ins">
                {piece.text}
              </ins>
            ),
          )}
        </p>
      )}
    </article>
  );
}
