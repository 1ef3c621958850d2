import type { Finding } from "../ipc";

type Props = {
  findings: Finding[];
  onGoToClause: (clause: string) => void;
};

/** What a careful reviewer would raise, errors first; each jumps to its clause. */
export function ChecksPanel({ findings, onGoToClause }: Props) {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  return (
    <section className="panel" aria-labelledby="checks-title" data-testid="checks-panel">
      <h2 className="panel__title" id="checks-title">
        Checks
      </h2>
      <p className="muted" data-testid="checks-summary">
        {findings.length === 0
          ? "No errors or warnings."
          : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`}
      </p>
      <ul className="finding-list">
        {findings.map((finding, index) => (
          <li key={index} className={`finding finding--${finding.severity}`} data-testid="finding">
            <span className={`badge badge--${finding.severity}`}>{finding.severity}</span>
            <p>{finding.message}</p>
            {finding.clause && (
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => onGoToClause(finding.clause ?? "")}
              >
                Go to clause
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
