import type {
  DocumentClause,
  DocumentSection,
  MoveDirection,
  PendingComment,
  RoundComment,
  TermRow,
  TextSegment,
} from "../ipc";
import { CommentList } from "./Comments";
import { ClauseEditor } from "./ClauseEditor";

export type ClauseActions = {
  /** Saves a clause's heading and text; resolves to the reason when refused. */
  onSaveText: (clause: string, heading: string, text: string) => Promise<string | null>;
  onMove: (clause: string, direction: MoveDirection) => void;
  onRemove: (clause: string) => void;
  onAdd: () => void;
  onComment: (clause: string, about: string) => void;
};

type Props = {
  document: DocumentSection[];
  terms: TermRow[];
  /** The clause open in the editor, if any. */
  editing: string | null;
  onEdit: (clause: string | null) => void;
  onTermClick: (term: string) => void;
  actions: ClauseActions;
  /** Agreed: shown, not edited. */
  locked?: boolean;
  comments?: RoundComment[];
  pending?: PendingComment[];
  onRemoveComment?: (seq: number) => void;
};

/** The agreement as its reader sees it, each quoted term a chip; a clause opens in place for editing. */
export function DocumentPanel({
  document,
  terms,
  editing,
  onEdit,
  onTermClick,
  actions,
  locked = false,
  comments = [],
  pending = [],
  onRemoveComment = () => {},
}: Props) {
  const labels = Object.fromEntries(terms.map((t) => [t.id, t.label]));
  const addButton = (
    <button type="button" className="button" data-testid="add-clause" onClick={actions.onAdd}>
      + Add clause
    </button>
  );
  if (document.length === 0) {
    return (
      <section className="panel document" aria-label="Document">
        <p className="muted">No clauses yet. Add clauses from the library, or start an agreement from a template.</p>
        {addButton}
      </section>
    );
  }
  const clauseCount = document.reduce((n, s) => n + s.clauses.length, 0);
  let index = 0;
  return (
    <section className="panel document" aria-label="Document" data-testid="document">
      <div className="document__bar">
        <span className="muted">
          {clauseCount} clauses ·{" "}
          {locked ? "agreed and locked: the text can no longer change" : "double-click a clause to edit its wording"}
        </span>
        {!locked && addButton}
      </div>
      {document.map((section) => (
        <section key={section.id} className="document__section">
          <h2>
            {section.number}. {section.heading}
          </h2>
          {section.clauses.map((clause) => {
            index += 1;
            return editing === clause.id ? (
              <article key={clause.id} id={`clause-${clause.id}`} className="clause clause--editing" data-testid="clause">
                <ClauseEditor
                  clause={clause}
                  terms={terms}
                  onCancel={() => onEdit(null)}
                  onSave={(heading, text) => actions.onSaveText(clause.id, heading, text)}
                />
              </article>
            ) : (
              <ClauseBlock
                key={clause.id}
                clause={clause}
                labels={labels}
                first={index === 1}
                last={index === clauseCount}
                onEdit={() => onEdit(clause.id)}
                onTermClick={onTermClick}
                actions={actions}
                locked={locked}
                comments={
                  <CommentList
                    target={{ kind: "clause", id: clause.id }}
                    sent={comments}
                    pending={pending}
                    onRemove={onRemoveComment}
                  />
                }
              />
            );
          })}
        </section>
      ))}
    </section>
  );
}

function ClauseBlock({
  clause,
  labels,
  first,
  last,
  onEdit,
  onTermClick,
  actions,
  locked,
  comments,
}: {
  clause: DocumentClause;
  labels: Record<string, string>;
  first: boolean;
  last: boolean;
  onEdit: () => void;
  onTermClick: (term: string) => void;
  actions: ClauseActions;
  locked: boolean;
  comments: React.ReactNode;
}) {
  return (
    <article
      id={`clause-${clause.id}`}
      className="clause"
      tabIndex={-1}
      data-testid="clause"
      data-clause={clause.id}
      onDoubleClick={(event) => {
        if (!(event.target as HTMLElement).closest("button")) onEdit();
      }}
    >
      <div className="clause__head">
        <h3>
          {clause.number} {clause.heading}
        </h3>
        {!locked && (
          <div className="clause__actions" role="toolbar" aria-label={`Clause ${clause.number}`}>
            <button type="button" className="button button--small button--quiet" data-testid="clause-edit" onClick={onEdit}>
              Edit
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              data-testid="clause-up"
              aria-label={`Move clause ${clause.number} up`}
              disabled={first}
              onClick={() => actions.onMove(clause.id, "up")}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              data-testid="clause-down"
              aria-label={`Move clause ${clause.number} down`}
              disabled={last}
              onClick={() => actions.onMove(clause.id, "down")}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              data-testid="clause-comment"
              onClick={() => actions.onComment(clause.id, `clause ${clause.number} ${clause.heading}`)}
            >
              Comment
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              data-testid="clause-remove"
              aria-label={`Remove clause ${clause.number}`}
              onClick={() => actions.onRemove(clause.id)}
            >
              Remove
            </button>
          </div>
        )}
      </div>
      {clause.paragraphs.map((paragraph, index) => (
        <Paragraph key={index} segments={paragraph} labels={labels} onTermClick={onTermClick} />
      ))}
      {comments}
    </article>
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
