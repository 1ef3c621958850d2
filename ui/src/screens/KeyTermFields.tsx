import type { KeyTerm, Position } from "../ipc";

type Props = {
  terms: KeyTerm[];
  position: Position;
  /** Only the values the user typed; the others show the position's default. */
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
};

/** The template's key terms, prefilled with the chosen position's defaults. */
export function KeyTermFields({ terms, position, values, onChange }: Props) {
  if (terms.length === 0) return null;
  return (
    <fieldset className="field">
      <legend className="field__label">Key terms</legend>
      <p className="field__hint">The position's defaults; change any now or later in the Terms panel.</p>
      <div className="key-terms">
        {terms.map((term) => {
          const id = `key-term-${term.id}`;
          const value = values[term.id] ?? term.defaults[position];
          const set = (next: string) => onChange({ ...values, [term.id]: next });
          return (
            <div className="key-term" key={term.id}>
              <label htmlFor={id} className="key-term__label">
                {term.label}
              </label>
              {term.options.length > 0 ? (
                <select id={id} className="input" data-testid={id} value={value} onChange={(e) => set(e.target.value)}>
                  {term.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  className="input"
                  data-testid={id}
                  value={value}
                  title={term.help ?? undefined}
                  onChange={(e) => set(e.target.value)}
                />
              )}
              {term.range && <span className="key-term__range muted">Allowed {term.range}</span>}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
