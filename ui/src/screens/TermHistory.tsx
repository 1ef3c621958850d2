import type { TermHistory as TermHistoryEntry } from "../ipc";

/** How each term's value went from round to round; nothing when no term has a history. */
export function TermHistory({ history }: { history: TermHistoryEntry[] }) {
  if (history.length === 0) return null;
  return (
    <section className="redline__history" aria-label="Term history" data-testid="term-history">
      <h2>Term history</h2>
      <ul className="plain-list">
        {history.map((term) => (
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
  );
}
