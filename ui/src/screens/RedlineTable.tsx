import type { TableChange } from "../ipc";

/**
 * One side of a table term's row-by-row redline: the older table with deleted rows and
 * changed cells struck through, or the newer one with inserted rows and changed cells
 * underlined. The rows and cells come compared from the core.
 */
export function RedlineTable({ table, side }: { table: TableChange; side: "old" | "new" }) {
  const hidden = side === "old" ? "inserted" : "deleted";
  const Mark = side === "old" ? "del" : "ins";
  const markClass = side === "old" ? "redline__del" : "redline__ins";
  return (
    <table className="redline__table" data-testid={`redline-table-${side}`}>
      <thead>
        <tr>
          {table.header.map((heading) => (
            <th key={heading} scope="col">
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows
          .filter((row) => row.kind !== hidden)
          .map((row, r) => (
            <tr key={r} data-kind={row.kind}>
              {row.cells.map((cell, c) => {
                const text = (side === "old" ? cell.old : cell.new) ?? "";
                const marked = row.kind !== "unchanged" && (row.kind !== "changed" || cell.old !== cell.new);
                return <td key={c}>{marked ? <Mark className={markClass}>{text}</Mark> : text}</td>;
              })}
            </tr>
          ))}
      </tbody>
    </table>
  );
}
