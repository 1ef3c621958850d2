import type { DocumentSection, TextSegment } from "../ipc";

type Props = {
  document: DocumentSection[];
  labels: Record<string, string>;
  onTermClick: (term: string) => void;
};

/** The agreement as its reader sees it, with each quoted term shown as a chip. */
export function DocumentPanel({ document, labels, onTermClick }: Props) {
  if (document.length === 0) {
    return (
      <section className="panel document" aria-label="Document">
        <p className="muted">No clauses yet — start an agreement from a template to draft its clauses.</p>
      </section>
    );
  }
  return (
    <section className="panel document" aria-label="Document" data-testid="document">
      {document.map((section) => (
        <section key={section.id} className="document__section">
          <h2>
            {section.number}. {section.heading}
          </h2>
          {section.clauses.map((clause) => (
            <article key={clause.id} id={`clause-${clause.id}`} className="clause" tabIndex={-1} data-testid="clause">
              <h3>
                {clause.number} {clause.heading}
              </h3>
              {clause.paragraphs.map((paragraph, index) => (
                <Paragraph key={index} segments={paragraph} labels={labels} onTermClick={onTermClick} />
              ))}
            </article>
          ))}
        </section>
      ))}
    </section>
  );
}

function Paragraph({
  segments,
  labels,
  onTermClick,
}: {
  segments: TextSegment[];
  labels: Record<string, string>;
  onTermClick: (term: string) => void;
}) {
  const only = segments.length === 1 ? segments[0] : undefined;
  if (only?.kind === "term" && only.table) {
    return (
      <table className="term-table" data-term={only.term}>
        <thead>
          <tr>
            {only.table.header.map((cell) => (
              <th key={cell} scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {only.table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <p className="clause__text">
      {segments.map((segment, index) =>
        segment.kind === "text" ? (
          <span key={index}>{segment.text}</span>
        ) : (
          <button
            key={index}
            type="button"
            className="term-chip"
            data-term={segment.term}
            data-testid="term-chip"
            title={`${labels[segment.term] ?? segment.term} — edit in Terms`}
            onClick={() => onTermClick(segment.term)}
          >
            {segment.text}
          </button>
        ),
      )}
    </p>
  );
}
