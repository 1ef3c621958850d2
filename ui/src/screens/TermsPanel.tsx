import { type KeyboardEvent, useEffect, useState } from "react";
import type { TermRow } from "../ipc";
import { Modal } from "../components/Modal";
import type { TableInput } from "../ipc";
import { TableTermField } from "./TableTermField";

type Props = {
  terms: TermRow[];
  /** Saves a new value; resolves to an error message, or null when saved. */
  onSet: (term: string, value: string) => Promise<string | null>;
  /** Saves a table's rows; resolves to an error message, or null when saved. */
  onSetTable: (term: string, rows: string[][]) => Promise<string | null>;
};

/** Every term with a typed input, its allowed range and what its value means. */
export function TermsPanel({ terms, onSet, onSetTable }: Props) {
  return (
    <section className="panel" aria-labelledby="terms-title" data-testid="terms-panel">
      <h2 className="panel__title" id="terms-title">
        Terms
      </h2>
      {terms.length === 0 ? (
        <p className="muted">This agreement has no typed terms.</p>
      ) : (
        <ul className="term-list">
          {terms.map((term) => (
            <TermField key={term.id} term={term} onSet={onSet} onSetTable={onSetTable} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TermField({
  term,
  onSet,
  onSetTable,
}: {
  term: TermRow;
  onSet: Props["onSet"];
  onSetTable: Props["onSetTable"];
}) {
  const [draft, setDraft] = useState(term.input ?? "");
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputId = `term-input-${term.id}`;

  useEffect(() => {
    setDraft(term.input ?? "");
  }, [term.input]);

  async function save(value: string) {
    if (value === (term.input ?? "")) {
      setProblem(null);
      return;
    }
    setSaving(true);
    const error = await onSet(term.id, value);
    setSaving(false);
    setProblem(error);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      void save(draft);
    } else if (event.key === "Escape") {
      setDraft(term.input ?? "");
      setProblem(null);
    }
  }

  const quoted =
    term.quoted_by.length === 0
      ? "Quoted by no clause"
      : `Quoted in ${term.quoted_by.length} clause${term.quoted_by.length === 1 ? "" : "s"}`;

  return (
    <li className="term" data-testid={`term-${term.id}`}>
      <label className="field__label" htmlFor={inputId}>
        {term.label}
      </label>
      {term.table && term.table.header.length > 2 ? (
        <WideTableTerm term={term} table={term.table} onSetTable={onSetTable} />
      ) : term.table ? (
        <TableTermField
          termId={term.id}
          label={term.label}
          table={term.table}
          onSave={(rows) => onSetTable(term.id, rows)}
        />
      ) : term.input === null ? (
        <p className="term__value" id={inputId} tabIndex={-1}>
          {term.value}
        </p>
      ) : term.options.length > 0 ? (
        <select
          id={inputId}
          className="input"
          data-testid={inputId}
          value={draft}
          disabled={saving}
          onChange={(event) => {
            setDraft(event.target.value);
            void save(event.target.value);
          }}
        >
          {term.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={inputId}
          className="input"
          data-testid={inputId}
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-error` : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => void save(draft)}
        />
      )}
      {problem && (
        <p className="field__error" id={`${inputId}-error`} role="alert" data-testid="term-error">
          {problem}
        </p>
      )}
      {term.meaning && (
        <p className="term__meaning" data-testid={`meaning-${term.id}`}>
          {term.meaning.charAt(0).toUpperCase() + term.meaning.slice(1)}
        </p>
      )}
      <p className="term__facts">
        {term.range && <>Allowed {term.range} · </>}
        {quoted} · <span className="mono">{term.id}</span>
      </p>
    </li>
  );
}

/** A table too wide for the side panel (the priority matrix): a summary, edited in a dialog. */
function WideTableTerm({
  term,
  table,
  onSetTable,
}: {
  term: TermRow;
  table: TableInput;
  onSetTable: Props["onSetTable"];
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="wide-table-term">
      <span className="term__value">
        {table.rows.length} row{table.rows.length === 1 ? "" : "s"}: {table.rows.map((row) => row[0]).join(", ")}
      </span>
      <button
        type="button"
        className="button button--small"
        id={`term-input-${term.id}`}
        data-testid={`edit-table-${term.id}`}
        onClick={() => setOpen(true)}
      >
        Edit table…
      </button>
      {open && (
        <Modal title={term.label} onClose={() => setOpen(false)} wide testId="table-dialog">
          <TableTermField
            termId={term.id}
            label={term.label}
            table={table}
            onSave={async (rows) => {
              const refused = await onSetTable(term.id, rows);
              if (refused === null) setOpen(false);
              return refused;
            }}
          />
        </Modal>
      )}
    </div>
  );
}
