import { useEffect, useState } from "react";
import { Modal } from "../components/Modal";
import { POSITIONS } from "../format";
import type { AddClause, ApiError, DocumentSection, LibraryClause, Position } from "../ipc";
import { libraryClauses } from "../ipc";

type Props = {
  sections: DocumentSection[];
  /** Clause ids already in the draft. */
  present: string[];
  onAdd: (request: AddClause) => Promise<string | null>;
  onClose: () => void;
  onError: (error: ApiError) => void;
};

const BY_CATEGORY = "";

/** The clause library, searchable and grouped by category; a clause is added in a chosen position. */
export function AddClauseDialog({ sections, present, onAdd, onClose, onError }: Props) {
  const [clauses, setClauses] = useState<LibraryClause[] | null>(null);
  const [query, setQuery] = useState("");
  const [position, setPosition] = useState<Position>("balanced");
  const [section, setSection] = useState(BY_CATEGORY);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    libraryClauses().then(setClauses, onError);
  }, [onError]);

  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = (clauses ?? []).filter((c) => {
    const haystack = `${c.heading} ${c.category} ${c.summary} ${c.terms.join(" ")}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  const categories = [...new Set(matching.map((c) => c.category))];

  async function add(clause: LibraryClause) {
    setProblem(await onAdd({ clause: clause.id, position, section: section === BY_CATEGORY ? null : section }));
  }

  return (
    <Modal title="Add a clause from the library" onClose={onClose} testId="add-clause-dialog">
      <div className="dialog-form">
        <div className="field">
          <label className="field__label" htmlFor="clause-search">
            Search
          </label>
          <input
            id="clause-search"
            className="input"
            type="search"
            data-autofocus
            data-testid="clause-search"
            placeholder="e.g. credits, escalation, indemnity"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
        <div className="field-row">
          <label className="field">
            <span className="field__label">Position</span>
            <select
              className="input"
              data-testid="clause-position"
              value={position}
              onChange={(event) => setPosition(event.target.value as Position)}
            >
              {POSITIONS.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Add to section</span>
            <select
              className="input"
              data-testid="clause-section"
              value={section}
              onChange={(event) => setSection(event.target.value)}
            >
              <option value={BY_CATEGORY}>By category</option>
              {sections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.number}. {s.heading}
                </option>
              ))}
            </select>
          </label>
        </div>
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
        <div className="library-list" data-testid="library-list">
          {clauses === null && <p className="muted">Loading the clause library…</p>}
          {clauses !== null && matching.length === 0 && <p className="muted">No clause matches “{query}”.</p>}
          {categories.map((category) => (
            <section key={category} aria-label={category}>
              <h3 className="library-list__category">{category}</h3>
              <ul className="plain-list">
                {matching
                  .filter((c) => c.category === category)
                  .map((c) => {
                    const inDraft = present.includes(c.id);
                    return (
                      <li key={c.id} className="library-item" data-testid="library-clause" data-clause={c.id}>
                        <div>
                          <strong>{c.heading}</strong>
                          <p className="muted library-item__summary">{c.summary}</p>
                        </div>
                        <button
                          type="button"
                          className="button button--small"
                          disabled={inDraft}
                          data-testid="library-add"
                          onClick={() => void add(c)}
                        >
                          {inDraft ? "In the draft" : "Add"}
                        </button>
                      </li>
                    );
                  })}
              </ul>
            </section>
          ))}
        </div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}
