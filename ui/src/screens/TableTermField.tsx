import { useEffect, useState } from "react";
import type { TableInput } from "../ipc";

type Props = {
  termId: string;
  label: string;
  table: TableInput;
  /** Saves the rows; resolves to the reason when the core refuses them. */
  onSave: (rows: string[][]) => Promise<string | null>;
};

/** A credit-tier table or priority matrix edited as a grid; the core checks every cell. */
export function TableTermField({ termId, label, table, onSave }: Props) {
  const [rows, setRows] = useState(table.rows);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // Follow the saved rows when they change (a save, an undo), not on every new view.
  const saved = JSON.stringify(table.rows);
  useEffect(() => {
    setRows(JSON.parse(saved) as string[][]);
  }, [saved]);

  const changed = JSON.stringify(rows) !== saved;

  function setCell(r: number, c: number, value: string) {
    setRows(rows.map((row, i) => (i === r ? row.map((cell, j) => (j === c ? value : cell)) : row)));
  }

  async function save() {
    setSaving(true);
    const refused = await onSave(rows);
    setSaving(false);
    setProblem(refused);
  }

  return (
    <div className="table-field" data-testid={`table-${termId}`}>
      <table className="table-field__grid">
        <thead>
          <tr>
            {table.header.map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
            <th>
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>
                  <input
                    className="input input--cell"
                    aria-label={`${label}, row ${r + 1}, ${table.header[c]}`}
                    data-testid={`cell-${termId}-${r}-${c}`}
                    value={cell}
                    onChange={(event) => setCell(r, c, event.target.value)}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={`Remove row ${r + 1}`}
                  onClick={() => setRows(rows.filter((_, i) => i !== r))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {problem && (
        <p className="field__error" role="alert" data-testid="term-error">
          {problem}
        </p>
      )}
      <div className="table-field__bar">
        <button
          type="button"
          className="button button--small"
          data-testid={`add-row-${termId}`}
          onClick={() => setRows([...rows, table.header.map(() => "")])}
        >
          + Row
        </button>
        {changed && (
          <button type="button" className="button button--small button--quiet" onClick={() => setRows(table.rows)}>
            Reset
          </button>
        )}
        <button
          type="button"
          className="button button--small button--primary"
          data-testid={`save-table-${termId}`}
          disabled={!changed || saving}
          onClick={() => void save()}
        >
          Save table
        </button>
      </div>
    </div>
  );
}
