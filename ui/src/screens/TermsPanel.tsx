import { type KeyboardEvent, useEffect, useState } from "react";
import type { TermRow } from "../ipc";

type Props = {
  terms: TermRow[];
  /** Saves a new value; resolves to an error message, or null when saved. */
  onSet: (term: string, value: string) => Promise<string | null>;
};

/** Every term with a typed input, its allowed range and what its value means. */
export function TermsPanel({ terms, onSet }: Props) {
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
            <TermField key={term.id} term={term} onSet={onSet} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TermField({ term, onSet }: { term: TermRow; onSet: Props["onSet"] }) {
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
      {term.input === null ? (
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
